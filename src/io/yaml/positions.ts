import type { Locator, Position } from '../../core/locator.js';

export const ORIGIN: Position = { line: 1, column: 1 };

/** Every path at 1:1: for findings about a file that has no usable node tree. */
export const originLocator: Locator = { value: () => ORIGIN, key: () => ORIGIN, firstKey: () => ORIGIN };

/** Offset → 1-based line and column, with the line index built on first use. */
export function positionsIn(text: string): (offset: number | undefined) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (offset === undefined) return ORIGIN;
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
