import { PROTOTYPE_KEYS } from '../../core/prototype-keys.js';
import { MAX_DEPTH, MAX_NODES } from './limits.js';
import type { SubsetMap, SubsetNode } from './subset-locator.js';

/** Thrown (never an Error, so no stack is captured) when the text leaves the subset. */
export const OUTSIDE = { outside: true } as const;

export const outside = (): never => {
  throw OUTSIDE;
};

/** Below the limits the full reader enforces, so that input near them is always read by it. */
export const SUBSET_MAX_DEPTH = MAX_DEPTH - 16;
const SUBSET_MAX_NODES = MAX_NODES / 2;
const RESERVED_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

export const NL = 10;
export const SPACE = 32;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;

/** The YAML indicator characters: - ? : , [ ] { } # & * ! | > ' " % @ ` */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)));
export const isIndicator = (c: number): boolean => INDICATORS.has(c);

/**
 * The subset reader's position in the text and its side results: the lines and
 * keys under every reader, shared by the scalar readers (subset-plain,
 * subset-quoted, subset-block-scalar) and the collections (subset-reader).
 */
export class SubsetScanner {
  readonly text: string;
  readonly length: number;
  nodes = 0;
  /** Set by every value reader: the node just read, and the start of the line after it. */
  node: SubsetNode = { kind: 'scalar', start: 0 };
  after = 0;
  // What the last call of a lower-level reader found, besides its return value.
  /** keyEnd: whether the key is in quotes. */
  keyQuoted = false;
  /** plainLine: where the line's content ends, and whether a comment ends it. */
  lineContentEnd = 0;
  commentEnded = false;
  /** doubleQuoted, singleQuoted: the scalar's value. */
  quoted = '';
  /** quotedContinuation: the empty lines skipped; foldedBreak: where the next line's content starts. */
  blankLines = 0;
  resume = 0;
  /** flowScalar: where the scalar ended. */
  flowEnd = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  // ---- lines ----

  lineAfter(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl < 0 ? this.length : nl + 1;
  }

  /** From a line start: the start of the next line with content (not blank, not a comment), or -1. */
  contentLine(start: number): number {
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

  indentOf(lineStart: number): number {
    let j = lineStart;
    while (this.text.charCodeAt(j) === SPACE) j++;
    return j - lineStart;
  }

  /** True when only spaces (and, if allowed, a comment after a space) remain on the line from i. */
  isBlankRest(i: number, commentAllowed: boolean): boolean {
    const { text, length } = this;
    let j = i;
    while (j < length && text.charCodeAt(j) === SPACE) j++;
    if (j >= length || text.charCodeAt(j) === NL) return true;
    return commentAllowed && text.charCodeAt(j) === HASH && j > i;
  }

  /** After a one-line value ending at i: the rest of the line must be blank or a comment. */
  endLine(i: number): void {
    if (!this.isBlankRest(i, true)) outside();
    this.after = this.lineAfter(i);
  }

  count(): void {
    if (++this.nodes > SUBSET_MAX_NODES) outside();
  }

  // ---- keys ----

  /**
   * The position of the `:` ending a simple key at i, or -1 when no simple key
   * starts there. A simple key is a name of letters, digits, `_`, `.` and `-`
   * starting with a letter or `_`, bare or in quotes (then `keyQuoted` is set).
   */
  keyEnd(i: number): number {
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
  keyName(at: number, end: number): string {
    // Bare keys resolve like any plain scalar: `true:` would be a boolean key.
    const key = this.keyQuoted ? this.text.slice(at + 1, end - 1) : this.text.slice(at, end);
    if ((!this.keyQuoted && RESERVED_KEY.test(key)) || PROTOTYPE_KEYS.has(key)) outside();
    return key;
  }

  /** Adds a key to a mapping node; a repeated key leaves the subset. Returns the set used for large mappings. */
  addKey(node: SubsetMap, key: string, at: number, seen: Set<string> | undefined): Set<string> | undefined {
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

  isEntry(i: number): boolean {
    if (this.text.charCodeAt(i) !== DASH) return false;
    const next = this.text.charCodeAt(i + 1);
    return i + 1 >= this.length || next === SPACE || next === NL;
  }

  skipSpaces(i: number): number {
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }
}
