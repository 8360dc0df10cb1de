import { describe, expect, it } from 'vitest';
import { appendLines, pluralize } from '../../src/reporters/text.js';

describe('appendLines', () => {
  it('adds every block in order', () => {
    const lines = ['a'];
    appendLines(lines, ['b', 'c'], [], ['d']);
    expect(lines).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes a block far longer than a call may have arguments', () => {
    const block = Array.from({ length: 1_000_000 }, (_, i) => String(i));
    // What a spread into push would do with it:
    expect(() => [].push(...(block as never[]))).toThrow(RangeError);
    const lines: string[] = [];
    appendLines(lines, block);
    expect(lines).toHaveLength(1_000_000);
    expect(lines.at(-1)).toBe('999999');
  });
});

describe('pluralize', () => {
  it.each([
    [0, 'files'],
    [1, 'file'],
    [2, 'files'],
  ])('%i', (n, word) => {
    expect(pluralize(n, 'file')).toBe(`${n} ${word}`);
  });
});
