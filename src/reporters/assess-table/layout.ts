import type { AssessOutput } from '../types.js';
import { sanitizeTerminalLine } from '../sanitize.js';
import { measureText, wrapText } from '../terminal-text.js';
import type { Paint } from '../text.js';

/** What every section of the table report is laid out with. */
export interface Layout {
  paint: Paint;
  width: number;
  names: AssessOutput['catalog'];
}

export const INDENT = '  ';
/** Headings rule at most this wide: a full-width rule on a very wide terminal is more weight than help. */
const RULE_WIDTH = 80;

/** The catalog's name for a dimension, else its id; inert either way. */
export function nameDimension(layout: Layout, id: string): string {
  return sanitizeTerminalLine(layout.names.dimensions.get(id) ?? id);
}

export function nameCategory(layout: Layout, id: string): string {
  return sanitizeTerminalLine(layout.names.categories.get(id) ?? id);
}

/** A bold title followed by a rule, so sections stand apart with colour off too. */
export function formatHeading(layout: Layout, title: string): string[] {
  const { paint, width } = layout;
  const lines = wrapText(title, width);
  const last = lines.pop() ?? '';
  const rule = Math.min(width, RULE_WIDTH) - measureText(last) - 1;
  const heading = rule >= 3 ? `${paint.bold(last)} ${paint.dim('─'.repeat(rule))}` : paint.bold(last);
  return ['', ...lines.map((l) => paint.bold(l)), heading, ''];
}
