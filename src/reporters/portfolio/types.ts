import type { Portfolio, Report } from '../../schema/output.js';
import type { CatalogNames } from '../catalog-names.js';
import type { ScoreMeasure } from '../level-style.js';
import type { ReporterContext } from '../types.js';

/** `harm report`: the portfolio, and each file's full report for the per-harm breakdown. */
export interface PortfolioOutput {
  portfolio: Portfolio;
  /** Every file's report, by its `file`. */
  reports: ReadonlyMap<string, Report>;
  names: CatalogNames;
  /** What the heat map shows: residual risk (default) or residual severity. */
  measure: ScoreMeasure;
}

export type PortfolioReporter = (output: PortfolioOutput, ctx: ReporterContext) => string;
