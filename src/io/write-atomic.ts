import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Temporary files are `.<name>.harm-<pid>-<random>.tmp` beside their target:
 * hidden, recognisable as harm's, and naming the process that owns them.
 */
const TEMP_NAME = /^\.(?:.+\.)?harm-(\d+)-[0-9a-f]{8}\.tmp$/;
/** The longest file name most file systems take, in bytes. */
export const MAX_NAME_BYTES = 255;
/**
 * A temporary file left by a process that no longer runs is removed once it is
 * this old. The age guards a run in another PID namespace (a container sharing
 * the folder), whose process this one cannot see: a live run writes to its
 * temporary file as it goes, and creates it only when it has something to write.
 */
export const STALE_AFTER_MS = 10 * 60 * 1000;

function tempPathFor(path: string): string {
  const suffix = `harm-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const name = `.${basename(path)}.${suffix}`;
  // Beside a name near the limit the long form would not fit; the short one does the same job.
  return join(dirname(path), Buffer.byteLength(name) <= MAX_NAME_BYTES ? name : `.${suffix}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files in `dir` that this user's harm processes left behind when they were killed. */
function removeStaleTemps(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || Number(match[1]) === process.pid) continue;
    const path = join(dir, name);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile() || (uid !== undefined && stat.uid !== uid)) continue;
    if (now - stat.mtimeMs < STALE_AFTER_MS || isRunning(Number(match[1]))) continue;
    rmSync(path, { force: true });
  }
}

// Temporary files of this process, removed when it exits or is interrupted before they are renamed.
const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeLiveTemps(): void {
  for (const path of live) rmSync(path, { force: true });
  live.clear();
}

/** Ends the process as the signal would have, once the temporary files are gone. */
function onSignal(signal: NodeJS.Signals): void {
  removeLiveTemps();
  unwatch();
  process.kill(process.pid, signal);
}

function watch(path: string): void {
  if (live.size === 0) {
    process.on('exit', removeLiveTemps);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  live.add(path);
}

function unwatch(path?: string): void {
  if (path !== undefined) live.delete(path);
  if (live.size > 0) return;
  process.off('exit', removeLiveTemps);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Keeps a temporary file from outliving the process: removed on exit and on SIGINT, SIGTERM and SIGHUP. */
export function trackTemp(path: string): () => void {
  watch(path);
  return () => unwatch(path);
}

/** Why an existing path cannot be replaced by a regular file; undefined when it can (or does not exist). */
export function describeUnreplaceable(path: string): string | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isFile()) return undefined;
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

export interface AtomicFileOptions {
  /** Refuse to replace an existing file. */
  exclusive?: boolean;
}

/**
 * A file written in parts that readers see whole or not at all: the parts go to
 * a temporary file beside it, created on the first write, and `commit` flushes
 * it and renames it over the target. Until then the target is untouched; `abort`,
 * an exit or a signal removes the temporary file.
 */
export class AtomicFile {
  private fd: number | undefined;
  private tmp: string | undefined;
  private untrack: (() => void) | undefined;
  private readonly mode: number;

  constructor(
    readonly path: string,
    private readonly opts: AtomicFileOptions = {},
  ) {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat && opts.exclusive) throw Object.assign(new Error(`${path} already exists`), { code: 'EEXIST' });
    const what = describeUnreplaceable(path);
    if (what) throw Object.assign(new Error(`${path} is ${what}`), { code: 'ENOTREG', what });
    // A replaced file keeps its permissions; a new one gets the umask's.
    this.mode = stat ? stat.mode & 0o777 : 0o666;
    removeStaleTemps(dirname(path));
  }

  write(chunk: string): void {
    writeSync(this.fd ?? this.open(), chunk);
  }

  commit(): void {
    const fd = this.fd ?? this.open();
    const tmp = this.tmp!;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      this.fd = undefined;
    }
    try {
      // A hard link fails if the name was taken meanwhile, where a rename would replace it.
      if (this.opts.exclusive) linkSync(tmp, this.path);
      else renameSync(tmp, this.path);
    } finally {
      // After a rename there is nothing left to remove; after a link or a failure there is.
      rmSync(tmp, { force: true });
      this.release();
    }
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.tmp !== undefined) rmSync(this.tmp, { force: true });
    this.release();
  }

  private open(): number {
    this.tmp = tempPathFor(this.path);
    // Watched before it exists: a signal between the two would otherwise end the process with the file left behind.
    this.untrack = trackTemp(this.tmp);
    this.fd = openSync(this.tmp, 'wx', this.mode);
    return this.fd;
  }

  private release(): void {
    this.untrack?.();
    this.untrack = undefined;
  }
}

/**
 * Replaces `path` with `content` so that readers see the old file or the new one,
 * never a half-written one. Only a regular file or a new path is written;
 * `exclusive` refuses to replace an existing file.
 */
export function writeFileAtomic(path: string, content: string, opts: AtomicFileOptions = {}): void {
  const file = new AtomicFile(path, opts);
  try {
    file.write(content);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
