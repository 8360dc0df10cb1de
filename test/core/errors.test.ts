import { describe, expect, it } from 'vitest';
import { ClosedPipeError, HarmError, InterruptedError, SetupError, UsageError } from '../../src/core/errors.js';

describe('errors that stop a command', () => {
  it.each<[string, () => HarmError, string, string, number]>([
    ['a command that cannot go on', () => new HarmError('The file cannot be read.'), 'HarmError', 'The file cannot be read.', 2],
    ['a usage problem', () => new UsageError('There is no command "harm frob".'), 'UsageError', 'There is no command "harm frob".', 2],
    ['a catalog or config that cannot be used', () => new SetupError('The catalog has errors.', []), 'SetupError', 'The catalog has errors.', 2],
    ['Ctrl-C in a questionnaire (SPEC: 130, nothing written)', () => new InterruptedError(), 'InterruptedError', 'Interrupted: nothing was written.', 130],
    ['the reader of the output gone, as SIGPIPE would end a Unix tool (128 + 13)', () => new ClosedPipeError(), 'ClosedPipeError', 'The output was closed before it was complete.', 141],
  ])('%s', (_name, make, kind, message, exitCode) => {
    const error = make();
    expect(error).toBeInstanceOf(HarmError);
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(exitCode);
    // HARM_DEBUG=1 prints the stack, whose first line names the kind of error.
    expect(error.name).toBe(kind);
    expect(error.stack?.split('\n')[0]).toBe(`${kind}: ${message}`);
  });
});
