import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { tooLargeMessage } from './yaml/decode.js';
import { MAX_FILE_BYTES } from './yaml/limits.js';

/** Why a file's bytes could not be had, as a finding's rule and message. */
export interface SourceProblem {
  rule: 'yaml-syntax' | 'file-too-large';
  message: string;
}

// Opening a FIFO for reading waits for a writer unless it is opened non-blocking
// (a regular file is read the same either way); O_NOCTTY keeps a terminal device
// from becoming the process's controlling terminal. Windows has neither.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function notRegular(stats: Stats): string {
  const kind = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a named pipe (FIFO)'
      : stats.isSocket()
        ? 'a socket'
        : stats.isCharacterDevice() || stats.isBlockDevice()
          ? 'a device'
          : undefined;
  return `${kind ? `it is ${kind}, not` : 'it is not'} a regular file; harm reads regular files only`;
}

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist (it may have been deleted or moved after the files were listed)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'its symbolic links form a loop',
  EISDIR: 'it is a folder',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
};

function reasonFor(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? code ?? (error as Error).message;
}

const unreadable = (reason: string): { problem: SourceProblem } => ({ problem: { rule: 'yaml-syntax', message: `The file could not be read: ${reason}.` } });

/**
 * A file's bytes, reading at most MAX_FILE_BYTES + 1 of them from anything, so
 * that no input can make harm wait or read without end: only a regular file is
 * read (a FIFO, a device such as /dev/zero, a socket or a folder, also behind a
 * symbolic link, is a problem), a file whose size is over the limit is not read
 * at all, and one that grows while it is read stops at the limit. Every failure
 * (a file deleted after it was listed, no permission) is a problem with the
 * yaml-syntax rule, never an exception: it is what stops the file from being
 * read as a YAML document, and like a file that does not parse it is always an
 * error that no config can turn off.
 */
export function readSourceBytes(path: string): { bytes: Uint8Array } | { problem: SourceProblem } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return unreadable(reasonFor(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return unreadable(notRegular(stats));
    if (stats.size > MAX_FILE_BYTES) return { problem: { rule: 'file-too-large', message: tooLargeMessage(stats.size) } };
    // Sized from the file's own account, and grown if it holds more (files in /proc say 0).
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) return { problem: { rule: 'file-too-large', message: tooLargeMessage(undefined) } };
        const grown = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 64 * 1024), MAX_FILE_BYTES + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return unreadable(reasonFor(error));
  } finally {
    closeSync(fd);
  }
}
