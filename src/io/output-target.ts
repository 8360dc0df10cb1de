import { closeSync, lstatSync, openSync, statSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ClosedPipeError, UsageError } from '../core/errors.js';
import { AtomicFile, describeUnreplaceable, MAX_NAME_BYTES } from './write-atomic.js';

/** Where a command's output goes: written in parts, then closed (a file is renamed into place) or aborted (a file is left as it was). */
export interface OutputSink {
  write(chunk: string): void;
  /** When the last write filled the stream's buffer (a slow pipe), resolves once it has drained. */
  drained?(): Promise<void> | undefined;
  close(): void;
  abort(): void;
}

export interface TextStream {
  write(chunk: string): boolean | void;
  once?(event: 'drain', listener: () => void): unknown;
}

/** A file the command reads, which its output must not replace. */
export interface FileInUse {
  path: string;
  /** What it is, to complete "… is <role>": "one of the files being checked", "the config in use". */
  role: string;
}

/** Paths that name a descriptor this process already has: written to that descriptor, as shells do. */
const DESCRIPTOR_PATH = /^\/(?:dev\/(stdout|stderr|fd\/(\d+))|proc\/self\/fd\/(\d+))$/;

/** One sentence for a failed write, naming the output as the user did. */
export function describeWriteError(shown: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENAMETOOLONG':
      return `The file name ${shown} is too long for the file system.`;
    case 'ENOENT':
      return `Cannot write ${shown}: the folder ${dirname(shown)} does not exist.`;
    case 'ENOTDIR':
      return `Cannot write ${shown}: ${dirname(shown)} is not a folder.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot write ${shown}: permission denied.`;
    case 'ENOSPC':
      return `Cannot write ${shown}: the disk is full.`;
    case 'EDQUOT':
      return `Cannot write ${shown}: the disk quota is used up.`;
    case 'EROFS':
      return `Cannot write ${shown}: the file system is read-only.`;
    case 'EISDIR':
      return `${shown} is a folder; name a file to write to.`;
    default:
      return `Cannot write ${shown} (${code ?? (error as Error).message}).`;
  }
}

function rethrow(shown: string, error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new ClosedPipeError();
  throw new UsageError(describeWriteError(shown, error));
}

/**
 * A stream the process already has (stdout). A pipe to a slow reader buffers
 * what it cannot pass on yet, so the writer waits for it to drain rather than
 * hold the whole report in memory.
 */
export function streamSink(stream: TextStream): OutputSink {
  let full = false;
  return {
    write: (chunk) => {
      if (stream.write(chunk) === false) full = true;
    },
    drained: () => {
      if (!full || !stream.once) return undefined;
      full = false;
      return new Promise<void>((resolve) => void stream.once!('drain', resolve));
    },
    close: () => {},
    abort: () => {},
  };
}

function descriptorSink(fd: number, shown: string, owned: boolean): OutputSink {
  const done = () => {
    if (owned) closeSync(fd);
  };
  return {
    write: (chunk) => {
      try {
        writeSync(fd, chunk);
      } catch (error) {
        rethrow(shown, error);
      }
    },
    close: done,
    abort: done,
  };
}

function atomicSink(file: AtomicFile, shown: string): OutputSink {
  return {
    write: (chunk) => {
      try {
        file.write(chunk);
      } catch (error) {
        rethrow(shown, error);
      }
    },
    close: () => {
      try {
        file.commit();
      } catch (error) {
        file.abort();
        rethrow(shown, error);
      }
    },
    abort: () => file.abort(),
  };
}

/** The file in use that `path` is (the same file, through any link), if any. */
function findInUse(path: string, inUse: Iterable<FileInUse>): FileInUse | undefined {
  const target = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (!target) return undefined;
  for (const file of inUse) {
    const stat = statSync(file.path, { bigint: true, throwIfNoEntry: false });
    if (stat && stat.ino === target.ino && stat.dev === target.dev) return file;
  }
  return undefined;
}

/**
 * Opens `path` (absolute; `shown` as the user wrote it) for a command's output.
 * A regular file or a new path is replaced atomically; `/dev/stdout`, `/dev/fd/N`
 * and the like are written to that descriptor; a pipe or a character device
 * (`/dev/null`, a terminal) is written as a stream. Anything else, a file the
 * command reads, and a folder that does not exist are refused with one sentence.
 */
export function openOutput(path: string, shown: string, std: { stdout: TextStream; stderr: TextStream }, inUse: Iterable<FileInUse> = []): OutputSink {
  const descriptor = DESCRIPTOR_PATH.exec(path);
  if (descriptor) {
    const fd = descriptor[1] === 'stdout' ? 1 : descriptor[1] === 'stderr' ? 2 : Number(descriptor[2] ?? descriptor[3]);
    if (fd === 1) return streamSink(std.stdout);
    if (fd === 2) return streamSink(std.stderr);
    return descriptorSink(fd, shown, false);
  }
  if (Buffer.byteLength(basename(path)) > MAX_NAME_BYTES) throw new UsageError(describeWriteError(shown, { code: 'ENAMETOOLONG' }));
  let stat;
  try {
    stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat) {
      const folder = statSync(dirname(path), { throwIfNoEntry: false });
      if (!folder) throw Object.assign(new Error('no folder'), { code: 'ENOENT' });
      if (!folder.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    }
  } catch (error) {
    throw new UsageError(describeWriteError(shown, error));
  }
  if (stat && (stat.isFIFO() || stat.isCharacterDevice())) {
    try {
      return descriptorSink(openSync(path, 'w'), shown, true);
    } catch (error) {
      throw new UsageError(describeWriteError(shown, error));
    }
  }
  const what = describeUnreplaceable(path);
  if (what === 'a folder') throw new UsageError(`${shown} is a folder; name a file to write to.`);
  if (what === 'a symbolic link') throw new UsageError(`${shown} is a symbolic link; harm replaces only regular files, so name the file it points to.`);
  if (what) throw new UsageError(`${shown} is ${what}; harm writes only to regular files, new files, pipes and terminals.`);
  const used = stat ? findInUse(path, inUse) : undefined;
  if (used) throw new UsageError(`${shown} is ${used.role}; write the output to another file.`);
  try {
    return atomicSink(new AtomicFile(path), shown);
  } catch (error) {
    throw new UsageError(describeWriteError(shown, error));
  }
}
