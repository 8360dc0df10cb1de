import type { Locator, Path, Position } from '../../core/locator.js';

/** What the subset reader keeps of a document: its nodes' offsets, for positions. */
export type SubsetNode = SubsetMap | SubsetSeq | SubsetScalar;

export interface SubsetScalar {
  kind: 'scalar';
  start: number;
}

export interface SubsetMap {
  kind: 'map';
  start: number;
  keys: string[];
  keyStarts: number[];
  values: SubsetNode[];
}

export interface SubsetSeq {
  kind: 'seq';
  start: number;
  items: SubsetNode[];
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
