import { isDeepStrictEqual } from 'node:util';
import {
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  Scalar,
  visit,
  type Node as YamlNode,
  type Pair,
  type ToStringOptions,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { UsageError } from '../core/errors.js';
import type { Assessment } from '../schema/assessment.js';

const TO_STRING: ToStringOptions = { lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: false };
const PARSE = { merge: true, maxAliasCount: 100 } as const;

// ── A new file ────────────────────────────────────────────────────────

const SECTION_COMMENTS: Record<string, string> = {
  feature: ' The feature being assessed.',
  assessment: ' Who assessed it, when, and when to look at it again.',
  harms: ' What could go wrong. Factors rate each harm before its safeguards;\n safeguard statuses: implemented | in_progress | planned | not_applicable.',
  waivers: ' Required safeguards set aside, each with an approver and an expiry date.',
  acceptances: ' Residual risks knowingly accepted: up to which level, why, by whom, until when.',
};

/** The text of a new assessment file: the schema modeline, then the document with a short comment on each section. */
export function renderAssessment(assessment: Assessment, opts: { schemaPath?: string; feature?: string } = {}): string {
  const doc = new Document(assessment);
  styleLists(doc.contents);
  const header: string[] = [];
  if (opts.schemaPath) header.push(` yaml-language-server: $schema=${opts.schemaPath}`);
  header.push(' A harm assessment: `harm assess <file>` reports on it, `harm edit <file>` changes it.');
  doc.commentBefore = header.join('\n');
  const root = doc.contents as unknown as YAMLMap;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const comment = SECTION_COMMENTS[key];
    if (comment && isScalar(pair.key)) pair.key.commentBefore = comment;
    if (key === 'harms' && isSeq(pair.value)) pair.value.items.forEach((item, i) => ((item as YamlNode).spaceBefore = i > 0));
  }
  return doc.toString(TO_STRING);
}

/** Short lists of plain values read best on one line, as in the examples: `dimensions: [economic, societal]`. */
function styleLists(node: unknown): void {
  visit(node as YamlNode, {
    Seq(_, seq) {
      if (seq.items.length > 0 && seq.items.every((i) => isScalar(i))) seq.flow = true;
    },
  });
}

function renderBlock(value: unknown, indent: number): string {
  const doc = new Document(value);
  styleLists(doc.contents);
  const pad = ' '.repeat(indent);
  return doc
    .toString(TO_STRING)
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** One block-list entry (`- …`) at the dash column `indent`. */
function renderItem(value: unknown, indent: number): string {
  const doc = new Document(value);
  styleLists(doc.contents);
  const pad = ' '.repeat(indent);
  return doc
    .toString(TO_STRING)
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 ? `${pad}- ${line}` : line === '' ? line : `${pad}  ${line}`))
    .join('\n');
}

function renderFlow(value: unknown): string {
  const doc = new Document(value);
  if (isSeq(doc.contents) || isMap(doc.contents)) doc.contents.flow = true;
  return doc.toString(TO_STRING).trimEnd();
}

function renderScalar(value: unknown, type: Scalar['type']): string {
  const scalar = new Scalar(value);
  // A value spliced into a line must stay on it: several lines are written as one quoted string.
  if (typeof value === 'string' && value.includes('\n')) scalar.type = Scalar.QUOTE_DOUBLE;
  else if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) scalar.type = type;
  const doc = new Document(scalar);
  return doc.toString(TO_STRING).trimEnd();
}

// ── Changing an existing file ─────────────────────────────────────────

type Parent = YAMLMap | YAMLSeq;
type Op =
  | { kind: 'set'; parent: Parent; key: string; node: unknown; value: unknown }
  | { kind: 'deletePair'; map: YAMLMap; pair: Pair }
  | { kind: 'addPair'; map: YAMLMap; key: string; value: unknown }
  | { kind: 'deleteItem'; seq: YAMLSeq; item: unknown }
  | { kind: 'addItem'; seq: YAMLSeq; value: unknown };

/** A change that cannot be written as a splice of the original text. */
class NotSpliceable extends Error {}

/**
 * Rewrites `text` so that it holds `after`, touching only what changed: a changed
 * value is replaced where it stands, a removed entry loses its lines, a new one is
 * added after its siblings. Every other byte (comments, alignment, quoting, key
 * order) stays as written. yaml's own printer would re-align comments across the
 * whole file, so edits are spliced into the source at the node ranges the
 * Document API reports; only when a change cannot be spliced (aliases, flow
 * mappings, block scalars) are the nodes changed in place and the document printed.
 *
 * `harmOrigins[i]` is the index in the file of `after.harms[i]`, or undefined for a new harm.
 */
export function applyAssessmentChanges(text: string, after: Assessment, harmOrigins: readonly (number | undefined)[]): string {
  const before = parse(text, PARSE) as Record<string, unknown>;
  if (isDeepStrictEqual(before, after)) return text;
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new UsageError('The file is not a YAML mapping; it cannot be edited in place.');
  const ops = diffAssessment(doc.contents, before, after as unknown as Record<string, unknown>, harmOrigins);
  try {
    const spliced = spliceText(text, ops);
    if (isDeepStrictEqual(parse(spliced, PARSE), after)) return spliced;
  } catch (error) {
    if (!(error instanceof NotSpliceable)) throw error;
  }
  mutateDocument(doc, ops);
  const printed = doc.toString(TO_STRING);
  if (!isDeepStrictEqual(parse(printed, PARSE), after)) {
    throw new UsageError('The changes could not be applied to the file without changing something else; nothing was written, edit the file by hand.');
  }
  return printed;
}

function diffAssessment(root: YAMLMap, before: Record<string, unknown>, after: Record<string, unknown>, origins: readonly (number | undefined)[]): Op[] {
  const ops: Op[] = [];
  const { harms: beforeHarms, ...beforeRest } = before;
  const { harms: afterHarms, ...afterRest } = after;
  diffMap(ops, root, beforeRest, afterRest);
  if (isDeepStrictEqual(beforeHarms, afterHarms) && origins.every((o, i) => o === i)) return ops;
  const pair = ownPair(root, 'harms');
  const oldList = Array.isArray(beforeHarms) ? beforeHarms : [];
  const newList = Array.isArray(afterHarms) ? afterHarms : [];
  if (!pair || !isSeq(pair.value) || pair.value.items.length !== oldList.length) {
    ops.push(pair ? { kind: 'set', parent: root, key: 'harms', node: pair.value, value: afterHarms } : { kind: 'addPair', map: root, key: 'harms', value: afterHarms });
    return ops;
  }
  const seq = pair.value;
  const kept = origins.filter((o): o is number => o !== undefined);
  if (kept.some((o, i) => i > 0 && o <= kept[i - 1]!)) throw new Error('Harms kept from the file must stay in their order.');
  oldList.forEach((_, index) => {
    if (!kept.includes(index)) ops.push({ kind: 'deleteItem', seq, item: seq.items[index] });
  });
  newList.forEach((harm, i) => {
    const origin = origins[i];
    if (origin === undefined) ops.push({ kind: 'addItem', seq, value: harm });
    else diffValue(ops, seq, String(origin), seq.items[origin], oldList[origin], harm);
  });
  return ops;
}

function diffValue(ops: Op[], parent: Parent, key: string, node: unknown, before: unknown, after: unknown): void {
  if (isDeepStrictEqual(before, after)) return;
  if (isMap(node) && isRecord(before) && isRecord(after)) return diffMap(ops, node, before, after);
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) return diffSeq(ops, parent, key, node, before, after);
  ops.push({ kind: 'set', parent, key, node, value: after });
}

function diffMap(ops: Op[], map: YAMLMap, before: Record<string, unknown>, after: Record<string, unknown>): void {
  for (const key of Object.keys(before)) {
    if (Object.hasOwn(after, key) && after[key] !== undefined) continue;
    const pair = ownPair(map, key);
    // A value that comes from a merge key (`<<: *base`) cannot be removed here.
    if (!pair) throw new UsageError(`"${key}" comes from a merged mapping (<<) and cannot be removed in place; nothing was written, edit the file by hand.`);
    ops.push({ kind: 'deletePair', map, pair });
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined || isDeepStrictEqual(before[key], value)) continue;
    const pair = ownPair(map, key);
    // A key only present through a merge gets its own entry, which overrides the merged one.
    if (!pair) ops.push({ kind: 'addPair', map, key, value });
    else diffValue(ops, map, key, pair.value, before[key], value);
  }
}

function diffSeq(ops: Op[], parent: Parent, key: string, seq: YAMLSeq, before: unknown[], after: unknown[]): void {
  const replace = (): void => {
    ops.push({ kind: 'set', parent, key, node: seq, value: after });
  };
  if (seq.items.length !== before.length || seq.items.some((i) => isAlias(i))) return replace();
  if (before.every(isPlainScalar) && after.every(isPlainScalar)) {
    // Flow lists are rewritten whole (one line); block lists lose and gain single lines.
    if (seq.flow) return replace();
    const kept = before.filter((b) => after.includes(b));
    const added = after.filter((a) => !before.includes(a));
    if (!isDeepStrictEqual([...kept, ...added], after) || new Set(before).size !== before.length) return replace();
    before.forEach((b, i) => {
      if (!after.includes(b)) ops.push({ kind: 'deleteItem', seq, item: seq.items[i] });
    });
    for (const a of added) ops.push({ kind: 'addItem', seq, value: a });
    return;
  }
  const idOf = (v: unknown) => (isRecord(v) && typeof v.id === 'string' ? v.id : undefined);
  const beforeIds = before.map(idOf);
  const afterIds = after.map(idOf);
  const keyed = [...beforeIds, ...afterIds].every((id) => id !== undefined) && new Set(beforeIds).size === before.length && new Set(afterIds).size === after.length;
  if (keyed) {
    const keptIds = beforeIds.filter((id) => afterIds.includes(id));
    const addedIds = afterIds.filter((id) => !beforeIds.includes(id));
    if (!isDeepStrictEqual([...keptIds, ...addedIds], afterIds)) return replace();
    beforeIds.forEach((id, i) => {
      if (!afterIds.includes(id)) ops.push({ kind: 'deleteItem', seq, item: seq.items[i] });
    });
    after.forEach((a, i) => {
      const at = beforeIds.indexOf(afterIds[i]);
      if (at < 0) ops.push({ kind: 'addItem', seq, value: a });
      else diffValue(ops, seq, String(at), seq.items[at], before[at], a);
    });
    return;
  }
  if (before.length !== after.length) return replace();
  after.forEach((a, i) => diffValue(ops, seq, String(i), seq.items[i], before[i], a));
}

// ── Splicing the source text ──────────────────────────────────────────

interface Edit {
  start: number;
  end: number;
  text: string;
}

function spliceText(text: string, ops: readonly Op[]): string {
  const edits = ops.map((op) => editFor(text, op));
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  for (let k = 1; k < order.length; k++) {
    if (order[k]!.e.start < order[k - 1]!.e.end) throw new NotSpliceable('overlapping edits');
  }
  let out = text;
  // From the end, so earlier offsets stay valid; insertions at one offset keep their order.
  for (let k = order.length - 1; k >= 0; k--) {
    const { start, end, text: insert } = order[k]!.e;
    out = out.slice(0, start) + insert + out.slice(end);
  }
  return out;
}

function editFor(text: string, op: Op): Edit {
  switch (op.kind) {
    case 'set':
      return editSet(text, op.node, op.value);
    case 'deletePair': {
      const keyStart = rangeOf(op.pair.key)[0];
      if (op.map.flow || !onlyIndentBefore(text, keyStart)) throw new NotSpliceable('pair shares its line');
      const end = contentEnd(text, op.pair.value ?? op.pair.key);
      return withComments(text, lineStart(text, keyStart), lineEndIncl(text, end));
    }
    case 'addPair': {
      if (op.map.flow || op.map.items.length === 0) throw new NotSpliceable('flow or empty mapping');
      const first = rangeOf(op.map.items[0]!.key)[0];
      const last = op.map.items[op.map.items.length - 1]!;
      const at = lineEndIncl(text, contentEnd(text, last.value ?? last.key));
      return insertLines(text, at, renderBlock({ [op.key]: op.value }, first - lineStart(text, first)));
    }
    case 'deleteItem': {
      const start = rangeOf(op.item)[0];
      const dash = lineStart(text, start);
      if (op.seq.flow || !/^\s*-\s+$/.test(text.slice(dash, start))) throw new NotSpliceable('item shares its line');
      return withComments(text, dash, lineEndIncl(text, contentEnd(text, op.item)));
    }
    case 'addItem': {
      if (op.seq.flow || op.seq.items.length === 0) throw new NotSpliceable('flow or empty list');
      const firstStart = rangeOf(op.seq.items[0])[0];
      const dashCol = text.slice(lineStart(text, firstStart), firstStart).indexOf('-');
      const lastItem = op.seq.items[op.seq.items.length - 1];
      const at = lineEndIncl(text, contentEnd(text, lastItem));
      const spaced = op.seq.items.slice(1).some((item) => {
        const prev = previousLine(text, lineStart(text, rangeOf(item)[0]));
        return prev !== undefined && prev.text.trim() === '';
      });
      return insertLines(text, at, (spaced ? '\n' : '') + renderItem(op.value, dashCol));
    }
  }
}

/**
 * Deletes whole lines [from, to) with the comment lines directly above them, which
 * describe what is deleted; entries separated by blank lines keep one blank line
 * between the neighbours.
 */
function withComments(text: string, from: number, to: number): Edit {
  let start = from;
  for (let prev = previousLine(text, start); prev && /^\s*#/.test(prev.text); prev = previousLine(text, start)) start = prev.start;
  const before = previousLine(text, start);
  if (before && before.text.trim() === '' && (to >= text.length || lineText(text, to).trim() === '')) start = before.start;
  return { start, end: to, text: '' };
}

function editSet(text: string, node: unknown, value: unknown): Edit {
  const [start, end] = rangeOf(node);
  if (isScalar(node) && isPlainScalar(value) && value !== null) {
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED || node.value === null) throw new NotSpliceable('block scalar');
    return keepCommentColumn(text, { start, end, text: renderScalar(value, node.type) });
  }
  const flowable =
    (Array.isArray(value) && value.every(isPlainScalar)) || (isRecord(value) && Object.values(value).every(isPlainScalar));
  if ((isSeq(node) || isMap(node)) && node.flow && flowable) return keepCommentColumn(text, { start, end, text: renderFlow(value) });
  if (isScalar(node) && Array.isArray(value) && value.length === 0 && node.value !== null) return { start, end, text: '[]' };
  throw new NotSpliceable('value changes shape');
}

/** A trailing comment aligned with its neighbours stays in its column when the value's length changes. */
function keepCommentColumn(text: string, edit: Edit): Edit {
  let gapEnd = edit.end;
  while (text[gapEnd] === ' ') gapEnd++;
  if (gapEnd === edit.end || text[gapEnd] !== '#') return edit;
  const width = gapEnd - edit.start;
  return { start: edit.start, end: gapEnd, text: edit.text + ' '.repeat(Math.max(1, width - edit.text.length)) };
}

function insertLines(text: string, at: number, block: string): Edit {
  const body = block.endsWith('\n') ? block : `${block}\n`;
  return { start: at, end: at, text: at > 0 && text[at - 1] !== '\n' ? `\n${body}` : body };
}

function rangeOf(node: unknown): [number, number, number] {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) throw new NotSpliceable('node without a position');
  return range;
}

/** The offset just after the node's last non-space character. */
function contentEnd(text: string, node: unknown): number {
  const [start, end] = rangeOf(node);
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the newline that ends the line holding `offset - 1` (the last character of a value). */
function lineEndIncl(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? text.length : nl + 1;
}

function lineText(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl < 0 ? text.length : nl);
}

function previousLine(text: string, start: number): { start: number; text: string } | undefined {
  if (start === 0) return undefined;
  const s = lineStart(text, start - 1);
  return { start: s, text: text.slice(s, start - 1) };
}

function onlyIndentBefore(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

// ── Fallback: change the nodes and print the document ─────────────────

function mutateDocument(doc: Document, ops: readonly Op[]): void {
  const create = (value: unknown) => {
    const node = doc.createNode(value);
    styleLists(node);
    return node;
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'set': {
        if (isScalar(op.node) && isPlainScalar(op.value)) op.node.value = op.value;
        else if (isSeq(op.parent)) op.parent.items[op.parent.items.indexOf(op.node as never)] = create(op.value);
        else op.parent.set(op.key, create(op.value));
        break;
      }
      case 'deletePair':
        op.map.items.splice(op.map.items.indexOf(op.pair as never), 1);
        break;
      case 'addPair':
        op.map.add(doc.createPair(op.key, create(op.value)));
        break;
      case 'deleteItem':
        op.seq.items.splice(op.seq.items.indexOf(op.item as never), 1);
        break;
      case 'addItem':
        op.seq.items.push(create(op.value));
        break;
    }
  }
}

// ── Helpers ───────────────────────────────────────────────────────────

function ownPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key && key !== '<<');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
