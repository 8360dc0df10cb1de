import { appendFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { compareCheckOrder, FeatureIdRegistry } from '../core/cross-file.js';
import { addToSummary } from '../core/findings.js';
import { frameworkRef } from '../core/digest.js';
import { UsageError } from '../core/errors.js';
import type { GateLevel } from '../schema/common.js';
import type { Summary } from '../schema/output.js';
import { checkEach } from '../io/check-pool.js';
import { uncheckedFile, type CheckTarget } from '../io/check-run.js';
import { findRepositoryRoot, type LoadedConfig } from '../io/config-loader.js';
import { findAssessmentFiles } from '../io/find-files.js';
import { readRepositoryInfo } from '../io/git-provenance.js';
import type { FileInUse } from '../io/output-target.js';
import { checkReporters, streamGithubSummary, type CheckFormat } from '../reporters/check-registry.js';
import type { CheckRunInfo, RunEnd } from '../reporters/types.js';
import { ReportWriter } from './check-report.js';
import type { CommandContext, CommonOptions } from './run.js';
import { loadRunSetup, showConfigPath, openOutput, parseMaxWarnings, reporterContext, resolveToday } from './shared.js';

export interface CheckOptions extends CommonOptions {
  verbose?: boolean;
  failOn?: GateLevel;
  failOnSeverity?: GateLevel;
  maxWarnings?: string;
}

/** The files to check, in report order; only what the run needs of each is kept. */
async function findTargets(ctx: CommandContext, patterns: readonly string[], loaded: LoadedConfig | undefined, repositoryRoot: string | undefined): Promise<CheckTarget[]> {
  const { io } = ctx;
  const files = await findAssessmentFiles(patterns, { cwd: io.cwd, ...(loaded ? { config: loaded } : {}) });
  if (files.length === 0) {
    const emptyInclude = patterns.length === 0 && loaded?.config.include?.length === 0;
    throw new UsageError(emptyInclude ? `The include list of ${showConfigPath(ctx.io.cwd, loaded)} is empty: there are no files to check.` : 'There are no files to check.');
  }
  // SARIF URIs are relative to the repository root, or the config's folder outside one.
  const root = repositoryRoot ?? loaded?.dir ?? io.cwd;
  return files
    .map((f) => {
      const uri = relative(root, f.path).split(sep).join('/');
      // Run from the root, the shown path is the URI: one string for both.
      return { path: f.path, display: f.display === uri ? uri : f.display, uri };
    })
    .sort(compareCheckOrder);
}

/**
 * `harm check` and `harm validate`: one run over many files, one report, one exit
 * code. Each file's result goes to the report as soon as it is checked, in path
 * order; what stays in memory is the counts and one entry per feature id.
 */
export async function runChecks(ctx: CommandContext, patterns: readonly string[], options: CheckOptions, mode: 'check' | 'validate'): Promise<number> {
  const { io } = ctx;
  const today = resolveToday(ctx, options.today);
  const format = (options.format ?? 'stylish') as CheckFormat;
  if (!(format in checkReporters)) throw new UsageError(`Unknown format "${format}"; use one of ${Object.keys(checkReporters).join(', ')}.`);
  const maxWarnings = parseMaxWarnings(options.maxWarnings) ?? (mode === 'check' ? undefined : -1);

  const setup = loadRunSetup(ctx, options);
  const { loaded, request, catalog, gate } = setup;
  const config = loaded?.config;
  const configShown = showConfigPath(ctx.io.cwd, loaded);
  if (options.verbose) io.stderr.write(configShown === null ? 'harm: no config file found; using the defaults.\n' : `harm: using the config ${configShown}.\n`);

  const repositoryRoot = findRepositoryRoot(io.cwd);
  const targets = await findTargets(ctx, patterns, loaded, repositoryRoot);
  const repository = format === 'sarif' && repositoryRoot !== undefined ? readRepositoryInfo(repositoryRoot) : undefined;
  const info: CheckRunInfo = { version: ctx.version, framework: frameworkRef(catalog), config: configShown, command: mode, ...(repository ? { repository } : {}) };
  const rctx = reporterContext(ctx, options);
  function* inUse(): Generator<FileInUse> {
    yield* setup.inUse;
    for (const t of targets) yield { path: t.path, role: 'one of the files being checked' };
  }
  const writer = new ReportWriter(checkReporters[format](info, rctx), openOutput(ctx, options.output, inUse()));
  const stepSummaryFile = format === 'github' ? io.env.GITHUB_STEP_SUMMARY : undefined;
  const stepSummary = stepSummaryFile ? streamGithubSummary(info, rctx) : undefined;

  const settings = { today, version: ctx.version, anyKind: mode === 'validate', documentOnly: mode === 'validate', ...gate };
  // HARM_THREADS sets the worker threads whatever the file count (0: none), for
  // comparisons and debugging; by default one runs from PARALLEL_THRESHOLD files.
  const threadsSetting = io.env.HARM_THREADS !== undefined ? Number(io.env.HARM_THREADS) : undefined;
  const threads = threadsSetting !== undefined && Number.isInteger(threadsSetting) ? Math.min(Math.max(threadsSetting, 0), 4) : undefined;
  const features = new FeatureIdRegistry(config?.rules, (i) => targets[i]!.display);
  // The gate counts every finding: --quiet changes what is shown, not what fails.
  const counted: Summary = { errors: 0, warnings: 0, infos: 0 };
  const shown: Summary = { errors: 0, warnings: 0, infos: 0 };
  let checked = 0;
  const end = (): RunEnd => ({ summary: { files: checked, ...shown } });
  try {
    await checkEach(targets, { catalog, request, settings, ...(threads !== undefined ? { threads } : {}) }, (result) => {
      features.note(result);
      addToSummary(counted, result.findings);
      const { featureIdAt: _, ...file } = result;
      if (options.quiet) file.findings = file.findings.filter((f) => f.level === 'error');
      addToSummary(shown, file.findings);
      checked++;
      stepSummary?.file(file);
      return writer.file(file);
    });
  } catch (error) {
    // No report: a file output is left as it was. What already went to stdout is
    // closed so that it still parses, with an error on the first file not
    // checked, so that even a reader that ignores the exit code (2) sees a failure.
    if (options.output === undefined) {
      try {
        const next = targets[checked];
        if (next) {
          const stopped = uncheckedFile(next, `The run stopped before this file was checked (${(error as Error).message}).`);
          addToSummary(shown, stopped.findings);
          checked++;
          await writer.file(stopped);
        }
        await writer.finish(end());
      } catch {
        // The output itself failed.
      }
    } else writer.abort();
    throw error;
  }

  const limit = maxWarnings ?? config?.maxWarnings ?? -1;
  const exceeded = limit >= 0 && counted.warnings > limit;
  const source = maxWarnings !== undefined ? `--max-warnings ${limit}` : `the limit of ${limit} (maxWarnings in ${configShown})`;
  const warningsExceeded = exceeded ? `${counted.warnings === 1 ? '1 warning exceeds' : `${counted.warnings} warnings exceed`} ${source}.` : undefined;
  const runEnd: RunEnd = { ...end(), ...(warningsExceeded ? { warningsExceeded } : {}) };
  await writer.finish(runEnd);

  if (stepSummary && stepSummaryFile) {
    const { head = '', tail } = stepSummary.finish(runEnd);
    try {
      appendFileSync(stepSummaryFile, `${head}${tail}`);
    } catch (error) {
      io.stderr.write(`harm: could not append to GITHUB_STEP_SUMMARY (${(error as NodeJS.ErrnoException).code ?? 'error'}).\n`);
    }
  }
  if (counted.errors > 0) return 1;
  if (warningsExceeded) {
    io.stderr.write(`harm: ${warningsExceeded}\n`);
    return 1;
  }
  return 0;
}
