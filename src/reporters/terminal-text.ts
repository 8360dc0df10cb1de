import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { sanitizeTerminalLine } from './sanitize.js';

/**
 * Text for a terminal of a known width. Layouts are built from user text made
 * inert (sanitizeTerminalLine) and then styled; widths never count escape codes.
 */

export type Style = (text: string) => string;
export const plain: Style = (text) => text;

/** Terminal columns a text takes: escape codes take none, East Asian wide characters and emoji two. */
export function measureText(text: string): number {
  return stringWidth(text);
}

export function stripAnsi(text: string): string {
  return stripVTControlCharacters(text);
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

// No user text holds a no-break space once sanitizeTerminalLine has turned whitespace into plain spaces,
// so it can glue words that wrapping must keep on one line.
const GLUE = '\u00A0';

/** A run of text to wrap: its style, and whether it stays on one line wherever it fits on a line at all. */
export type Segment = readonly [text: string, style?: Style, together?: boolean];

/**
 * Word wrap of user text with styles: each segment is made inert, put on one line
 * and styled; words wider than the line are broken. Returns at least one line.
 */
export function wrapSegments(segments: readonly Segment[], width: number): string[] {
  const parts: string[] = [];
  for (const [text, style = plain, together = false] of segments) {
    const clean = sanitizeTerminalLine(text);
    if (!clean) continue;
    // Escape codes hold no spaces, so gluing after styling touches only the text.
    parts.push(together ? style(clean).replaceAll(' ', GLUE) : style(clean));
  }
  const wrapped = wrapAnsi(parts.join(' '), Math.max(1, width), { hard: true, trim: true });
  return wrapped.replaceAll(GLUE, ' ').split('\n');
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
