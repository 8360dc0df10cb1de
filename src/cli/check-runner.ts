import { appendFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { addDuplicateFeatureFindings } from '../core/cross-file.js';
import { summarize } from '../core/findings.js';
import { UsageError } from '../core/errors.js';
import type { GateLevel } from '../schema/common.js';
import { checkAll } from '../io/check-pool.js';
import type { CheckedFile, CheckTarget } from '../io/check-run.js';
import { findRepositoryRoot } from '../io/config-loader.js';
import { findAssessmentFiles } from '../io/find-files.js';
import { checkReporters, formatGithubSummary, type CheckFormat } from '../reporters/check-registry.js';
import type { CheckRun } from '../reporters/types.js';
import type { CommandContext, CommonOptions } from './run.js';
import { emit, loadRunSetup, parseMaxWarnings, reporterContext, resolveToday } from './shared.js';

export interface CheckOptions extends CommonOptions {
  verbose?: boolean;
  failOn?: GateLevel;
  failOnSeverity?: GateLevel;
  maxWarnings?: string;
}

/** `harm check` and `harm validate`: one run over many files, one report, one exit code. */
export async function runChecks(ctx: CommandContext, patterns: readonly string[], options: CheckOptions, mode: 'check' | 'validate'): Promise<number> {
  const { io } = ctx;
  const today = resolveToday(ctx, options.today);
  const format = (options.format ?? 'stylish') as CheckFormat;
  if (!(format in checkReporters)) throw new UsageError(`Unknown format "${format}"; use one of ${Object.keys(checkReporters).join(', ')}.`);
  const maxWarnings = parseMaxWarnings(options.maxWarnings) ?? (mode === 'check' ? undefined : -1);

  const { loaded, request, catalog, gate } = loadRunSetup(ctx, options);
  const config = loaded?.config;

  const files = await findAssessmentFiles(patterns, { cwd: io.cwd, ...(loaded ? { config: loaded } : {}) });
  // SARIF URIs are relative to the repository root, or the config's folder outside one.
  const root = findRepositoryRoot(io.cwd) ?? loaded?.dir ?? io.cwd;
  const targets: CheckTarget[] = files.map((f) => ({ path: f.path, display: f.display, uri: relative(root, f.path).split(sep).join('/') }));

  const settings = {
    today,
    version: ctx.version,
    anyKind: mode === 'validate',
    documentOnly: mode === 'validate',
    ...gate,
  };
  // HARM_THREADS sets the worker threads whatever the file count (0: none), for
  // comparisons and debugging; by default two run from PARALLEL_THRESHOLD files.
  const threadsSetting = io.env.HARM_THREADS !== undefined ? Number(io.env.HARM_THREADS) : undefined;
  const threads = threadsSetting !== undefined && Number.isInteger(threadsSetting) ? Math.min(Math.max(threadsSetting, 0), 4) : undefined;
  const results: CheckedFile[] = await checkAll(targets, { catalog, request, settings, ...(threads !== undefined ? { threads } : {}) });
  addDuplicateFeatureFindings(results, config?.rules);

  const shown = results.map(({ featureIdAt: _, ...rest }) => ({
    ...rest,
    findings: options.quiet ? rest.findings.filter((f) => f.level === 'error') : rest.findings,
  }));
  const all = shown.flatMap((r) => r.findings);
  const run: CheckRun = { files: shown, summary: { files: shown.length, ...summarize(all) } };
  const rctx = reporterContext(ctx, options);
  emit(ctx, checkReporters[format](run, rctx), options.output);

  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) {
    try {
      appendFileSync(summaryFile, formatGithubSummary(run, { ...rctx, color: false }));
    } catch (error) {
      io.stderr.write(`harm: could not append to GITHUB_STEP_SUMMARY (${(error as NodeJS.ErrnoException).code ?? 'error'}).\n`);
    }
  }
  // The gate counts every finding: --quiet changes what is shown, not what fails.
  const counts = options.quiet ? summarize(results.flatMap((r) => r.findings)) : run.summary;
  const limit = maxWarnings ?? config?.maxWarnings ?? -1;
  if (counts.errors > 0) return 1;
  if (limit >= 0 && counts.warnings > limit) {
    const count = counts.warnings === 1 ? '1 warning exceeds' : `${counts.warnings} warnings exceed`;
    const source = maxWarnings !== undefined ? `--max-warnings ${limit}` : `the limit of ${limit} (maxWarnings in ${relative(io.cwd, loaded!.path) || loaded!.path})`;
    io.stderr.write(`harm: ${count} ${source}.\n`);
    return 1;
  }
  return 0;
}

