import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Locator, Path, Position } from '../../core/locator.js';

interface Resolved {
  node: unknown;
  pair?: Pair;
  /** How much of the path was found. */
  found: number;
}

/**
 * Every alias of the document with the node it stands for: the last node with its
 * anchor before it, as yaml resolves them, found in one walk (Alias.resolve walks
 * the whole document for each alias).
 */
function resolveAliases(doc: Document.Parsed): Map<unknown, unknown> {
  const targets = new Map<unknown, unknown>();
  const anchors = new Map<string, unknown>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/** Maps data paths back to YAML nodes, following aliases and merge keys as toJS does. */
export function documentLocator(doc: Document.Parsed, pos: (offset: number | undefined) => Position): Locator {
  let aliases: Map<unknown, unknown> | undefined;
  const deref = (node: unknown): unknown => (isAlias(node) ? (aliases ??= resolveAliases(doc)).get(node) : node);
  const isMergeSource = (value: unknown) => isAlias(value) || isMap(value) || isSeq(value);
  const lookup = (map: YAMLMap, key: string, seen: Set<unknown>): Pair | undefined => {
    if (seen.has(map)) return undefined;
    seen.add(map);
    let own: Pair | undefined;
    const merges: unknown[] = [];
    for (const pair of map.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      // yaml gives a merge key (`<<`) as a symbol; a quoted "<<" is an ordinary key.
      if (typeof k === 'symbol' && isMergeSource(pair.value)) merges.push(pair.value);
      else if (String(k) === key) own = pair;
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
