import { resolve } from 'node:path';
import type { AssessOptions as RuleOptions } from '../core/assess.js';
import { loadEffectiveCatalog, type CatalogRequest } from '../io/catalog-loader.js';
import { loadConfig, type LoadedConfig } from '../io/config-loader.js';
import type { Catalog } from '../schema/catalog.js';
import type { GateLevel } from '../schema/common.js';
import { UsageError } from '../core/errors.js';
import { ISO_DATE_PATTERN } from '../schema/common.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import type { ReporterContext } from '../reporters/types.js';
import { terminalWidth, useColor } from './io.js';
import type { CommandContext } from './run.js';

export function resolveToday(ctx: CommandContext, today: string | undefined): string {
  if (today === undefined) return ctx.io.today();
  if (!ISO_DATE_PATTERN.test(today)) throw new UsageError(`--today must be a real date in the form YYYY-MM-DD, not "${today}".`);
  return today;
}

/** Writes a command's output to stdout, or replaces --output atomically. */
export function emit(ctx: CommandContext, text: string, output: string | undefined): void {
  if (output === undefined) {
    ctx.io.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(resolve(ctx.io.cwd, output), text);
  } catch (error) {
    throw new UsageError(`Could not write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
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

export function parseMaxWarnings(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < -1) throw new UsageError(`--max-warnings must be a whole number, -1 or more, not "${value}".`);
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
}

/** The config, the effective catalog and the gate settings a document command runs with. */
export function loadRunSetup(ctx: CommandContext, options: { catalog?: string[]; config?: string; failOn?: GateLevel; failOnSeverity?: GateLevel }): RunSetup {
  const loaded = loadConfig(ctx.io.cwd, options.config);
  const config = loaded?.config;
  const request: CatalogRequest = { cwd: ctx.io.cwd, catalogs: options.catalog ?? [], config: loaded ?? null };
  const failOn = options.failOn ?? config?.failOn;
  const failOnSeverity = options.failOnSeverity ?? config?.failOnSeverity;
  return {
    ...(loaded ? { loaded } : {}),
    request,
    catalog: loadEffectiveCatalog(request),
    gate: {
      ...(config?.rules ? { rules: config.rules } : {}),
      ...(failOn ? { failOn } : {}),
      ...(failOnSeverity ? { failOnSeverity } : {}),
    },
  };
}
