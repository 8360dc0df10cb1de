import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SetupError, UsageError } from '../../core/errors.js';
import { suggestId } from '../../core/did-you-mean.js';
import { frameworkRef } from '../../core/digest.js';
import type { Catalog } from '../../schema/catalog.js';
import type { Finding, FrameworkRef } from '../../schema/output.js';
import { composeCatalog } from '../../io/catalog-loader.js';
import { displayPath } from '../../io/find-files.js';
import { catalogEntryReporters, catalogListReporters, catalogMappingReporters, type CatalogFormat } from '../../reporters/catalog-registry.js';
import { checkReporters, renderCheckRun, type CheckFormat } from '../../reporters/check-registry.js';
import type { CatalogEntry, CheckRun } from '../../reporters/types.js';
import { summarize } from '../../core/findings.js';
import type { CommandContext, CommonOptions } from '../run.js';
import { emit, loadRunSetup, recordingReads, reporterContext, requireClauses } from '../shared.js';

export interface CatalogListOptions extends CommonOptions {
  mapping?: string;
}

export async function catalogListCommand(ctx: CommandContext, options: CatalogListOptions): Promise<number> {
  const { catalog, inUse } = loadRunSetup(ctx, options);
  const format = (options.format ?? 'table') as CatalogFormat;
  const rctx = reporterContext(ctx, options);
  if (options.mapping === undefined) {
    emit(ctx, catalogListReporters[format](catalog, rctx), options.output, inUse);
    return 0;
  }
  // `--mapping <slug>`: which safeguards (and categories) serve each clause of one framework.
  const slug = options.mapping;
  const clauses = requireClauses(catalog, slug);
  emit(ctx, catalogMappingReporters[format]({ catalog, slug, clauses }, rctx), options.output, inUse);
  return 0;
}

/** Every entry of the catalog by id; a Map, so that no id finds an Object method. */
function indexCatalog(catalog: Catalog): Map<string, CatalogEntry> {
  const entries = new Map<string, CatalogEntry>();
  // Later lists do not replace earlier ones: a safeguard id wins over a category of the same id.
  const add = (entry: CatalogEntry) => {
    if (!entries.has(entry.id)) entries.set(entry.id, entry);
  };
  for (const entry of catalog.safeguards) add({ type: 'safeguard', id: entry.id, entry });
  for (const entry of catalog.categories) add({ type: 'category', id: entry.id, entry });
  for (const entry of catalog.framework.populations) add({ type: 'population', id: entry.id, entry });
  for (const entry of catalog.framework.dimensions) add({ type: 'dimension', id: entry.id, entry });
  return entries;
}

export async function catalogShowCommand(ctx: CommandContext, id: string, options: CommonOptions): Promise<number> {
  const { catalog, inUse } = loadRunSetup(ctx, options);
  const entries = indexCatalog(catalog);
  const found = entries.get(id);
  if (!found) {
    const hit = suggestId(id, entries.keys());
    throw new UsageError(`The catalog has no id "${id}".${hit ? ` Did you mean "${hit}"?` : ''}`);
  }
  const format = (options.format ?? 'table') as CatalogFormat;
  emit(ctx, catalogEntryReporters[format](found, reporterContext(ctx, options)), options.output, inUse);
  return 0;
}

export async function catalogValidateCommand(ctx: CommandContext, file: string, options: CommonOptions): Promise<number> {
  const path = resolve(ctx.io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`The file ${file} does not exist.`);
  const format = (options.format ?? 'stylish') as CheckFormat;
  let findings: Finding[];
  let framework: FrameworkRef | null = null;
  const read = new Set<string>();
  try {
    framework = frameworkRef(composeCatalog([{ path, named: file }], ctx.io.cwd, recordingReads(read)));
    findings = [];
  } catch (error) {
    if (!(error instanceof SetupError) || error.findings.length === 0) throw error;
    findings = [...error.findings];
  }
  const files = new Map<string, typeof findings>();
  files.set(displayPath(ctx.io.cwd, path), []);
  for (const f of findings) files.set(f.file, [...(files.get(f.file) ?? []), f]);
  const run: CheckRun = {
    info: { version: ctx.version, framework, config: null, command: 'catalog validate' },
    files: [...files].map(([name, list]) => ({ file: name, uri: name, feature: null, findings: list })),
    summary: { files: files.size, ...summarize(findings) },
  };
  const inUse = [...read].map((p) => ({ path: p, role: 'a catalog being checked' }));
  emit(ctx, renderCheckRun(checkReporters[format], run, reporterContext(ctx, options)), options.output, inUse);
  return run.summary.errors > 0 ? 1 : 0;
}
