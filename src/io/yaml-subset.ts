import { isScalar, Schema, type ScalarTag } from 'yaml';
import type { Locator, Path, Position } from '../core/locator.js';
import { PROTOTYPE_KEYS } from '../core/prototype-keys.js';
import { MAX_DEPTH, MAX_NODES } from './yaml-limits.js';

/**
 * A reader for the plain YAML that harm files are written in: block mappings with
 * simple keys, block lists, plain and quoted scalars (folded over lines), one-line
 * flow lists and mappings of scalars, and literal or folded block scalars, with
 * comments anywhere a comment may be.
 *
 * It exists for speed: it reads such a file several times faster than the full
 * parser, which matters when one run checks thousands of files. It is a strict
 * subset reader, never a second opinion: for anything outside the subset (anchors,
 * tags, flow collections over several lines or nested, tabs, lone CRs,
 * directives, unusual keys, duplicate or prototype keys, deep nesting, and every
 * syntax error) it answers `undefined`, and the caller reads the text with the
 * full parser, which reports what is wrong. Where it answers, the value and every
 * node position equal the full parser's (the YAML 1.2 core schema).
 */
export interface SubsetDocument {
  value: Record<string, unknown>;
  root: SubsetNode;
  /** The text the node offsets index: the input, with CR LF line ends made LF. */
  text: string;
}

export type SubsetNode = SubsetMap | SubsetSeq | SubsetScalar;

interface SubsetScalar {
  kind: 'scalar';
  start: number;
}

interface SubsetMap {
  kind: 'map';
  start: number;
  keys: string[];
  keyStarts: number[];
  values: SubsetNode[];
}

interface SubsetSeq {
  kind: 'seq';
  start: number;
  items: SubsetNode[];
}

/** Thrown (never an Error, so no stack is captured) when the text leaves the subset. */
const OUTSIDE = { outside: true } as const;

/** Below the limits the full reader enforces, so that input near them is always read by it. */
const SUBSET_MAX_DEPTH = MAX_DEPTH - 16;
const SUBSET_MAX_NODES = MAX_NODES / 2;
/** Characters whose handling differs between YAML readers, or needs the full one. */
const UNUSUAL_TEXT = /[\t\r\u0085\u2028\u2029\uFEFF]/;
const RESERVED_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

const NL = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Reads `text` when it is inside the subset; undefined otherwise. */
export function readYamlSubset(input: string): SubsetDocument | undefined {
  // A CR LF line end reads as LF; no value keeps a line end's CR, and every
  // character keeps its line and column. A CR elsewhere is left to the full reader.
  const text = input.includes('\r') ? input.replace(/\r\n/g, '\n') : input;
  if (UNUSUAL_TEXT.test(text)) return undefined;
  try {
    return new SubsetReader(text).document();
  } catch (thrown) {
    if (thrown === OUTSIDE) return undefined;
    throw thrown;
  }
}

/** The YAML indicator characters: - ? : , [ ] { } # & * ! | > ' " % @ ` */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)));
const isIndicator = (c: number): boolean => INDICATORS.has(c);

const outside = (): never => {
  throw OUTSIDE;
};

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
function resolvePlain(source: string): unknown {
  const { tags, any } = corePlainTags();
  if (!any.test(source)) return source;
  const tag = tags.find((t) => t.test!.test(source))!;
  const value = tag.resolve(source, outside, RESOLVE_OPTIONS);
  return isScalar(value) ? value.value : value;
}

class SubsetReader {
  private readonly text: string;
  private readonly length: number;
  private nodes = 0;
  /** Set by every value reader: the node just read, and the start of the line after it. */
  private node: SubsetNode = { kind: 'scalar', start: 0 };
  private after = 0;
  // What the last call of a lower-level reader found, besides its return value.
  /** keyEnd: whether the key is in quotes. */
  private keyQuoted = false;
  /** plainLine: where the line's content ends, and whether a comment ends it. */
  private lineContentEnd = 0;
  private commentEnded = false;
  /** doubleQuoted, singleQuoted: the scalar's value. */
  private quoted = '';
  /** quotedContinuation: the empty lines skipped; foldedBreak: where the next line's content starts. */
  private blankLines = 0;
  private resume = 0;
  /** flowScalar: where the scalar ended. */
  private flowEnd = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  document(): SubsetDocument | undefined {
    let line = this.contentLine(0);
    if (line < 0) return undefined;
    // A leading `---` (alone on its line, or with a comment) is allowed.
    if (this.text.startsWith('---', line) && this.isBlankRest(line + 3, true)) line = this.contentLine(this.lineAfter(line));
    if (line < 0 || this.text.charCodeAt(line) === SPACE) return undefined;
    if (this.keyEnd(line) < 0) return undefined;
    const value = this.map(line, 0, 0);
    if (this.contentLine(this.after) >= 0) return undefined;
    return { value, root: this.node, text: this.text };
  }

  // ---- lines ----

  private lineAfter(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl < 0 ? this.length : nl + 1;
  }

  /** From a line start: the start of the next line with content (not blank, not a comment), or -1. */
  private contentLine(start: number): number {
    const { text, length } = this;
    let i = start;
    while (i < length) {
      let j = i;
      while (j < length && text.charCodeAt(j) === SPACE) j++;
      if (j >= length) return -1;
      const c = text.charCodeAt(j);
      if (c !== NL && c !== HASH) return i;
      i = this.lineAfter(j);
    }
    return -1;
  }

  private indentOf(lineStart: number): number {
    let j = lineStart;
    while (this.text.charCodeAt(j) === SPACE) j++;
    return j - lineStart;
  }

  /** True when only spaces (and, if allowed, a comment after a space) remain on the line from i. */
  private isBlankRest(i: number, commentAllowed: boolean): boolean {
    const { text, length } = this;
    let j = i;
    while (j < length && text.charCodeAt(j) === SPACE) j++;
    if (j >= length || text.charCodeAt(j) === NL) return true;
    return commentAllowed && text.charCodeAt(j) === HASH && j > i;
  }

  /** After a one-line value ending at i: the rest of the line must be blank or a comment. */
  private endLine(i: number): void {
    if (!this.isBlankRest(i, true)) outside();
    this.after = this.lineAfter(i);
  }

  private count(): void {
    if (++this.nodes > SUBSET_MAX_NODES) outside();
  }

  // ---- keys ----

  /**
   * The position of the `:` ending a simple key at i, or -1 when no simple key
   * starts there. A simple key is a name of letters, digits, `_`, `.` and `-`
   * starting with a letter or `_`, bare or in quotes (then `keyQuoted` is set).
   */
  private keyEnd(i: number): number {
    const { text, length } = this;
    let c = text.charCodeAt(i);
    const quote = c === 34 || c === 39 ? c : 0;
    const first = quote ? i + 1 : i;
    c = text.charCodeAt(first);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return -1;
    let j = first + 1;
    while (j < length) {
      const d = text.charCodeAt(j);
      if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95 || d === 46 || d === DASH) j++;
      else break;
    }
    if (quote) {
      if (text.charCodeAt(j) !== quote) return -1;
      j++;
    }
    if (text.charCodeAt(j) !== COLON) return -1;
    const next = text.charCodeAt(j + 1);
    this.keyQuoted = quote !== 0;
    return j + 1 >= length || next === SPACE || next === NL ? j : -1;
  }

  /** The key found by keyEnd; keys that are not plain strings, or could change prototypes, leave the subset. */
  private keyName(at: number, end: number): string {
    // Bare keys resolve like any plain scalar: `true:` would be a boolean key.
    const key = this.keyQuoted ? this.text.slice(at + 1, end - 1) : this.text.slice(at, end);
    if ((!this.keyQuoted && RESERVED_KEY.test(key)) || PROTOTYPE_KEYS.has(key)) outside();
    return key;
  }

  /** Adds a key to a mapping node; a repeated key leaves the subset. Returns the set used for large mappings. */
  private addKey(node: SubsetMap, key: string, at: number, seen: Set<string> | undefined): Set<string> | undefined {
    if (node.keys.length < 16) {
      if (node.keys.includes(key)) outside();
    } else {
      seen ??= new Set(node.keys);
      if (seen.has(key)) outside();
      seen.add(key);
    }
    node.keys.push(key);
    node.keyStarts.push(at);
    return seen;
  }

  // ---- collections ----

  /** A block mapping whose keys start at column `indent`; the first key is at i. */
  private map(i: number, indent: number, depth: number): Record<string, unknown> {
    if (depth > SUBSET_MAX_DEPTH) outside();
    this.count();
    const out: Record<string, unknown> = {};
    const node: SubsetMap = { kind: 'map', start: i, keys: [], keyStarts: [], values: [] };
    let seen: Set<string> | undefined;
    let at = i;
    for (;;) {
      const end = this.keyEnd(at);
      if (end < 0) outside();
      const key = this.keyName(at, end);
      seen = this.addKey(node, key, at, seen);
      out[key] = this.value(this.skipSpaces(end + 1), indent, at - indent, true, depth + 1);
      node.values.push(this.node);
      const line = this.contentLine(this.after);
      if (line < 0) break;
      const col = this.indentOf(line);
      if (col < indent) {
        this.after = line;
        break;
      }
      if (col > indent) outside();
      at = line + col;
    }
    this.node = node;
    return out;
  }

  /** A block list whose `-` indicators are at column `indent`; the first is at i. */
  private seq(i: number, indent: number, depth: number): unknown[] {
    if (depth > SUBSET_MAX_DEPTH) outside();
    this.count();
    const out: unknown[] = [];
    const node: SubsetSeq = { kind: 'seq', start: i, items: [] };
    let at = i;
    for (;;) {
      out.push(this.value(this.skipSpaces(at + 1), indent, at - indent, false, depth + 1));
      node.items.push(this.node);
      const line = this.contentLine(this.after);
      if (line < 0) break;
      const col = this.indentOf(line);
      if (col > indent) outside();
      if (col < indent || !this.isEntry(line + col)) {
        this.after = line;
        break;
      }
      at = line + col;
    }
    this.node = node;
    return out;
  }

  private isEntry(i: number): boolean {
    if (this.text.charCodeAt(i) !== DASH) return false;
    const next = this.text.charCodeAt(i + 1);
    return i + 1 >= this.length || next === SPACE || next === NL;
  }

  private skipSpaces(i: number): number {
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /**
   * The value after a `key:` or `-` indicator, starting at i (spaces skipped), in a
   * collection at column `indent` whose line starts at `lineStart`.
   */
  private value(i: number, indent: number, lineStart: number, inMap: boolean, depth: number): unknown {
    const { text, length } = this;
    const c = i < length ? text.charCodeAt(i) : NL;
    if (c === NL || c === HASH) {
      // Nothing on this line: a nested block on the lines below, or an empty value.
      const line = this.contentLine(this.lineAfter(i));
      const col = line < 0 ? -1 : this.indentOf(line);
      if (col > indent) {
        const at = line + col;
        if (this.isEntry(at)) return this.seq(at, col, depth);
        if (this.keyEnd(at) >= 0) return this.map(at, col, depth);
        outside();
      }
      if (inMap && col === indent && this.isEntry(line + col)) return this.seq(line + col, col, depth);
      this.count();
      this.node = { kind: 'scalar', start: i };
      this.after = this.lineAfter(i);
      return null;
    }
    if (this.isEntry(i)) outside();
    if (this.keyEnd(i) >= 0) {
      // `- key: value` opens a mapping at the key's column; `key: other: value` is an error.
      if (inMap) outside();
      return this.map(i, i - lineStart, depth);
    }
    switch (c) {
      case 124: // |
      case 62: // >
        return this.blockScalar(i, indent);
      case 91: // [
        return this.flowSeq(i);
      case 123: // {
        return this.flowMap(i);
      case 34: // "
      case 39: {
        // '
        this.count();
        const end = c === 34 ? this.doubleQuoted(i, indent) : this.singleQuoted(i, indent);
        this.node = { kind: 'scalar', start: i };
        this.endLine(end);
        return this.quoted;
      }
    }
    return this.plain(i, indent);
  }

  // ---- scalars ----

  /**
   * A plain scalar, folded over the more indented lines that continue it (as
   * serializers write long text). A continuation that starts with an indicator or
   * holds a `: ` is left to the full reader.
   */
  private plain(i: number, indent: number): unknown {
    const { text, length } = this;
    const c = text.charCodeAt(i);
    // Indicators that cannot start a plain scalar, or that start what the subset leaves out.
    if (isIndicator(c) && c !== DASH) outside();
    let line = this.plainLine(i);
    let value = text.slice(i, this.lineContentEnd);
    this.count();
    this.node = { kind: 'scalar', start: i };
    let blanks = 0;
    let next = line;
    while (!this.commentEnded && line < length) {
      const col = this.indentOf(line);
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
      line = this.plainLine(at);
      value += blanks === 0 ? ' ' : '\n'.repeat(blanks);
      value += text.slice(at, this.lineContentEnd);
      blanks = 0;
      next = line;
    }
    this.after = next;
    return resolvePlain(value);
  }

  /**
   * One line of a plain scalar from i: sets where its content ends (trailing spaces
   * dropped) and whether a comment ends it; returns the start of the next line.
   */
  private plainLine(i: number): number {
    const { text, length } = this;
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
    this.commentEnded = end >= 0;
    if (end < 0) end = j;
    while (end > i && text.charCodeAt(end - 1) === SPACE) end--;
    this.lineContentEnd = end;
    return this.lineAfter(j);
  }

  /**
   * Where a quoted scalar continues on the next line: skips the line break at j and
   * any empty lines after it; returns the first content character of the
   * continuation, and how many empty lines were skipped in `this.blankLines`.
   * Continuation lines must be indented past the collection (`indent`).
   */
  private quotedContinuation(j: number, indent: number): number {
    const { text, length } = this;
    let k = j + 1;
    let blanks = 0;
    for (;;) {
      const lineStart = k;
      while (text.charCodeAt(k) === SPACE) k++;
      if (k >= length) outside();
      if (text.charCodeAt(k) !== NL) {
        if (k - lineStart <= indent) outside();
        break;
      }
      blanks++;
      k++;
    }
    this.blankLines = blanks;
    return k;
  }

  /**
   * A line break at j inside a quoted scalar whose current run of text began at
   * `from`: the run without its trailing spaces, then a space, or a line feed per
   * empty line. Sets `resume` to the first character of the next line's content.
   */
  private foldedBreak(from: number, j: number, indent: number | undefined): string {
    if (indent === undefined) outside();
    let end = j;
    while (end > from && this.text.charCodeAt(end - 1) === SPACE) end--;
    this.resume = this.quotedContinuation(j, indent!);
    return this.text.slice(from, end) + (this.blankLines === 0 ? ' ' : '\n'.repeat(this.blankLines));
  }

  /**
   * A double-quoted scalar with the common escapes, folded over lines when
   * `indent` is given; returns the index after its closing quote.
   */
  private doubleQuoted(i: number, indent: number | undefined): number {
    const { text, length } = this;
    let out = '';
    let from = i + 1;
    let j = from;
    for (;;) {
      if (j >= length) outside();
      const d = text.charCodeAt(j);
      if (d === 34) break;
      if (d === NL) {
        out += this.foldedBreak(from, j, indent);
        j = from = this.resume;
        continue;
      }
      if (d === 92) {
        out += text.slice(from, j);
        const e = text[j + 1];
        switch (e) {
          case '\\':
          case '"':
          case '/':
            out += e;
            j += 2;
            break;
          case 'n':
            out += '\n';
            j += 2;
            break;
          case 't':
            out += '\t';
            j += 2;
            break;
          case 'u': {
            const hex = text.slice(j + 2, j + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) outside();
            const code = parseInt(hex, 16);
            if (code >= 0xd800 && code <= 0xdfff) outside();
            out += String.fromCharCode(code);
            j += 6;
            break;
          }
          case '\n':
            // An escaped line break joins the lines without a space.
            if (indent === undefined) outside();
            j = this.quotedContinuation(j + 1, indent!);
            // Empty lines after an escaped break are read differently by different parsers.
            if (this.blankLines > 0) outside();
            break;
          default:
            outside();
        }
        from = j;
        continue;
      }
      j++;
    }
    this.quoted = out + text.slice(from, j);
    return j + 1;
  }

  /** A single-quoted scalar, folded over lines when `indent` is given; returns the index after it. */
  private singleQuoted(i: number, indent: number | undefined): number {
    const { text, length } = this;
    let out = '';
    let from = i + 1;
    let j = from;
    for (;;) {
      if (j >= length) outside();
      const d = text.charCodeAt(j);
      if (d === NL) {
        out += this.foldedBreak(from, j, indent);
        j = from = this.resume;
        continue;
      }
      if (d === 39) {
        if (text.charCodeAt(j + 1) !== 39) break;
        out += text.slice(from, j + 1);
        j += 2;
        from = j;
        continue;
      }
      j++;
    }
    this.quoted = out + text.slice(from, j);
    return j + 1;
  }

  /** `[a, "b", 3]` on one line, of scalars only. */
  private flowSeq(i: number): unknown[] {
    this.count();
    const out: unknown[] = [];
    const node: SubsetSeq = { kind: 'seq', start: i, items: [] };
    this.flowItems(i, 93, (at) => {
      out.push(this.flowScalar(at, 93));
      node.items.push(this.node);
    });
    this.node = node;
    return out;
  }

  /** `{a: 1, b: "x"}` on one line, with simple keys and scalar values. */
  private flowMap(i: number): Record<string, unknown> {
    this.count();
    const out: Record<string, unknown> = {};
    const node: SubsetMap = { kind: 'map', start: i, keys: [], keyStarts: [], values: [] };
    let seen: Set<string> | undefined;
    this.flowItems(i, 125, (at) => {
      const end = this.keyEnd(at);
      if (end < 0) outside();
      const key = this.keyName(at, end);
      seen = this.addKey(node, key, at, seen);
      out[key] = this.flowScalar(this.skipSpaces(end + 1), 125);
      node.values.push(this.node);
    });
    this.node = node;
    return out;
  }

  /**
   * The items of a one-line flow collection opened at i and closed by `close`:
   * `item` reads each one, from its start up to `flowEnd`. After the closing
   * bracket the line must end. A trailing comma, valid YAML, is left to the full reader.
   */
  private flowItems(i: number, close: number, item: (at: number) => void): void {
    const { text } = this;
    let j = this.skipSpaces(i + 1);
    if (text.charCodeAt(j) !== close) {
      for (;;) {
        item(j);
        j = this.skipSpaces(this.flowEnd);
        if (text.charCodeAt(j) === close) break;
        if (text.charCodeAt(j) !== 44) outside();
        j = this.skipSpaces(j + 1);
        if (text.charCodeAt(j) === close) outside();
      }
    }
    this.endLine(j + 1);
  }

  /** One quoted or plain scalar of a one-line flow collection closed by `close`. */
  private flowScalar(j: number, close: number): unknown {
    const { text, length } = this;
    if (j >= length) outside();
    const c = text.charCodeAt(j);
    this.count();
    this.node = { kind: 'scalar', start: j };
    if (c === 34 || c === 39) {
      this.flowEnd = c === 34 ? this.doubleQuoted(j, undefined) : this.singleQuoted(j, undefined);
      return this.quoted;
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
    this.flowEnd = k;
    return resolvePlain(text.slice(j, end));
  }

  /** A literal (|) or folded (>) block scalar with clip, strip (-) or keep (+) chomping. */
  private blockScalar(i: number, indent: number): string {
    const { text, length } = this;
    const folded = text.charCodeAt(i) === 62;
    let j = i + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    if (text[j] === '-') (chomp = 'strip'), j++;
    else if (text[j] === '+') (chomp = 'keep'), j++;
    const h = text.charCodeAt(j);
    if (j < length && h !== SPACE && h !== NL) outside();
    if (!this.isBlankRest(j, true)) outside();
    this.count();
    this.node = { kind: 'scalar', start: i };
    let line = this.lineAfter(j);
    // The block's indentation is that of its first non-blank line.
    const leading: number[] = [];
    let blockIndent = -1;
    while (line < length) {
      const col = this.indentOf(line);
      const c = text.charCodeAt(line + col);
      if (line + col < length && c !== NL) {
        blockIndent = col;
        break;
      }
      leading.push(col);
      line = this.lineAfter(line + col);
    }
    if (blockIndent <= indent) outside();
    for (const spaces of leading) if (spaces > blockIndent) outside();
    const parts: string[] = leading.map(() => '');
    let lastContent = -1;
    while (line < length) {
      const col = this.indentOf(line);
      const lineEnd = text.indexOf('\n', line + col);
      if (lineEnd < 0) outside(); // a last line without a line break
      if (lineEnd === line + col) {
        if (col > blockIndent) outside();
        parts.push('');
      } else if (col < blockIndent) {
        break;
      } else {
        if (folded && col > blockIndent) outside();
        parts.push(text.slice(line + blockIndent, lineEnd));
        lastContent = parts.length - 1;
      }
      line = lineEnd + 1;
    }
    this.after = line;
    const trailing = parts.length - 1 - lastContent;
    let body: string;
    if (folded) {
      body = '';
      let blanks = 0;
      let started = false;
      for (let k = 0; k <= lastContent; k++) {
        const part = parts[k]!;
        if (part === '') {
          blanks++;
          continue;
        }
        if (!started) body += '\n'.repeat(blanks);
        else body += blanks === 0 ? ' ' : '\n'.repeat(blanks);
        body += part;
        blanks = 0;
        started = true;
      }
    } else body = parts.slice(0, lastContent + 1).join('\n');
    if (chomp === 'strip') return body;
    if (chomp === 'clip') return `${body}\n`;
    return `${body}\n${'\n'.repeat(trailing)}`;
  }
}

/** Positions of a subset document's nodes, as the full parser's locator gives them. */
export function subsetLocator(root: SubsetNode, pos: (offset: number) => Position): Locator {
  const resolve = (path: Path): { node: SubsetNode; keyStart: number | undefined; found: number } => {
    let node = root;
    let keyStart: number | undefined;
    let found = 0;
    for (const segment of path) {
      if (node.kind === 'map') {
        const index = node.keys.indexOf(String(segment));
        if (index < 0) break;
        keyStart = node.keyStarts[index];
        node = node.values[index]!;
      } else if (node.kind === 'seq' && typeof segment === 'number' && segment < node.items.length) {
        keyStart = undefined;
        node = node.items[segment]!;
      } else break;
      found++;
    }
    return { node, keyStart: found === path.length ? keyStart : undefined, found };
  };
  return {
    value: (path) => pos(resolve(path).node.start),
    key(path) {
      const r = resolve(path);
      return pos(r.keyStart ?? r.node.start);
    },
    firstKey(path) {
      const r = resolve(path);
      if (r.found === path.length && r.node.kind === 'map' && r.node.keys.length > 0) return pos(r.node.keyStarts[0]!);
      return pos(r.node.start);
    },
  };
}
