import { relative, sep } from 'node:path';
import { addDuplicateFeatureFindings } from '../../core/cross-file.js';
import { summarize } from '../../core/findings.js';
import { buildPortfolio, type PortfolioEntry } from '../../core/portfolio.js';
import { UsageError } from '../../core/errors.js';
import type { GateLevel } from '../../schema/common.js';
import { findRepositoryRoot } from '../../io/config-loader.js';
import { findAssessmentFiles } from '../../io/find-files.js';
import { assessFile } from '../../io/load-assessment.js';
import { collectCatalogNames } from '../../reporters/catalog-names.js';
import { reportReporters, type ReportFormat } from '../../reporters/portfolio/registry.js';
import type { CommandContext, CommonOptions } from '../run.js';
import { emit, loadRunSetup, reporterContext, requireClauses, resolveToday, showConfigPath } from '../shared.js';

export interface ReportOptions extends CommonOptions {
  failOn?: GateLevel;
  failOnSeverity?: GateLevel;
  severity?: boolean;
  byMapping?: string;
}

/** `harm report [globs…]`: the portfolio across many assessments. */
export async function reportCommand(ctx: CommandContext, patterns: string[], options: ReportOptions): Promise<number> {
  const { io } = ctx;
  const today = resolveToday(ctx, options.today);
  const format = (options.format ?? 'table') as ReportFormat;
  if (!(format in reportReporters)) throw new UsageError(`Unknown format "${format}"; use one of ${Object.keys(reportReporters).join(', ')}.`);
  const { loaded, catalog, gate } = loadRunSetup(ctx, options);
  if (options.byMapping !== undefined) requireClauses(catalog, options.byMapping);
  const files = await findAssessmentFiles(patterns, { cwd: io.cwd, ...(loaded ? { config: loaded } : {}) });
  const root = findRepositoryRoot(io.cwd) ?? loaded?.dir ?? io.cwd;

  const settings = { today, version: ctx.version, ...gate };
  const results = files.map((f) => {
    const { report, assessment, featureIdAt } = assessFile(f.path, f.display, catalog, settings);
    const entry: PortfolioEntry = assessment ? { report, assessment } : { report };
    return { entry, file: f.display, uri: relative(root, f.path).split(sep).join('/'), feature: report.feature?.id ?? null, findings: report.findings, ...(featureIdAt ? { featureIdAt } : {}) };
  });
  // A feature id used twice is found across files, as `check` finds it.
  addDuplicateFeatureFindings(results, loaded?.config.rules);
  const entries = results.map(({ entry }) => ({ ...entry, report: { ...entry.report, summary: summarize(entry.report.findings) } }));

  const portfolio = buildPortfolio({
    entries,
    catalog,
    today,
    version: ctx.version,
    config: showConfigPath(io.cwd, loaded),
    ...(options.byMapping !== undefined ? { mapping: options.byMapping } : {}),
  });
  const output = {
    portfolio,
    reports: new Map(entries.map((e) => [e.report.file, e.report])),
    names: collectCatalogNames(catalog),
    measure: options.severity ? ('severity' as const) : ('risk' as const),
  };
  emit(ctx, reportReporters[format](output, reporterContext(ctx, options)), options.output);
  return portfolio.summary.errors > 0 ? 1 : 0;
}
