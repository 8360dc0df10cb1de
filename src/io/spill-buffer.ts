import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { trackTemp } from './write-atomic.js';

/** In memory up to this many characters; a longer text goes to disk. */
const MEMORY_LIMIT = 1024 * 1024;
/**
 * Read back in pieces small enough to stay in V8's young generation (strings
 * over about 128 KiB go straight to the old one, where read-back pieces piled up
 * as garbage: 160 MiB peak on a 150 MB report read in 1 MiB pieces, 105 in 32 KiB ones).
 */
const READ_CHUNK = 32 * 1024;

/**
 * Text held back until what goes before it is known (a report whose header
 * counts every file): in memory while it is small, then in a temporary file,
 * so that memory stays flat however long the text grows. The file is unlinked
 * as soon as it is opened, so not even a kill -9 leaves it behind.
 */
export class SpillBuffer {
  private chunks: string[] = [];
  private held = 0;
  private fd: number | undefined;

  constructor(private readonly limit = MEMORY_LIMIT) {}

  write(text: string): void {
    if (this.fd !== undefined) {
      writeSync(this.fd, text);
      return;
    }
    this.chunks.push(text);
    this.held += text.length;
    if (this.held > this.limit) this.spill();
  }

  /** Everything written, in order, in pieces of at most READ_CHUNK bytes; the buffer is empty afterwards. */
  *drain(): Generator<string> {
    if (this.fd === undefined) {
      const chunks = this.chunks;
      this.chunks = [];
      this.held = 0;
      yield* chunks;
      return;
    }
    const fd = this.fd;
    try {
      const decoder = new StringDecoder('utf8');
      const buffer = Buffer.allocUnsafe(READ_CHUNK);
      let position = 0;
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, position);
        if (n === 0) break;
        position += n;
        yield decoder.write(buffer.subarray(0, n));
      }
      const rest = decoder.end();
      if (rest) yield rest;
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.chunks = [];
    this.held = 0;
  }

  private spill(): void {
    const path = join(tmpdir(), `.harm-spill-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(path, 'wx+', 0o600);
    try {
      rmSync(path);
    } catch {
      // A system that cannot unlink an open file removes it when the process ends.
      trackTemp(path);
    }
    this.fd = fd;
    for (const chunk of this.chunks) writeSync(fd, chunk);
    this.chunks = [];
    this.held = 0;
  }
}
