import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isScalar, isSeq, parse, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { UsageError } from '../../core/errors.js';
import type { Assessment } from '../../schema/assessment.js';
import { isPlainScalar, isRecord, NotSpliceable, ownPair, type Op, type Parent } from './edit-ops.js';
import { styleLists, TO_STRING } from './render.js';
import { spliceText } from './splice.js';

const PARSE = { merge: true, maxAliasCount: 100 } as const;

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
