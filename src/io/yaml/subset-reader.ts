import { blockScalar } from './subset-block-scalar.js';
import type { SubsetMap, SubsetNode, SubsetSeq } from './subset-locator.js';
import { flowScalar, plain } from './subset-plain.js';
import { doubleQuoted, singleQuoted } from './subset-quoted.js';
import { HASH, NL, OUTSIDE, outside, SPACE, SUBSET_MAX_DEPTH, SubsetScanner } from './subset-scanner.js';

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

/** Characters whose handling differs between YAML readers, or needs the full one. */
const UNUSUAL_TEXT = /[\t\r\u0085\u2028\u2029\uFEFF]/;

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

/** The collections of the subset, over the scanner's lines and keys and the scalar readers. */
class SubsetReader extends SubsetScanner {
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
        return blockScalar(this, i, indent);
      case 91: // [
        return this.flowSeq(i);
      case 123: // {
        return this.flowMap(i);
      case 34: // "
      case 39: {
        // '
        this.count();
        const end = c === 34 ? doubleQuoted(this, i, indent) : singleQuoted(this, i, indent);
        this.node = { kind: 'scalar', start: i };
        this.endLine(end);
        return this.quoted;
      }
    }
    return plain(this, i, indent);
  }

  private flowSeq(i: number): unknown[] {
    this.count();
    const out: unknown[] = [];
    const node: SubsetSeq = { kind: 'seq', start: i, items: [] };
    this.flowItems(i, 93, (at) => {
      out.push(flowScalar(this, at, 93));
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
      out[key] = flowScalar(this, this.skipSpaces(end + 1), 125);
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

}
