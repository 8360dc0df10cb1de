import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitText, truncateText, wrapLines } from '../../src/prompts/terminal-text.js';

describe('wrapLines', () => {
  it.each([
    ['  one two three four', 12, ['  one two', '  three four']],
    ['short', 80, ['short']],
    ['', 10, ['']],
    ['first\n  second line here', 10, ['first', '  second', '  line', '  here']],
    // Colour codes take no columns.
    ['\x1b[1mbold\x1b[22m word', 9, ['\x1b[1mbold\x1b[22m word']],
    // Wide characters take two.
    ['漢字 漢字 漢字', 9, ['漢字 漢字', '漢字']],
    // A word longer than the line is cut rather than left to run past the edge.
    ['https://example.com/a/very/long/path', 12, ['https://exam', 'ple.com/a/ve', 'ry/long/path']],
  ])('wraps %j to %i columns', (text, width, lines) => {
    expect(wrapLines(text, width)).toEqual(lines);
  });

  it('never gives a line wider than the width, and keeps every word in order', () => {
    const word = fc.stringMatching(/^[a-z漢字é]{1,15}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 20, max: 100 }),
        (words, indent, width) => {
          const text = ' '.repeat(indent) + words.join(' ');
          const lines = wrapLines(text, width);
          for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
          expect(
            lines
              .map((l) => l.trim())
              .join('')
              .replace(/ /g, ''),
          ).toBe(words.join(''));
          for (const line of lines) expect(line.startsWith(' '.repeat(indent))).toBe(true);
        },
      ),
    );
  });
});

describe('truncateText and fitText', () => {
  it.each([
    ['Physical', 20, 'Physical'],
    ['Individual autonomy and beyond', 20, 'Individual autonomy…'],
    ['個人の自律と自由について', 10, '個人の自…'],
  ])('truncateText(%j, %i) is %j', (text, width, expected) => {
    expect(truncateText(text, width)).toBe(expected);
    expect(stringWidth(truncateText(text, width))).toBeLessThanOrEqual(width);
  });

  it('fitText fills exactly the width, wide characters counted twice', () => {
    for (const text of ['Physical', '個人の自律と自由について', 'Individual autonomy and beyond', '']) expect(stringWidth(fitText(text, 20))).toBe(20);
  });
});
