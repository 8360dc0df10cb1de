import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { assessDocument } from '../../core/assess.js';
import { diffAssessments, type DiffSide } from '../../core/diff.js';
import { UsageError } from '../../core/errors.js';
import type { Assessment } from '../../schema/assessment.js';
import type { Catalog } from '../../schema/catalog.js';
import { loadEffectiveCatalog } from '../../io/catalog-loader.js';
import { checkKindedBytes } from '../../io/check-run.js';
import { loadConfigAtRevision, parseRevisionSpec, readRevisionFile, revisionSource } from '../../io/git-revision.js';
import { readSourceBytes } from '../../io/read-source.js';
import { collectCatalogNames } from '../../reporters/catalog-names.js';
import { diffReporters, type DiffFormat } from '../../reporters/diff/registry.js';
import type { CommandContext, CommonOptions } from '../run.js';
import { emit, loadRunSetup, reporterContext, resolveToday, showConfigPath } from '../shared.js';

export interface DiffOptions extends CommonOptions {
  failOnIncrease?: boolean;
}

interface Scoring {
  catalog: Catalog;
  config: string | null;
}

/** Git's test for a binary file: a NUL byte near the start; or bytes that are not UTF-8 at all. */
function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0) || !isUtf8(bytes);
}

/** One side, read and scored; anything that is not an assessment harm can score is a usage error. */
function loadSide(ctx: CommandContext, arg: string, options: DiffOptions, today: string, workingTree: () => Scoring): { side: DiffSide; catalog: Catalog } {
  const { io } = ctx;
  const spec = parseRevisionSpec(arg, io.cwd);
  let bytes: Uint8Array;
  let scoring: Scoring;
  if (spec) {
    const file = readRevisionFile(spec, arg, io.cwd);
    const loaded = loadConfigAtRevision(file, io.cwd, options.config);
    const catalog = loadEffectiveCatalog({ cwd: io.cwd, catalogs: options.catalog ?? [], config: loaded ?? null, source: revisionSource(file) });
    bytes = file.bytes;
    scoring = { catalog, config: loaded ? `${spec.rev}:${showConfigPath(file.root, loaded)}` : null };
  } else {
    const path = resolve(io.cwd, arg);
    if (!existsSync(path)) throw new UsageError(`The file ${arg} does not exist (to read it from git, write REV:path).`);
    if (statSync(path).isDirectory()) throw new UsageError(`${arg} is a folder; harm diff compares two assessment files.`);
    const read = readSourceBytes(path);
    if ('problem' in read) throw new UsageError(`${arg} cannot be compared: ${read.problem.message.charAt(0).toLowerCase()}${read.problem.message.slice(1)}`);
    bytes = read.bytes;
    scoring = workingTree();
  }
  if (isBinary(bytes)) throw new UsageError(`${arg} is a binary file, not an assessment.`);
  const doc = checkKindedBytes(bytes, arg, 'diff');
  const { report, assessment } = assessDocument({ ...doc, data: doc.data as Assessment | undefined }, scoring.catalog, { today, version: ctx.version });
  if (!assessment || !report.feature || !report.profile || !report.framework) {
    const first = report.findings.find((f) => f.level === 'error') ?? report.findings[0];
    const why = first ? `: ${first.message.replace(/\.$/, '')} (line ${first.line}, column ${first.column})` : '';
    throw new UsageError(`${arg} is not an assessment harm can score${why}.`);
  }
  return { side: { file: arg, report: report as DiffSide['report'], assessment, config: scoring.config }, catalog: scoring.catalog };
}

/** `harm diff <old> <new>`: what changed between two versions of an assessment. */
export async function diffCommand(ctx: CommandContext, oldArg: string, newArg: string, options: DiffOptions): Promise<number> {
  const today = resolveToday(ctx, options.today);
  const format = (options.format ?? 'table') as DiffFormat;
  if (!(format in diffReporters)) throw new UsageError(`Unknown format "${format}"; use one of ${Object.keys(diffReporters).join(', ')}.`);
  // The working tree's config and catalog, loaded once and only for a side that is a plain path.
  let current: Scoring | undefined;
  const workingTree = () => {
    if (!current) {
      const { loaded, catalog } = loadRunSetup(ctx, options);
      current = { catalog, config: showConfigPath(ctx.io.cwd, loaded) };
    }
    return current;
  };
  const before = loadSide(ctx, oldArg, options, today, workingTree);
  const after = loadSide(ctx, newArg, options, today, workingTree);
  const diff = diffAssessments(before.side, after.side, ctx.version);
  const output = { diff, old: before.side.report, new: after.side.report, names: collectCatalogNames(after.catalog) };
  emit(ctx, diffReporters[format](output, reporterContext(ctx, options)), options.output);
  return options.failOnIncrease && diff.riskIncreased ? 1 : 0;
}
