import type { Catalog } from '../schema/catalog.js';
import { sanitizeTerminalLine } from './sanitize.js';
import { formatGrid } from './terminal-grid.js';
import { indentLines, measureWidest, resolveWidth, trimLineEnd, wrapLabelled, wrapText } from './terminal-text.js';
import { createPaint, type Paint } from './text.js';
import type { CatalogEntry, ReporterContext } from './types.js';

/** `harm catalog list` and `harm catalog show` for a terminal, wrapped to its width. */

const MIN_WIDTH = 40;
const INDENT = '  ';
/** A description column narrower than this reads worse than descriptions under their ids. */
const MIN_TEXT_WIDTH = 24;

/** Rows of "id  text", the text wrapped beside the ids, or under each id when the ids leave too little room. */
function formatIdRows(rows: readonly (readonly [string, string])[], width: number, paint: Paint): string[] {
  const ids = rows.map(([id]) => sanitizeTerminalLine(id));
  const inner = width - INDENT.length;
  const idWidth = measureWidest(ids);
  const textWidth = inner - idWidth - 2;
  if (textWidth >= MIN_TEXT_WIDTH) {
    const cells = rows.map(([, text], i) => [wrapText(ids[i] ?? '', idWidth), wrapText(text, textWidth, paint.dim)]);
    return indentLines(formatGrid(cells, ['left', 'left']), INDENT);
  }
  return rows.flatMap(([, text], i) => indentLines([...wrapText(ids[i] ?? '', inner), ...indentLines(wrapText(text, inner - 2, paint.dim), '  ')], INDENT));
}

export function formatCatalogListTable(catalog: Catalog, ctx: ReporterContext): string {
  const paint = createPaint(ctx.color);
  const width = resolveWidth(ctx.width, MIN_WIDTH);
  const { framework } = catalog;
  const sections: Array<[string, Array<[string, string]>]> = [
    ['Dimensions', framework.dimensions.map((d) => [d.id, d.name])],
    ['Populations', framework.populations.map((p) => [p.id, `${p.name} (vulnerability ${p.vulnerability})`])],
    ['Categories', catalog.categories.map((c) => [c.id, `${c.name}${c.escalate ? ' (escalates)' : ''}`])],
    ['Safeguards', catalog.safeguards.map((s) => [s.id, `${s.title} · ${s.stage.replace('_', ' ')} · burden ${s.burden}`])],
  ];
  const lines = [
    ...wrapText(`Framework ${framework.id} version ${framework.version}`, width, paint.bold),
    '',
    ...sections.flatMap(([title, rows]) => [paint.bold(title), ...formatIdRows(rows, width, paint), '']),
    ...wrapText('Run `harm catalog show <id>` for details.', width),
  ];
  return `${lines.map(trimLineEnd).join('\n')}\n`;
}

/** Keys shown in the title and first paragraph, not as fields. */
const HEADLINE_KEYS = new Set(['id', 'name', 'title', 'description']);
/** Fields in reading order; any other field a catalog has follows them, in its own order. */
const FIELD_ORDER = ['kind', 'stage', 'burden', 'vulnerability', 'dimensions', 'escalate', 'escalation_message', 'reference', 'effects', 'require_when', 'recommend_when'];

function orderFields(record: Readonly<Record<string, unknown>>): string[] {
  const keys = Object.keys(record).filter((key) => !HEADLINE_KEYS.has(key) && record[key] !== undefined);
  const rank = (key: string) => (FIELD_ORDER.includes(key) ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length);
  return keys.sort((a, b) => rank(a) - rank(b));
}

/** Field names in words: "min_risk" → "min risk". Ids are never changed this way. */
function describeKey(key: string): string {
  return FIELD_WORDS.get(key) ?? key.replaceAll('_', ' ');
}

const FIELD_WORDS = new Map([
  ['require_when', 'required when'],
  ['recommend_when', 'recommended when'],
]);

/** Any catalog value in words: lists joined, maps as "key value" pairs (their keys may be ids, so written as they are). */
function describeValue(value: unknown, join = ', '): string {
  if (Array.isArray(value)) return value.map((v) => describeValue(v)).join(join);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? `${k} (${describeValue(v)})` : `${k} ${describeValue(v, ' or ')}`))
      .join('; ');
  }
  return String(value);
}

/** A condition of `require_when` and the like: "category a or b and min risk medium". */
function describeCondition(condition: unknown): string {
  if (condition === null || typeof condition !== 'object') return String(condition);
  return Object.entries(condition)
    .map(([key, value]) =>
      key === 'factor' && value !== null && typeof value === 'object'
        ? Object.entries(value).map(([f, l]) => `${f} ≥ ${String(l)}`).join(', ')
        : `${describeKey(key)} ${describeValue(value, ' or ')}`,
    )
    .join(' and ');
}

export function formatCatalogEntryTable({ id, entry }: CatalogEntry, ctx: ReporterContext): string {
  const paint = createPaint(ctx.color);
  const width = resolveWidth(ctx.width, MIN_WIDTH);
  const record: Readonly<Record<string, unknown>> = entry;
  const name = record.title ?? record.name;
  // Every field after the title and description, so that fields a catalog gains are shown too.
  const fields = orderFields(record).flatMap((key) => {
    const value = record[key];
    if (!key.endsWith('_when') || !Array.isArray(value)) return wrapLabelled(`${describeKey(key)}:`, describeValue(value), width, { gap: 1, labelStyle: paint.dim });
    if (value.length === 0) return [];
    const conditions = value.flatMap((condition) => wrapLabelled('-', describeCondition(condition), width - INDENT.length, { gap: 1 }));
    return [paint.dim(`${describeKey(key)}:`), ...indentLines(conditions, INDENT)];
  });
  const lines = [
    ...wrapText(`${id}${typeof name === 'string' ? ` — ${name}` : ''}`, width, paint.bold),
    ...(typeof record.description === 'string' ? wrapText(record.description, width) : []),
    ...fields,
  ];
  return `${lines.map(trimLineEnd).join('\n')}\n`;
}
