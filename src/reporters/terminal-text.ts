import { eastAsianWidth } from 'get-east-asian-width';
import { stripVTControlCharacters } from 'node:util';
import { sanitizeTerminalLine } from './sanitize.js';

/**
 * Text for a terminal of a known width. Layouts are built from user text made
 * inert (sanitizeTerminalLine) and then styled; widths never count escape codes.
 */

export type Style = (text: string) => string;
export const plain: Style = (text) => text;

/** Printable ASCII and the symbols the reports draw, one column each: most text is measured by its length alone. */
const ONE_COLUMN_EACH = /^[\u0020-\u007E·→─—–−░█✓✗○⊘≥]*$/;
/** Combining marks and format characters join the character before them. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

/**
 * Terminal columns a text takes: escape codes and combining marks none, East Asian
 * wide and fullwidth characters (emoji among them) two, by Unicode's own table.
 *
 * Not string-width, whose only width table is this get-east-asian-width: it builds an
 * Intl.Segmenter as it loads, which took 34–74 ms (median of 40 runs: 74 against 6)
 * of every harm assess, catalog and score run, for emoji sequences ids seldom hold.
 */
export function measureText(text: string): number {
  const visible = text.includes('\u001b') ? stripVTControlCharacters(text) : text;
  if (ONE_COLUMN_EACH.test(visible)) return visible.length;
  let width = 0;
  for (const char of visible) width += ZERO_WIDTH.test(char) ? 0 : eastAsianWidth(char.codePointAt(0) ?? 0);
  return width;
}

/** The widest of the texts, 0 for none; a loop, because a spread of thousands of arguments overflows the stack. */
export function measureWidest(texts: Iterable<string>): number {
  let widest = 0;
  for (const text of texts) widest = Math.max(widest, measureText(text));
  return widest;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - measureText(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - measureText(text))) + text;
}

/** A run of text to wrap: its style, and whether it stays on one line wherever it fits on a line at all. */
export type Segment = readonly [text: string, style?: Style, together?: boolean];

/** Splits a word wider than `width` into pieces that fit, between characters (a combining mark stays with its base). */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const segment of word.match(/[^\p{M}]\p{M}*|\p{M}+/gu) ?? [word]) {
    if (piece && measureText(piece + segment) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += segment;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Word wrap of user text with styles: each segment is made inert and put on one
 * line; words wider than the line are broken. Text is wrapped plain and styled
 * line by line, so no escape code spans a line break. Returns at least one line.
 *
 * Not wrap-ansi: it measures every word with string-width (see measureText), whose
 * first measure of any non-ASCII word, such as the reports' own arrows, also compiles
 * an emoji pattern: 22–86 ms of a 245–417 ms harm assess in profiles.
 */
export function wrapSegments(segments: readonly Segment[], width: number): string[] {
  const max = Math.max(1, width);
  // Each line is a list of runs; neighbouring words of one style share a run, so one pair of escape codes.
  const lines: Array<Array<{ style: Style; text: string }>> = [];
  let line: Array<{ style: Style; text: string }> = [];
  let lineWidth = 0;
  for (const [text, style = plain, together = false] of segments) {
    const clean = sanitizeTerminalLine(text);
    if (!clean) continue;
    const whole = together && measureText(clean) <= max;
    // A segment kept together may be styled as a whole; broken anyway, its pieces go unstyled.
    const pieceStyle = together && !whole ? plain : style;
    for (const word of whole ? [clean] : clean.split(' ')) {
      for (const piece of measureText(word) > max ? breakWord(word, max) : [word]) {
        const pieceWidth = measureText(piece);
        if (lineWidth > 0 && lineWidth + 1 + pieceWidth > max) {
          lines.push(line);
          line = [];
          lineWidth = 0;
        }
        const last = line[line.length - 1];
        if (last && last.style === pieceStyle && !together) last.text += ` ${piece}`;
        else line.push({ style: pieceStyle, text: piece });
        lineWidth += (lineWidth > 0 ? 1 : 0) + pieceWidth;
      }
    }
  }
  lines.push(line);
  return lines.map((runs) => runs.map((run) => run.style(run.text)).join(' '));
}

export function wrapText(text: string, width: number, style: Style = plain): string[] {
  return wrapSegments([[text, style]], width);
}

/** "label  text…" with the text wrapped under itself; the label column is `labelWidth` wide, then `gap` spaces. */
export function wrapLabelled(
  label: string,
  text: string,
  width: number,
  { labelWidth = measureText(label), gap = 2, labelStyle = plain, style = plain }: { labelWidth?: number; gap?: number; labelStyle?: Style; style?: Style } = {},
): string[] {
  const indent = labelWidth + gap;
  return wrapText(text, width - indent, style).map((line, i) => (i === 0 ? padEnd(labelStyle(label), indent) : ' '.repeat(indent)) + line);
}

/** Items joined by " · ", breaking lines only between items unless one item alone is too wide. */
export function joinWrapped(items: readonly string[], width: number, style: Style = plain): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items.map(sanitizeTerminalLine).filter(Boolean)) {
    const candidate = line ? `${line} · ${item}` : item;
    if (measureText(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const pieces = wrapText(item, width);
    line = pieces.pop() ?? '';
    for (const piece of pieces) lines.push(piece);
  }
  if (line) lines.push(line);
  return lines.map((line) => style(line));
}

export function indentLines(lines: readonly string[], indent: string): string[] {
  return lines.map((line) => (line ? indent + line : line));
}

/** Lines under a first-line mark: "✓ text", the lines after it indented to line up with the text. */
export function markLines(mark: string, lines: readonly string[]): string[] {
  const pad = ' '.repeat(measureText(mark) + 1);
  return lines.map((line, i) => (i === 0 ? `${mark} ${line}` : pad + line));
}

/** Drops trailing spaces, also those hidden before a line's closing escape codes. */
export function trimLineEnd(line: string): string {
  return line.replace(/\s+((?:\x1b\[[0-9;]*m)*)$/, '$1');
}

/** The terminal width a layout uses: the one given when it is a sensible number, else 80; never below `min`. */
export function resolveWidth(width: number, min: number): number {
  return Math.max(min, Number.isFinite(width) && width > 0 ? Math.floor(width) : 80);
}
