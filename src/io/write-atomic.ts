import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `content` so that readers see the old file or the new one,
 * never a half-written one: write a temporary file beside it, flush, rename.
 * `exclusive` refuses to replace an existing file.
 */
export function writeFileAtomic(path: string, content: string, opts: { exclusive?: boolean } = {}): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o777;
    if (opts.exclusive) throw Object.assign(new Error(`${path} already exists`), { code: 'EEXIST' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    // A hard link fails if the name was taken meanwhile, where a rename would replace it.
    if (opts.exclusive) linkSync(tmp, path);
    else renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  if (opts.exclusive) rmSync(tmp, { force: true });
}
