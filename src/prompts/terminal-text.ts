import wrapAnsi from 'wrap-ansi';
import { paintScoreLevel } from '../reporters/level-style.js';
import { measureText as stringWidth } from '../reporters/terminal-text.js';
import { createPaint } from '../reporters/text.js';
import type { Level } from '../schema/common.js';

/** Text styling, passed in so that the walk never decides about colour itself. */
export interface Style {
  heading(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  level(level: Level, text: string): string;
}

const same = (text: string) => text;
export const PLAIN_STYLE: Style = { heading: same, bold: same, dim: same, warn: same, level: (_l, t) => t };

export function createStyle(color: boolean): Style {
  if (!color) return PLAIN_STYLE;
  const c = createPaint(true);
  // Levels look as they do in `harm assess`.
  return { heading: c.bold.cyan, bold: c.bold, dim: c.dim, warn: c.yellow, level: (l, t) => paintScoreLevel(c, l, t) };
}

/**
 * Word-wraps each line of `text` to `width` terminal columns (colour codes take
 * none, wide characters two); continuation lines keep the line's indentation,
 * and a word longer than a line is cut so that nothing runs past the edge.
 * The walk wraps lines it has already coloured (scores, the profile table), so it
 * needs wrap-ansi's colour-aware wrapping; the reports colour after laying out.
 */
export function wrapLines(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => {
    const indent = /^ */.exec(line)![0];
    const rest = line.slice(indent.length);
    if (rest === '') return [line];
    return wrapAnsi(rest, Math.max(1, width - indent.length), { hard: true })
      .split('\n')
      .map((part) => indent + part);
  });
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Plain `text` cut to at most `width` columns, ending in "…" when cut. */
export function truncateText(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out.trimEnd()}…`;
}

/** Plain `text` cut to `width` columns and padded with spaces to fill them. */
export function fitText(text: string, width: number): string {
  const cut = truncateText(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

export { stringWidth };
