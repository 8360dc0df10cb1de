import { formatMarkdownRow } from './sanitize.js';

type MarkdownAlign = 'left' | 'right';

/** A GitHub Markdown table; cells are already escaped Markdown. */
export function formatMarkdownTable(header: readonly string[], aligns: readonly MarkdownAlign[], rows: readonly (readonly string[])[]): string[] {
  return [formatMarkdownRow(header), `|${aligns.map((a) => (a === 'right' ? ' --: ' : ' :-- ')).join('|')}|`, ...rows.map(formatMarkdownRow)];
}
