import { relative, resolve, sep } from 'node:path';
import type { AssessOptions as RuleOptions } from '../core/assess.js';
import { loadEffectiveCatalog, type CatalogRequest } from '../io/catalog-loader.js';
import { loadConfig, type LoadedConfig } from '../io/config-loader.js';
import { workingTree, type DocumentSource } from '../io/read-document.js';
import type { Catalog } from '../schema/catalog.js';
import type { GateLevel } from '../schema/common.js';
import { didYouMean } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import { clausesOf, type ClauseUse } from '../core/mappings.js';
import { ISO_DATE_PATTERN } from '../schema/common.js';
import { openOutput as openOutputTarget, streamSink, type FileInUse, type OutputSink } from '../io/output-target.js';
import type { ReporterContext } from '../reporters/types.js';
import { terminalWidth, useColor } from './io.js';
import type { CommandContext } from './run.js';

export function resolveToday(ctx: CommandContext, today: string | undefined): string {
  if (today === undefined) return ctx.io.today();
  if (!ISO_DATE_PATTERN.test(today)) throw new UsageError(`--today must be a real date in the form YYYY-MM-DD, not "${today}".`);
  return today;
}

/**
 * Where a command's output goes: stdout, or --output, which is replaced
 * atomically when it is a regular file or a new path (SPEC §5). Every command's
 * --output goes through here, and `inUse` (the files the command reads) can
 * never be the output.
 */
export function openOutput(ctx: CommandContext, output: string | undefined, inUse: Iterable<FileInUse> = []): OutputSink {
  if (output === undefined) return streamSink(ctx.io.stdout);
  return openOutputTarget(resolve(ctx.io.cwd, output), output, ctx.io, inUse);
}

/** Writes a command's whole output to stdout, or replaces --output atomically. */
export function emit(ctx: CommandContext, text: string, output: string | undefined, inUse: Iterable<FileInUse> = []): void {
  const sink = openOutput(ctx, output, inUse);
  try {
    sink.write(text);
    sink.close();
  } catch (error) {
    sink.abort();
    throw error;
  }
}

export function reporterContext(ctx: CommandContext, opts: { color?: boolean; output?: string; verbose?: boolean }): ReporterContext {
  return {
    // A file gets no colour; a terminal does unless told otherwise.
    color: opts.output === undefined && useColor(ctx.io, opts.color),
    cwd: ctx.io.cwd,
    version: ctx.version,
    verbose: Boolean(opts.verbose),
    width: opts.output === undefined ? terminalWidth(ctx.io.stdout) : 80,
  };
}

/** Only a decimal whole number, -1 or more: `''`, `' '` or `0x0` would otherwise read as 0. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^(?:-1|\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`--max-warnings must be a whole number, -1 or more, not "${value}".`);
  return n;
}

export interface RunSetup {
  /** The config found or named, if any. */
  loaded?: LoadedConfig;
  /** How the catalog was built, for worker threads that build it again. */
  request: CatalogRequest;
  catalog: Catalog;
  /** Rule levels and gates: the command line over the config. */
  gate: Pick<RuleOptions, 'rules' | 'failOn' | 'failOnSeverity'>;
  /** The config and catalog files read, which no output may replace. */
  inUse: FileInUse[];
}


/** The config, the effective catalog and the gate settings a document command runs with. */
export function loadRunSetup(ctx: CommandContext, options: { catalog?: string[]; config?: string; failOn?: GateLevel; failOnSeverity?: GateLevel }): RunSetup {
  const loaded = loadConfig(ctx.io.cwd, options.config);
  const config = loaded?.config;
  const request: CatalogRequest = { cwd: ctx.io.cwd, catalogs: options.catalog ?? [], config: loaded ?? null };
  const failOn = options.failOn ?? config?.failOn;
  const failOnSeverity = options.failOnSeverity ?? config?.failOnSeverity;
  const catalogs = new Set<string>();
  // The request stays plain data (worker threads build the catalog again from it); the reads are recorded here only.
  const catalog = loadEffectiveCatalog({ ...request, source: recordingReads(catalogs) });
  const inUse: FileInUse[] = [...catalogs].map((path) => ({ path, role: 'a catalog in use' }));
  if (loaded) inUse.push({ path: loaded.path, role: 'the config in use' });
  return {
    ...(loaded ? { loaded } : {}),
    request,
    catalog,
    inUse,
    gate: {
      ...(config?.rules ? { rules: config.rules } : {}),
      ...(failOn ? { failOn } : {}),
      ...(failOnSeverity ? { failOnSeverity } : {}),
    },
  };
}

/** The working tree, noting the path of every document read into `read`. */
export function recordingReads(read: Set<string>): DocumentSource {
  return {
    exists: workingTree.exists,
    read: (path, file, schema) => {
      read.add(path);
      return workingTree.read(path, file, schema);
    },
  };
}

/** The config a command used, as JSON output names it: relative to the working directory, or null (SPEC §4). */
export function showConfigPath(cwd: string, loaded: LoadedConfig | undefined): string | null {
  if (!loaded) return null;
  return (relative(cwd, loaded.path) || loaded.path).split(sep).join('/');
}

/** The clauses of a framework the catalog maps to; a slug it never names is a usage error that lists the ones it does. */
export function requireClauses(catalog: Catalog, slug: string): ClauseUse[] {
  const clauses = clausesOf(catalog, slug);
  if (clauses.length > 0) return clauses;
  const known = [...new Set([...catalog.safeguards, ...catalog.categories].flatMap((e) => Object.keys(e.mappings ?? {})))].sort();
  const hint = known.length > 0 ? ` It maps to: ${known.join(', ')}.${didYouMean(slug, known)}` : ' It has no mappings.';
  throw new UsageError(`Nothing in the catalog maps to "${slug}".${hint}`);
}
