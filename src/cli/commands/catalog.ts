import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SetupError, UsageError } from '../../core/errors.js';
import { describeCondition } from '../../core/condition-words.js';
import { frameworkRef } from '../../core/digest.js';
import { didYouMean } from '../../core/did-you-mean.js';
import { API_VERSION } from '../../schema/common.js';
import type { Catalog, Condition } from '../../schema/catalog.js';
import type { Finding } from '../../schema/output.js';
import { composeCatalog } from '../../io/catalog-loader.js';
import { displayPath } from '../../io/find-files.js';
import { checkReporters, type CheckFormat } from '../../reporters/check-registry.js';
import { createPaint } from '../../reporters/text.js';
import { summarize } from '../../core/findings.js';
import type { CommandContext, CommonOptions } from '../run.js';
import { emit, loadRunSetup, reporterContext, requireClauses } from '../shared.js';

function effectiveCatalog(ctx: CommandContext, options: CommonOptions): Catalog {
  return loadRunSetup(ctx, options).catalog;
}

export interface CatalogListOptions extends CommonOptions {
  mapping?: string;
}

/** `catalog list --mapping <slug>`: which safeguards (and categories) serve each clause of one framework. */
function listMapping(ctx: CommandContext, catalog: Catalog, slug: string, options: CatalogListOptions): number {
  const clauses = requireClauses(catalog, slug);
  if (options.format === 'json') {
    const body = { apiVersion: API_VERSION, kind: 'CatalogMapping', framework: frameworkRef(catalog), mapping: slug, clauses };
    emit(ctx, `${JSON.stringify(body, null, 2)}\n`, options.output);
    return 0;
  }
  const c = createPaint(reporterContext(ctx, options).color);
  const lines = [c.bold(`${slug}: ${clauses.length} clauses served by the ${catalog.framework.id} catalog`), ''];
  for (const { clause, safeguards, categories } of clauses) {
    lines.push(c.bold(clause));
    for (const id of safeguards) lines.push(`  ${id}`);
    if (categories.length > 0) lines.push(c.dim(`  categories: ${categories.join(', ')}`));
  }
  emit(ctx, `${lines.join('\n')}\n`, options.output);
  return 0;
}

export async function catalogListCommand(ctx: CommandContext, options: CatalogListOptions): Promise<number> {
  const catalog = effectiveCatalog(ctx, options);
  if (options.mapping !== undefined) return listMapping(ctx, catalog, options.mapping, options);
  if (options.format === 'json') {
    emit(ctx, `${JSON.stringify({ apiVersion: API_VERSION, kind: 'CatalogList', framework: frameworkRef(catalog), dimensions: catalog.framework.dimensions.map((d) => d.id), populations: catalog.framework.populations.map((p) => p.id), categories: catalog.categories.map((c) => c.id), safeguards: catalog.safeguards.map((s) => s.id) }, null, 2)}\n`, options.output);
    return 0;
  }
  const c = createPaint(reporterContext(ctx, options).color);
  const lines: string[] = [c.bold(`Framework ${catalog.framework.id} version ${catalog.framework.version}`), ''];
  const section = (title: string, rows: [string, string][]) => {
    lines.push(c.bold(title));
    const width = Math.max(...rows.map(([id]) => id.length));
    for (const [id, text] of rows) lines.push(`  ${id.padEnd(width)}  ${c.dim(text)}`);
    lines.push('');
  };
  section('Dimensions', catalog.framework.dimensions.map((d) => [d.id, d.name]));
  section('Populations', catalog.framework.populations.map((p) => [p.id, `${p.name} (vulnerability ${p.vulnerability})`]));
  section('Categories', catalog.categories.map((cat) => [cat.id, `${cat.name}${cat.escalate ? ' (escalates)' : ''}`]));
  section('Safeguards', catalog.safeguards.map((s) => [s.id, `${s.title} · ${s.stage.replace('_', ' ')} · burden ${s.burden}`]));
  lines.push(`Run \`harm catalog show <id>\` for details.`);
  emit(ctx, `${lines.join('\n')}\n`, options.output);
  return 0;
}

export async function catalogShowCommand(ctx: CommandContext, id: string, options: CommonOptions): Promise<number> {
  const catalog = effectiveCatalog(ctx, options);
  const entry =
    catalog.safeguards.find((s) => s.id === id) ??
    catalog.categories.find((c) => c.id === id) ??
    catalog.framework.populations.find((p) => p.id === id) ??
    catalog.framework.dimensions.find((d) => d.id === id);
  if (!entry) {
    const all = [...catalog.safeguards, ...catalog.categories, ...catalog.framework.populations, ...catalog.framework.dimensions].map((e) => e.id);
    throw new UsageError(`The catalog has no id "${id}".${didYouMean(id, all)}`);
  }
  if (options.format === 'json') {
    const type = catalog.safeguards.includes(entry as never)
      ? 'safeguard'
      : catalog.categories.includes(entry as never)
        ? 'category'
        : catalog.framework.populations.includes(entry as never)
          ? 'population'
          : 'dimension';
    emit(ctx, `${JSON.stringify({ apiVersion: API_VERSION, kind: 'CatalogEntry', type, entry }, null, 2)}\n`, options.output);
    return 0;
  }
  const c = createPaint(reporterContext(ctx, options).color);
  const lines: string[] = [];
  const record = entry as Record<string, unknown>;
  lines.push(c.bold(`${id} — ${String(record.title ?? record.name ?? '')}`));
  if (typeof record.description === 'string') lines.push(record.description);
  for (const key of ['kind', 'stage', 'burden', 'vulnerability', 'escalate', 'escalation_message', 'reference'] as const) {
    if (record[key] !== undefined) lines.push(`${key.replace('_', ' ')}: ${String(record[key])}`);
  }
  if (Array.isArray(record.dimensions)) lines.push(`dimensions: ${(record.dimensions as string[]).join(', ')}`);
  if (record.effects) lines.push(`effects: ${Object.entries(record.effects as Record<string, unknown>).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`).join('; ')}`);
  for (const [framework, clauses] of Object.entries((record.mappings as Record<string, string[]> | undefined) ?? {})) {
    lines.push(`maps to ${framework}: ${clauses.join(', ')}`);
  }
  const raises = record.raises as Record<string, Record<string, number>> | undefined;
  for (const [category, steps] of Object.entries(raises ?? {})) {
    lines.push(`raises ${category}: ${Object.entries(steps).map(([factor, step]) => `${factor.replace('_', ' ')} +${step}`).join(', ')} (while in effect for any harm of the assessment)`);
  }
  const labels = { effects_when: 'effects apply when', require_when: 'required when', recommend_when: 'recommended when' } as const;
  for (const key of ['effects_when', 'require_when', 'recommend_when'] as const) {
    const conditions = record[key] as Condition[] | undefined;
    if (conditions?.length) {
      lines.push(`${labels[key]} (any of):`);
      for (const cond of conditions) lines.push(`  - ${describeCondition(cond)}`);
    }
  }
  emit(ctx, `${lines.join('\n')}\n`, options.output);
  return 0;
}

export async function catalogValidateCommand(ctx: CommandContext, file: string, options: CommonOptions): Promise<number> {
  const path = resolve(ctx.io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`The file ${file} does not exist.`);
  const format = (options.format ?? 'stylish') as CheckFormat;
  let findings: Finding[];
  try {
    composeCatalog([{ path, named: file }], ctx.io.cwd);
    findings = [];
  } catch (error) {
    if (!(error instanceof SetupError) || error.findings.length === 0) throw error;
    findings = [...error.findings];
  }
  const files = new Map<string, typeof findings>();
  files.set(displayPath(ctx.io.cwd, path), []);
  for (const f of findings) files.set(f.file, [...(files.get(f.file) ?? []), f]);
  const run = {
    files: [...files].map(([name, list]) => ({ file: name, uri: name, feature: null, findings: list })),
    summary: { files: files.size, ...summarize(findings) },
  };
  emit(ctx, checkReporters[format](run, reporterContext(ctx, options)), options.output);
  return run.summary.errors > 0 ? 1 : 0;
}
