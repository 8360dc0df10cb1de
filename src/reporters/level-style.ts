import type { FindingLevel, Level } from '../schema/common.js';
import type { Score } from '../schema/output.js';
import type { Paint } from './text.js';

/** Colours a text by a score level; with colour off it returns the text unchanged. */
export function paintScoreLevel(paint: Paint, level: Level, text: string): string {
  switch (level) {
    case 'none':
      return paint.dim(text);
    case 'low':
      return paint.green(text);
    case 'medium':
      return paint.yellow(text);
    case 'high':
      return paint.red(text);
    case 'critical':
      return paint.bold.magenta(text);
  }
}

export function paintFindingLevel(paint: Paint, level: FindingLevel, text: string): string {
  if (level === 'error') return paint.red(text);
  if (level === 'warning') return paint.yellow(text);
  return paint.blue(text);
}

/** "7.3" — scores are already rounded to one decimal; this only fixes the display. */
export function formatNumber(value: number): string {
  return value.toFixed(1);
}

export type ScoreMeasure = 'severity' | 'risk';

/** "7.3 high": the number always travels with its level, so the text reads the same without colour. */
export function formatMeasure(score: Score, measure: ScoreMeasure): { value: string; level: Level } {
  return measure === 'severity'
    ? { value: formatNumber(score.severity), level: score.severityLevel }
    : { value: formatNumber(score.risk), level: score.riskLevel };
}

export const BAR_FULL = '█';
export const BAR_EMPTY = '░';

/** How many of `cells` a 0–10 value fills; anything above zero shows at least one cell. */
export function countBarCells(value: number, cells: number): number {
  if (!(value > 0)) return 0;
  const filled = Math.round((Math.min(value, 10) / 10) * cells);
  return Math.max(1, Math.min(cells, filled));
}

/** A small bar of `cells` characters for a 0–10 value, the filled part in the level's colour. */
export function formatLevelBar(paint: Paint, value: number, level: Level, cells = 10): string {
  const filled = countBarCells(value, cells);
  const full = BAR_FULL.repeat(filled);
  const empty = BAR_EMPTY.repeat(cells - filled);
  return (filled > 0 ? paintScoreLevel(paint, level, full) : '') + (empty ? paint.dim(empty) : '');
}
