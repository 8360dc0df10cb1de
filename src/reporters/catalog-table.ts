import { describeCondition } from '../core/condition-words.js';
import type { Catalog, Condition } from '../schema/catalog.js';
import { sanitizeTerminalLine } from './sanitize.js';
import { formatGrid } from './terminal-grid.js';
import { indentLines, measureWidest, resolveWidth, trimLineEnd, wrapLabelled, wrapText } from './terminal-text.js';
import { createPaint, type Paint } from './text.js';
import type { CatalogEntry, CatalogMapping, ReporterContext } from './types.js';

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
const FIELD_ORDER = [
  'kind',
  'stage',
  'burden',
  'vulnerability',
  'escalate',
  'escalation_message',
  'reference',
  'dimensions',
  'effects',
  'mappings',
  'raises',
  'effects_when',
  'require_when',
  'recommend_when',
];

function orderFields(record: Readonly<Record<string, unknown>>): string[] {
  const keys = Object.keys(record).filter((key) => !HEADLINE_KEYS.has(key) && record[key] !== undefined);
  const rank = (key: string) => (FIELD_ORDER.includes(key) ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length);
  return keys.sort((a, b) => rank(a) - rank(b));
}

/** Any catalog value in words: lists joined, maps as "key value" pairs (their keys may be ids, so written as they are). */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? `${k} (${describeValue(v)})` : `${k} ${describeValue(v)}`))
      .join('; ');
  }
  return String(value);
}

const CONDITION_LISTS = new Map([
  ['effects_when', 'effects apply when'],
  ['require_when', 'required when'],
  ['recommend_when', 'recommended when'],
]);

/** One field as lines of "label: words", wrapped under the words. */
function formatField(key: string, value: unknown, width: number, paint: Paint): string[] {
  const field = (label: string, text: string) => wrapLabelled(`${label}:`, text, width, { gap: 1, labelStyle: paint.dim });
  const conditions = CONDITION_LISTS.get(key);
  if (conditions !== undefined && Array.isArray(value)) {
    if (value.length === 0) return [];
    const items = (value as Condition[]).flatMap((condition) => wrapLabelled('-', describeCondition(condition), width - INDENT.length, { gap: 1 }));
    return [paint.dim(`${conditions} (any of):`), ...indentLines(items, INDENT)];
  }
  if (key === 'mappings' && isRecord(value)) {
    return Object.entries(value).flatMap(([framework, clauses]) => field(`maps to ${framework}`, describeValue(clauses)));
  }
  if (key === 'raises' && isRecord(value)) {
    return Object.entries(value).flatMap(([category, steps]) => {
      const shifts = isRecord(steps) ? Object.entries(steps).map(([factor, step]) => `${factor.replaceAll('_', ' ')} +${String(step)}`) : [];
      return field(`raises ${category}`, `${shifts.join(', ')} (while in effect for any harm of the assessment)`);
    });
  }
  return field(key.replaceAll('_', ' '), describeValue(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function formatCatalogEntryTable({ id, entry }: CatalogEntry, ctx: ReporterContext): string {
  const paint = createPaint(ctx.color);
  const width = resolveWidth(ctx.width, MIN_WIDTH);
  const record: Readonly<Record<string, unknown>> = entry;
  const name = record.title ?? record.name;
  const lines = [
    ...wrapText(`${id}${typeof name === 'string' ? ` — ${name}` : ''}`, width, paint.bold),
    ...(typeof record.description === 'string' ? wrapText(record.description, width) : []),
    // Every other field, so that fields a catalog gains are shown too.
    ...orderFields(record).flatMap((key) => formatField(key, record[key], width, paint)),
  ];
  return `${lines.map(trimLineEnd).join('\n')}\n`;
}

/** `harm catalog list --mapping <slug>`: each clause, then the safeguards (and categories) that serve it. */
export function formatCatalogMappingTable({ catalog, slug, clauses }: CatalogMapping, ctx: ReporterContext): string {
  const paint = createPaint(ctx.color);
  const width = resolveWidth(ctx.width, MIN_WIDTH);
  const lines = [
    ...wrapText(`${slug}: ${clauses.length} clauses served by the ${catalog.framework.id} catalog`, width, paint.bold),
    '',
    ...clauses.flatMap(({ clause, safeguards, categories }) => [
      ...wrapText(clause, width, paint.bold),
      ...indentLines(safeguards.flatMap((safeguard) => wrapText(safeguard, width - INDENT.length)), INDENT),
      ...(categories.length > 0 ? indentLines(wrapText(`categories: ${categories.join(', ')}`, width - INDENT.length, paint.dim), INDENT) : []),
    ]),
  ];
  return `${lines.map(trimLineEnd).join('\n')}\n`;
}
