import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { FindingSink } from '../core/findings.js';
import type { Locator, Path, Position } from '../core/locator.js';
import { PROTOTYPE_KEYS } from '../core/prototype-keys.js';
import type { Finding } from '../schema/output.js';
import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES } from './yaml-limits.js';
import { readYamlSubset, subsetLocator } from './yaml-subset.js';

const ORIGIN: Position = { line: 1, column: 1 };

export interface ParsedSource {
  /** The document as plain data; undefined when it could not be read. */
  value: unknown;
  /** False when the document is empty (no content at all). */
  hasContent: boolean;
  locator: Locator;
  findings: Finding[];
}

// YAML 1.2 printable characters; anything else means the file is not text.
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes file bytes, or says why they are not a harm file. */
export function decodeSource(bytes: Uint8Array, file: string): { text: string } | { finding: Finding } {
  const sink = new FindingSink(file, unknownLocator);
  if (bytes.byteLength > MAX_FILE_BYTES) {
    sink.atPosition('file-too-large', ORIGIN, tooLargeMessage(bytes.byteLength));
    return { finding: sink.findings[0]! };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    sink.atPosition('yaml-syntax', ORIGIN, 'The file is not UTF-8 text.');
    return { finding: sink.findings[0]! };
  }
  const bad = NON_PRINTABLE.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    sink.atPosition('yaml-syntax', ORIGIN, `The file is not YAML text: it contains the control character U+${code}.`);
    return { finding: sink.findings[0]! };
  }
  return { text };
}

export function tooLargeMessage(bytes: number): string {
  const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
  return `The file is ${size}; harm reads files of at most 1 MiB.`;
}

const unknownLocator: Locator = { value: () => ORIGIN, key: () => ORIGIN, firstKey: () => ORIGIN };

/**
 * Parses one YAML document keeping node positions. Syntax problems, a second
 * document, nesting deeper than 64, alias expansion beyond its bound and
 * prototype-polluting keys are findings; nothing here throws for bad input.
 *
 * Plain files (nearly all harm files) are read by the subset reader, several
 * times faster; anything else, and every file with a problem, by the full parser.
 */
export function parseYamlSource(text: string, file: string): ParsedSource {
  const subset = readYamlSubset(text);
  if (subset) return { value: subset.value, hasContent: true, locator: subsetLocator(subset.root, positionsIn(subset.text)), findings: [] };
  return parseYamlFully(text, file);
}

/** The full parser's reading of any text (parseYamlSource uses it outside the plain subset). */
export function parseYamlFully(text: string, file: string): ParsedSource {
  // Duplicate keys are found by inspectTree and lines are counted only when a
  // position is asked for: the parser's own ways cost a third of its time.
  const docs = parseAllDocuments(text, {
    merge: true,
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
    logLevel: 'error',
  });
  const pos = positionsIn(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list[0] as Document.Parsed | undefined;
  const locator = doc ? documentLocator(doc, pos) : unknownLocator;
  const sink = new FindingSink(file, locator);
  const directive = checkDirectives(text);
  if (directive) {
    sink.atPosition('yaml-syntax', directive.position, directive.message);
    return { value: undefined, hasContent: true, locator, findings: sink.findings };
  }
  if (!doc) return { value: undefined, hasContent: false, locator, findings: [] };

  let broken = false;
  // Later errors are mostly echoes of the first; report where the parser first stumbled.
  for (const error of doc.errors.slice(0, 1)) {
    broken = true;
    const message =
      error.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(error.message)
        ? `Nesting is deeper than ${MAX_DEPTH} levels.`
        : describeYamlError(error.code, error.message);
    sink.atPosition('yaml-syntax', pos(error.pos[0]), message);
  }
  if (list.length > 1) {
    broken = true;
    const second = list[1] as Document.Parsed;
    sink.atPosition('yaml-syntax', pos(secondDocumentStart(second)), 'A harm file holds exactly one YAML document; this is a second one.');
  }
  if (broken) return { value: undefined, hasContent: true, locator, findings: sink.findings };

  const tree = inspectTree(doc.contents);
  if (tree.duplicateKey) {
    sink.atPosition('yaml-syntax', pos(tree.duplicateKey.range?.[0]), 'Duplicate key: map keys must be unique.');
    return { value: undefined, hasContent: true, locator, findings: sink.findings };
  }
  if (tree.tooDeep) {
    sink.atPosition('yaml-syntax', pos(tree.tooDeep.range?.[0]), `Nesting is deeper than ${MAX_DEPTH} levels.`);
    return { value: undefined, hasContent: true, locator, findings: sink.findings };
  }
  if (tree.tooMany) {
    sink.atPosition('file-too-large', ORIGIN, `The document holds more than ${MAX_NODES.toLocaleString('en')} values; harm reads documents of at most that many.`);
    return { value: undefined, hasContent: true, locator, findings: sink.findings };
  }
  for (const key of tree.prototypeKeys) {
    sink.atPosition('schema', pos(key.range?.[0]), `The key "${String((key as { value?: unknown }).value)}" is not allowed: it could change object prototypes.`);
  }
  let value: unknown = toPlainData(doc.contents);
  try {
    if (value === UNUSUAL) value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `Aliases expand beyond the limit of ${MAX_ALIAS_COUNT}: the document is refused as a resource exhaustion attempt.`
        : `The document could not be read: ${(error as Error).message}`;
    sink.atPosition('yaml-syntax', ORIGIN, message);
    return { value: undefined, hasContent: true, locator, findings: sink.findings };
  }
  return { value, hasContent: doc.contents !== null && value !== null && value !== undefined, locator, findings: sink.findings };
}

/**
 * The parser forgives two directive mistakes the YAML spec forbids: a repeated
 * %YAML directive, and directives with no document after them.
 */
function checkDirectives(text: string): { position: Position; message: string } | undefined {
  if (!text.includes('%')) return undefined;
  const lines = text.split(/\r?\n/);
  let yamlSeen = false;
  let pending: number | undefined;
  let inDocument = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('---')) {
      pending = undefined;
      yamlSeen = false;
      inDocument = true;
    } else if (line.startsWith('...')) {
      inDocument = false;
    } else if (!inDocument && line.startsWith('%')) {
      if (line.startsWith('%YAML')) {
        if (yamlSeen) return { position: { line: i + 1, column: 1 }, message: 'The %YAML directive is repeated.' };
        yamlSeen = true;
      }
      pending ??= i;
    } else if (line.trim() !== '' && !line.startsWith('#')) inDocument = true;
  }
  if (pending !== undefined) return { position: { line: pending + 1, column: 1 }, message: 'A directive must be followed by a document that starts with "---".' };
  return undefined;
}

export const UNUSUAL = Symbol('unusual');

/**
 * Plain data from the node tree, for the documents harm files are: mappings with
 * scalar keys, lists and scalars. It does what yaml's toJS does for them at a
 * fraction of the cost, which matters when checking thousands of files. Anything
 * else (aliases, merge keys, complex keys, flow pairs) returns UNUSUAL, and the
 * caller falls back to toJS with its bound on alias expansion. Depth is already
 * bounded by inspectTree, so recursion is safe.
 */
export function toPlainData(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  // A tagged collection (!!set, !!omap) becomes a Set or Map in toJS.
  if ((isMap(node) || isSeq(node)) && node.tag) return UNUSUAL;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key)) return UNUSUAL;
      const raw = key.value;
      if (raw === '<<' || (raw !== null && typeof raw === 'object')) return UNUSUAL;
      const value = pair.value === null ? null : toPlainData(pair.value);
      if (value === UNUSUAL) return UNUSUAL;
      const name = raw === null ? '' : String(raw);
      // As yaml does: a "__proto__" key is an own property, never the prototype.
      if (name === '__proto__') Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
      else out[name] = value;
    }
    return out;
  }
  if (isSeq(node)) {
    const out: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) return UNUSUAL;
      const value = item === null ? null : toPlainData(item);
      if (value === UNUSUAL) return UNUSUAL;
      out.push(value);
    }
    return out;
  }
  return node === null || node === undefined ? null : UNUSUAL;
}

/** Offset → 1-based line and column, with the line index built on first use. */
function positionsIn(text: string): (offset: number | undefined) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (offset === undefined) return ORIGIN;
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Duplicate key: map keys must be unique.';
    case 'TAB_AS_INDENT':
      return 'Tabs are not allowed as indentation; indent with spaces.';
    default:
      return first.endsWith('.') ? first : `${first}.`;
  }
}

function secondDocumentStart(doc: Document.Parsed): number | undefined {
  // The document's own range starts at its `---` marker when it has one.
  return doc.range?.[0] ?? doc.contents?.range?.[0];
}

/**
 * One pass over the node tree, without recursion so that deep input cannot
 * overflow the stack: the first node nested deeper than MAX_DEPTH, and every
 * key that could pollute prototypes.
 */
function inspectTree(root: unknown): { tooDeep?: YamlNode; tooMany?: boolean; duplicateKey?: YamlNode; prototypeKeys: YamlNode[] } {
  const prototypeKeys: YamlNode[] = [];
  let duplicateKey: YamlNode | undefined;
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  let count = 0;
  while (nodes.length > 0) {
    if (++count > MAX_NODES) return { tooMany: true, prototypeKeys };
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (isMap(node)) {
      if (depth >= MAX_DEPTH) return { tooDeep: node, prototypeKeys };
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          // Scalars compare by value, as the YAML spec's key uniqueness does; `<<` may repeat.
          const value = key.value;
          if (seen.has(value) && value !== '<<') {
            if (!duplicateKey || (key.range?.[0] ?? 0) < (duplicateKey.range?.[0] ?? 0)) duplicateKey = key;
          } else seen.add(value);
          if (typeof value === 'string' && PROTOTYPE_KEYS.has(value)) prototypeKeys.push(key);
        } else if (isMap(key) || isSeq(key)) {
          nodes.push(key);
          depths.push(depth + 1);
        }
        nodes.push(pair.value);
        depths.push(depth + 1);
      }
    } else if (isSeq(node)) {
      if (depth >= MAX_DEPTH) return { tooDeep: node, prototypeKeys };
      for (const item of node.items) {
        nodes.push(item);
        depths.push(depth + 1);
      }
    }
  }
  prototypeKeys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return duplicateKey ? { duplicateKey, prototypeKeys } : { prototypeKeys };
}

interface Resolved {
  node: unknown;
  pair?: Pair;
  /** How much of the path was found. */
  found: number;
}

/** Maps data paths back to YAML nodes, following aliases and merge keys as toJS does. */
function documentLocator(doc: Document.Parsed, pos: (offset: number | undefined) => Position): Locator {
  const deref = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  const lookup = (map: YAMLMap, key: string, seen: Set<unknown>): Pair | undefined => {
    if (seen.has(map)) return undefined;
    seen.add(map);
    let own: Pair | undefined;
    const merges: unknown[] = [];
    for (const pair of map.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === key && !(k === '<<' && isMergeSource(pair.value))) own = pair;
      else if (k === '<<') merges.push(pair.value);
    }
    if (own) return own;
    for (const source of merges) {
      const target = deref(source);
      const sources = isSeq(target) ? target.items.map(deref) : [target];
      for (const s of sources) {
        if (isMap(s)) {
          const hit = lookup(s, key, seen);
          if (hit) return hit;
        }
      }
    }
    return undefined;
  };
  const isMergeSource = (value: unknown) => isAlias(value) || isMap(value) || isSeq(value);

  const resolve = (path: Path): Resolved => {
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    let found = 0;
    for (const segment of path) {
      const target = deref(node);
      let next: unknown;
      let nextPair: Pair | undefined;
      if (isMap(target)) {
        nextPair = lookup(target, String(segment), new Set());
        next = nextPair?.value;
        if (!nextPair) break;
      } else if (isSeq(target) && typeof segment === 'number') {
        next = target.items[segment];
        if (next === undefined) break;
      } else break;
      node = next;
      pair = nextPair;
      found++;
    }
    return { node, pair: found === path.length ? pair : undefined, found };
  };
  const nodeStart = (node: unknown): number | undefined => (node as { range?: [number, number, number] } | null)?.range?.[0];

  return {
    value(path) {
      const r = resolve(path);
      if (r.found === path.length && r.node === null && r.pair) return pos(nodeStart(r.pair.key));
      return pos(nodeStart(r.node) ?? nodeStart(r.pair?.key));
    },
    key(path) {
      const r = resolve(path);
      if (r.found === path.length && r.pair) return pos(nodeStart(r.pair.key));
      return pos(nodeStart(r.node));
    },
    firstKey(path) {
      const r = resolve(path);
      const target = deref(r.node);
      if (r.found === path.length && isMap(target) && target.items.length > 0) return pos(nodeStart(target.items[0]!.key));
      return pos(nodeStart(target) ?? nodeStart(r.node));
    },
  };
}
