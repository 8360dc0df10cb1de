import { isScalar, Schema, type ScalarTag } from 'yaml';
import { COLON, DASH, HASH, isIndicator, NL, outside, SPACE, type SubsetScanner } from './subset-scanner.js';
import { doubleQuoted, singleQuoted } from './subset-quoted.js';

/** The YAML 1.2 core schema's tags for plain scalars, in the order the full parser tries them. */
let plainTags: { tags: ScalarTag[]; any: RegExp } | undefined;
function corePlainTags(): { tags: ScalarTag[]; any: RegExp } {
  if (!plainTags) {
    const tags = new Schema({ schema: 'core' }).tags.filter((tag): tag is ScalarTag => tag.default === true && tag.test instanceof RegExp);
    // One test for all of them, since most plain scalars are strings that match none.
    plainTags = { tags, any: new RegExp(tags.map((tag) => `(?:${tag.test!.source})`).join('|')) };
  }
  return plainTags;
}
const RESOLVE_OPTIONS = { intAsBigInt: false };

/** A plain scalar's value, resolved with the core schema's own tags as the full parser does. */
export function resolvePlain(source: string): unknown {
  const { tags, any } = corePlainTags();
  if (!any.test(source)) return source;
  const tag = tags.find((t) => t.test!.test(source))!;
  const value = tag.resolve(source, outside, RESOLVE_OPTIONS);
  return isScalar(value) ? value.value : value;
}

/**
 * A plain scalar, folded over the more indented lines that continue it (as
 * serializers write long text). A continuation that starts with an indicator or
 * holds a `: ` is left to the full reader.
 */
export function plain(s: SubsetScanner, i: number, indent: number): unknown {
  const { text, length } = s;
  const c = text.charCodeAt(i);
  // Indicators that cannot start a plain scalar, or that start what the subset leaves out.
  if (isIndicator(c) && c !== DASH) outside();
  let line = plainLine(s, i);
  let value = text.slice(i, s.lineContentEnd);
  s.count();
  s.node = { kind: 'scalar', start: i };
  let blanks = 0;
  let next = line;
  while (!s.commentEnded && line < length) {
    const col = s.indentOf(line);
    const at = line + col;
    if (at >= length) break;
    const d = text.charCodeAt(at);
    if (d === NL) {
      blanks++;
      line = at + 1;
      continue;
    }
    if (col <= indent || d === HASH) break;
    if (isIndicator(d)) outside();
    line = plainLine(s, at);
    value += blanks === 0 ? ' ' : '\n'.repeat(blanks);
    value += text.slice(at, s.lineContentEnd);
    blanks = 0;
    next = line;
  }
  s.after = next;
  return resolvePlain(value);
}

/**
 * One line of a plain scalar from i: sets where its content ends (trailing spaces
 * dropped) and whether a comment ends it; returns the start of the next line.
 */
export function plainLine(s: SubsetScanner, i: number): number {
  const { text, length } = s;
  let j = i;
  let end = -1;
  while (j < length) {
    const d = text.charCodeAt(j);
    if (d === NL) break;
    if (d === COLON) {
      const next = text.charCodeAt(j + 1);
      if (j + 1 >= length || next === SPACE || next === NL) outside();
    } else if (d === SPACE && text.charCodeAt(j + 1) === HASH) {
      end = j;
      break;
    }
    j++;
  }
  s.commentEnded = end >= 0;
  if (end < 0) end = j;
  while (end > i && text.charCodeAt(end - 1) === SPACE) end--;
  s.lineContentEnd = end;
  return s.lineAfter(j);
}

/** One quoted or plain scalar of a one-line flow collection closed by `close`. */
export function flowScalar(s: SubsetScanner, j: number, close: number): unknown {
  const { text, length } = s;
  if (j >= length) outside();
  const c = text.charCodeAt(j);
  s.count();
  s.node = { kind: 'scalar', start: j };
  if (c === 34 || c === 39) {
    s.flowEnd = c === 34 ? doubleQuoted(s, j, undefined) : singleQuoted(s, j, undefined);
    return s.quoted;
  }
  // Plain items of the subset: no indicator first, no `:`, `#`, brackets or braces.
  if ((isIndicator(c) && c !== DASH) || c === NL || c === SPACE) outside();
  const after = text.charCodeAt(j + 1);
  if (c === DASH && (after === SPACE || after === 44 || after === close)) outside();
  let k = j;
  for (; k < length; k++) {
    const d = text.charCodeAt(k);
    if (d === 44 || d === close) break;
    if (d === NL || d === COLON || d === HASH || d === 91 || d === 93 || d === 123 || d === 125) outside();
  }
  let end = k;
  while (text.charCodeAt(end - 1) === SPACE) end--;
  s.flowEnd = k;
  return resolvePlain(text.slice(j, end));
}
