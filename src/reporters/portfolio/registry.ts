import { formatPortfolioHtml } from '../html/portfolio.js';
import { formatPortfolioJson } from './json.js';
import { formatPortfolioMarkdown } from './markdown.js';
import { formatPortfolioTable } from './table.js';
import type { PortfolioReporter } from './types.js';

/** The names of `harm report --format`; the CLI offers exactly these. */
export type ReportFormat = 'table' | 'markdown' | 'json' | 'html';

/** One reporter per format; a format without a reporter is a compile error. */
export const reportReporters: Record<ReportFormat, PortfolioReporter> = {
  table: formatPortfolioTable,
  markdown: formatPortfolioMarkdown,
  json: formatPortfolioJson,
  html: formatPortfolioHtml,
};
