import { expect } from 'vitest';
import { readGolden } from '../helpers/golden.js';

/** Compares with test/golden/check/<name>.txt; UPDATE_GOLDEN=1 rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  expect(actual).toBe(readGolden('check', name, actual));
}
