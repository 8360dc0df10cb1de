import type { OutputSink } from '../io/output-target.js';
import { SpillBuffer } from '../io/spill-buffer.js';
import type { CheckStream, FileResult, RunEnd } from '../reporters/types.js';

/**
 * Text is handed to the output in pieces of about this many characters: small
 * enough to stay in V8's young generation, where it dies cheaply once written.
 */
const PIECE = 16 * 1024;

/**
 * Writes one streamed report to its output as the files are checked. When the
 * report's head depends on every file (SARIF's rules, JUnit's totals, the
 * Markdown outcome), the files' text is held back in a SpillBuffer, on disk once
 * it grows, and written after the head.
 */
export class ReportWriter {
  private pending = '';
  private readonly held: SpillBuffer | undefined;

  constructor(
    private readonly stream: CheckStream,
    private readonly sink: OutputSink,
  ) {
    if (stream.head === undefined) this.held = new SpillBuffer();
    else this.pending = stream.head;
  }

  /** Adds a file's text; a promise when the output must drain before more is written. */
  file(result: FileResult): Promise<void> | undefined {
    this.pending += this.stream.file(result);
    if (this.pending.length < PIECE) return undefined;
    this.flush();
    return this.held ? undefined : this.sink.drained?.();
  }

  /** Writes the rest and makes the output whole (a file is renamed into place). */
  async finish(end: RunEnd): Promise<void> {
    const { head = '', tail } = this.stream.finish(end);
    this.flush();
    if (this.held) {
      this.sink.write(head);
      for (const piece of this.held.drain()) {
        this.sink.write(piece);
        await this.sink.drained?.();
      }
    }
    this.sink.write(tail);
    this.sink.close();
  }

  /** Leaves a file output as it was. */
  abort(): void {
    this.held?.dispose();
    this.sink.abort();
  }

  private flush(): void {
    if (this.pending === '') return;
    if (this.held) this.held.write(this.pending);
    else this.sink.write(this.pending);
    this.pending = '';
  }
}
