import { formatScoreJson } from './score-json.js';
import { formatScoreTable } from './score-table.js';
import type { ScoreReporter } from './types.js';

/** The names of `harm score --format`; the CLI offers exactly these. */
export type ScoreFormat = 'table' | 'json';

export const scoreReporters: Record<ScoreFormat, ScoreReporter> = {
  table: formatScoreTable,
  json: formatScoreJson,
};
