import Table from 'cli-table3';

export type Align = 'left' | 'right';

/** A cell is its lines, already wrapped and styled: the grid only lines them up. */
export type Cell = readonly string[];

export const GUTTER = '  ';

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: GUTTER,
};

/**
 * A borderless grid, columns a gutter apart, each padded to its widest cell (or
 * to `widths`). Trailing spaces are dropped.
 */
export function formatGrid(rows: readonly (readonly Cell[])[], aligns: readonly Align[], widths?: readonly number[]): string[] {
  if (rows.length === 0) return [];
  const table = new Table({
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: [...aligns],
    ...(widths ? { colWidths: [...widths] } : {}),
  });
  for (const row of rows) table.push(aligns.map((_, c) => (row[c] ?? []).join('\n')));
  return table.toString().split('\n').map((line) => line.replace(/\s+$/, ''));
}
