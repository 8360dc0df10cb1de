import type { Finding } from '../schema/output.js';

/**
 * Something that stops a command from producing a report: a bad flag, a missing
 * file, a broken catalog or config. Findings about the user's documents are never
 * errors; they are data in the report. The CLI maps these to exit codes in one place.
 */
export class HarmError extends Error {
  constructor(
    message: string,
    readonly exitCode: 2 | 130 | 141 = 2,
    /** Findings to print on stderr (a broken catalog or config). */
    readonly findings: readonly Finding[] = [],
  ) {
    super(message);
    this.name = 'HarmError';
  }
}

export class UsageError extends HarmError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** A catalog or config that cannot be used; its findings go to stderr. */
export class SetupError extends HarmError {
  constructor(message: string, findings: readonly Finding[]) {
    super(message, 2, findings);
    this.name = 'SetupError';
  }
}

/** Ctrl-C in the questionnaire: nothing was written. */
export class InterruptedError extends HarmError {
  constructor(message = 'Interrupted: nothing was written.') {
    super(message, 130);
    this.name = 'InterruptedError';
  }
}

/**
 * The reader of the output went away (`harm … | head -1`): stop quietly, with the
 * status of a Unix tool ended by SIGPIPE (128 + 13), so that a pipeline under
 * `set -o pipefail` does not take a report nobody read for a pass.
 */
export class ClosedPipeError extends HarmError {
  constructor() {
    super('The output was closed before it was complete.', 141);
    this.name = 'ClosedPipeError';
  }
}
