import { measureWidest, padEnd, padStart, trimLineEnd } from './terminal-text.js';

export type Align = 'left' | 'right';

/** A cell is its lines, already wrapped and styled: the grid only lines them up. */
export type Cell = readonly string[];

export const GUTTER = '  ';

/**
 * A borderless grid, columns a gutter apart, each padded to its widest cell (or
 * to `widths`, for columns that line up across several grids). Trailing spaces
 * are dropped.
 *
 * Not cli-table3: with it the assess table report took 25 ms instead of 2 ms to
 * render (two thirds of that in cli-table3, whose string-width 4 runs an emoji
 * regex over every cell on every draw), for padding that takes a dozen lines here.
 */
export function formatGrid(rows: readonly (readonly Cell[])[], aligns: readonly Align[], widths?: readonly number[]): string[] {
  const columns = aligns.map((_, c) => widths?.[c] ?? measureWidest(rows.flatMap((row) => row[c] ?? [])));
  const lines: string[] = [];
  for (const row of rows) {
    const height = measureRowHeight(row);
    for (let i = 0; i < height; i++) {
      const cells = columns.map((width, c) => {
        const text = row[c]?.[i] ?? '';
        return aligns[c] === 'right' ? padStart(text, width) : padEnd(text, width);
      });
      lines.push(trimLineEnd(cells.join(GUTTER)));
    }
  }
  return lines;
}

/** How many lines a row takes in a grid. */
export function measureRowHeight(row: readonly Cell[]): number {
  let height = 1;
  for (const cell of row) height = Math.max(height, cell.length);
  return height;
}
