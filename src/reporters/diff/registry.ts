import { formatDiffJson } from './json.js';
import { formatDiffMarkdown } from './markdown.js';
import { formatDiffTable } from './table.js';
import type { DiffReporter } from './types.js';

/** The names of `harm diff --format`; the CLI offers exactly these. */
export type DiffFormat = 'table' | 'markdown' | 'json';

/** One reporter per format; a format without a reporter is a compile error. */
export const diffReporters: Record<DiffFormat, DiffReporter> = {
  table: formatDiffTable,
  markdown: formatDiffMarkdown,
  json: formatDiffJson,
};
