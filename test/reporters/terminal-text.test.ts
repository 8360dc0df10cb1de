import { Chalk } from 'chalk';
import { eastAsianWidth } from 'get-east-asian-width';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatGrid } from '../../src/reporters/terminal-grid.js';
import {
  indentLines,
  joinWrapped,
  markLines,
  measureText,
  measureWidest,
  padEnd,
  resolveWidth,
  trimLineEnd,
  wrapLabelled,
  wrapSegments,
  wrapText,
} from '../../src/reporters/terminal-text.js';

const ESC = '\u001b';
const paint = new Chalk({ level: 1 });

describe('measuring', () => {
  it.each([
    [`${ESC}[31mhigh${ESC}[39m`, 4],
    ['金融', 4],
    ['e\u0301', 1],
    ['9.4 critical → 8.7 high', 23],
    ['░░██', 4],
    ['', 0],
  ])('%j takes %i columns', (text, width) => {
    expect(measureText(text)).toBe(width);
  });

  it('measures the symbols the reports draw as the Unicode width table does, one column each', () => {
    for (const symbol of '·→─—–−░█✓✗○⊘≥') {
      expect(eastAsianWidth(symbol.codePointAt(0)!), symbol).toBe(1);
      expect(measureText(symbol)).toBe(1);
    }
  });

  it.each([
    ['emoji', '🙂', 2],
    ['fullwidth', 'ＡＢ', 4],
    ['hangul', '한국어', 6],
    ['combining marks only', '\u0301\u0302', 0],
    ['zero-width joiner', 'a\u200Db', 2],
  ])('measures %s', (_name, text, width) => {
    expect(measureText(text)).toBe(width);
  });

  it('finds the widest of many texts without spreading them into a call', () => {
    expect(measureWidest([])).toBe(0);
    expect(measureWidest(['a', '金融x', 'bc'])).toBe(5);
    expect(measureWidest(Array.from({ length: 200_000 }, (_, i) => 'x'.repeat(i % 7)))).toBe(6);
  });

  it('pads by columns, not by code units', () => {
    expect(padEnd('金', 4)).toBe('金  ');
    expect(padEnd(paint.red('ab'), 3)).toBe(`${paint.red('ab')} `);
    expect(stripAnsi(paint.bold.red('x'))).toBe('x');
  });
});

describe('wrapping', () => {
  it('breaks at spaces, and breaks a word only when it is wider than the line', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('一二三四五', 4)).toEqual(['一二', '三四', '五']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 10)).toEqual(['']);
    // A combining mark stays with its letter when a word is broken.
    expect(wrapText('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301']);
    expect(wrapText('\u0301abc', 2)).toEqual(['\u0301ab', 'c']);
  });

  it('puts user text on one line, inert, before wrapping it', () => {
    expect(wrapText('a\n\tb  c', 80)).toEqual(['a b c']);
    expect(wrapText(`x${ESC}[2Jy`, 80)).toEqual(['x\\u001B[2Jy']);
  });

  it('keeps a segment marked together on one line wherever it fits on a line', () => {
    const lines = wrapSegments([['severity'], ['9.4 critical', undefined, true], ['→'], ['8.7 high', undefined, true]], 14);
    expect(lines).toEqual(['severity', '9.4 critical →', '8.7 high']);
    // The glue that holds it together never reaches the output.
    expect(lines.join('\n')).not.toContain('\u00a0');
  });

  it('keeps each style on every line a styled text is wrapped over', () => {
    const lines = wrapText('alpha beta gamma', 6, paint.red);
    expect(lines.map(stripAnsi)).toEqual(['alpha', 'beta', 'gamma']);
    for (const line of lines) expect(line.startsWith(`${ESC}[31m`) && line.endsWith(`${ESC}[39m`)).toBe(true);
  });

  it('wraps labelled text under itself, and joins items breaking only between them', () => {
    expect(wrapLabelled('why', 'one two three', 12)).toEqual(['why  one two', '     three']);
    expect(wrapLabelled('key:', 'a b c d', 9, { gap: 1 })).toEqual(['key: a b', '     c d']);
    expect(joinWrapped(['Owner: a b', 'Stage: beta', 'Framework: x v1'], 24)).toEqual(['Owner: a b · Stage: beta', 'Framework: x v1']);
  });

  it('marks, indents and trims lines', () => {
    expect(markLines('✓', ['a', 'b'])).toEqual(['✓ a', '  b']);
    expect(indentLines(['a', '', 'b'], '  ')).toEqual(['  a', '', '  b']);
    expect(trimLineEnd(`${paint.red('x  ')}`)).toBe(`${ESC}[31mx${ESC}[39m`);
  });

  it.each([
    [0, 40, 80],
    [Number.NaN, 40, 80],
    [30, 40, 40],
    [100.7, 40, 100],
  ])('resolves width %d (at least %d) to %d', (width, min, expected) => {
    expect(resolveWidth(width, min)).toBe(expected);
  });
});

describe('formatGrid', () => {
  it('lines up columns two spaces apart, aligned as asked, cells of several lines included', () => {
    expect(
      formatGrid(
        [
          [['Name'], ['N']],
          [['Individual', 'autonomy'], ['12']],
          [['金融'], ['3']],
        ],
        ['left', 'right'],
      ),
    ).toEqual(['Name         N', 'Individual  12', 'autonomy', '金融         3']);
  });

  it('pads columns to given widths, so that grids line up with one another', () => {
    expect(formatGrid([[['a'], ['b']]], ['left', 'left'], [4, 3])).toEqual(['a     b']);
    expect(formatGrid([], ['left'])).toEqual([]);
  });

  it('measures coloured cells by their text', () => {
    const [line] = formatGrid([[[paint.red('ab')], ['c']]], ['left', 'left']);
    expect(stripAnsi(line ?? '')).toBe('ab  c');
  });
});
