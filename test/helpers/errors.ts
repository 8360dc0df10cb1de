import { HarmError } from '../../src/core/errors.js';

/** The HarmError that `fn` throws; any other outcome fails the test. */
export function failure(fn: () => unknown): HarmError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HarmError) return error;
    throw error;
  }
  throw new Error('expected a HarmError');
}
