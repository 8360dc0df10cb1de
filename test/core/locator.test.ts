import { describe, expect, it } from 'vitest';
import { nowhere, type Path } from '../../src/core/locator.js';

describe('nowhere', () => {
  it.each<[string, Path]>([
    ['the document', []],
    ['a nested key', ['feature', 'owner']],
    ['a list entry', ['harms', 3, 'factors']],
  ])('places %s, read from no file, at 1:1 (value, key and first key)', (_name, path) => {
    for (const where of [nowhere.value(path), nowhere.key(path), nowhere.firstKey(path)]) expect(where).toEqual({ line: 1, column: 1 });
  });
});
