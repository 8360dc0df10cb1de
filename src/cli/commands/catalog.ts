import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SetupError, UsageError } from '../../core/errors.js';
import { didYouMean } from '../../core/did-you-mean.js';
import { API_VERSION } from '../../schema/common.js';
import type { Condition } from '../../schema/catalog.js';
import type { Finding } from '../../schema/output.js';
import { composeCatalog } from '../../io/catalog-loader.js';
import { displayPath } from '../../io/find-files.js';
import { checkReporters, renderCheckRun, type CheckFormat } from '../../reporters/check-registry.js';
import type { CheckRun } from '../../reporters/types.js';
import { createPaint } from '../../reporters/text.js';
import { summarize } from '../../core/findings.js';
import type { CommandContext, CommonOptions } from '../run.js';
import { emit, loadRunSetup, reporterContext } from '../shared.js';

export async function catalogListCommand(ctx: CommandContext, options: CommonOptions): Promise<number> {
  const { catalog, inUse } = loadRunSetup(ctx, options);
  if (options.format === 'json') {
    emit(ctx, `${JSON.stringify({ apiVersion: API_VERSION, kind: 'CatalogList', framework: { id: catalog.framework.id, version: catalog.framework.version }, dimensions: catalog.framework.dimensions.map((d) => d.id), populations: catalog.framework.populations.map((p) => p.id), categories: catalog.categories.map((c) => c.id), safeguards: catalog.safeguards.map((s) => s.id) }, null, 2)}\n`, options.output, inUse);
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
  emit(ctx, `${lines.join('\n')}\n`, options.output, inUse);
  return 0;
}

function describeCondition(condition: Condition): string {
  return Object.entries(condition)
    .map(([key, value]) => (key === 'factor' ? Object.entries(value as Record<string, string>).map(([f, l]) => `${f} ≥ ${l}`).join(', ') : `${key.replace('_', ' ')} ${Array.isArray(value) ? value.join(' or ') : String(value)}`))
    .join(' and ');
}

export async function catalogShowCommand(ctx: CommandContext, id: string, options: CommonOptions): Promise<number> {
  const { catalog, inUse } = loadRunSetup(ctx, options);
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
    emit(ctx, `${JSON.stringify({ apiVersion: API_VERSION, kind: 'CatalogEntry', type, entry }, null, 2)}\n`, options.output, inUse);
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
  for (const key of ['require_when', 'recommend_when'] as const) {
    const conditions = record[key] as Condition[] | undefined;
    if (conditions?.length) {
      lines.push(`${key === 'require_when' ? 'required when' : 'recommended when'}:`);
      for (const cond of conditions) lines.push(`  - ${describeCondition(cond)}`);
    }
  }
  emit(ctx, `${lines.join('\n')}\n`, options.output, inUse);
  return 0;
}

export async function catalogValidateCommand(ctx: CommandContext, file: string, options: CommonOptions): Promise<number> {
  const path = resolve(ctx.io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`The file ${file} does not exist.`);
  const format = (options.format ?? 'stylish') as CheckFormat;
  let findings: Finding[];
  const read = new Set<string>();
  try {
    composeCatalog([{ path, named: file }], ctx.io.cwd, read);
    findings = [];
  } catch (error) {
    if (!(error instanceof SetupError) || error.findings.length === 0) throw error;
    findings = [...error.findings];
  }
  const files = new Map<string, typeof findings>();
  files.set(displayPath(ctx.io.cwd, path), []);
  for (const f of findings) files.set(f.file, [...(files.get(f.file) ?? []), f]);
  const run: CheckRun = {
    info: { config: null, command: 'catalog validate' },
    files: [...files].map(([name, list]) => ({ file: name, uri: name, feature: null, findings: list })),
    summary: { files: files.size, ...summarize(findings) },
  };
  const inUse = [...read].map((p) => ({ path: p, role: 'a catalog being checked' }));
  emit(ctx, renderCheckRun(checkReporters[format], run, reporterContext(ctx, options)), options.output, inUse);
  return run.summary.errors > 0 ? 1 : 0;
}
