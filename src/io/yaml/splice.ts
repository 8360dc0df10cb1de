import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { isPlainScalar, isRecord, NotSpliceable, type Op } from './edit-ops.js';
import { renderBlock, renderFlow, renderItem, renderScalar } from './render.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The ops as edits of the source text, applied from the end; overlapping edits cannot be spliced. */
export function spliceText(text: string, ops: readonly Op[]): string {
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
