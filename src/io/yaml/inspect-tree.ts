import { isAlias, isMap, isScalar, isSeq, type Alias, type Node as YamlNode } from 'yaml';
import { PROTOTYPE_KEYS } from '../../core/prototype-keys.js';
import { MAX_DEPTH, MAX_NODES } from './limits.js';

export interface TreeProblems {
  tooDeep?: YamlNode;
  tooMany?: boolean;
  duplicateKey?: YamlNode;
  /** The first alias whose anchor is not set before it. */
  unknownAlias?: Alias;
  /** The first alias that points at a node containing it: toJS would build a circular value. */
  circularAlias?: Alias;
  prototypeKeys: YamlNode[];
}

const start = (node: YamlNode | undefined): number => node?.range?.[0] ?? 0;

/**
 * One pass over the node tree in document order, without recursion: the first
 * node nested deeper than MAX_DEPTH, too many nodes, the first duplicate key,
 * aliases that resolve to nothing or to a node that contains them, and every
 * key that could pollute prototypes. Anchors are tracked as yaml resolves them
 * (the last one of a name before the alias), so no alias costs a walk of its own.
 */
export function inspectTree(root: unknown): TreeProblems {
  const problems: TreeProblems = { prototypeKeys: [] };
  const anchors = new Map<string, unknown>();
  // The collections on the way down to the node being visited, by depth.
  const path: unknown[] = [];
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  // Scalar keys are visited for their anchors only; they are not counted as values.
  const keys: boolean[] = [false];
  let count = 0;
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    const isKey = keys.pop()!;
    if (!(isKey && (node === null || isScalar(node))) && ++count > MAX_NODES) return { tooMany: true, prototypeKeys: problems.prototypeKeys };
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) problems.unknownAlias ??= node;
      else if (!problems.circularAlias) {
        for (let d = 0; d < depth; d++) if (path[d] === target) problems.circularAlias = node;
      }
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isMap(node)) {
      if (depth >= MAX_DEPTH) return { tooDeep: node, prototypeKeys: problems.prototypeKeys };
      path[depth] = node;
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        if (isScalar(key)) {
          // Scalars compare by value, as the YAML spec's key uniqueness does; merge keys may repeat.
          const value = key.value;
          if (typeof value !== 'symbol' && seen.has(value)) {
            if (!problems.duplicateKey || start(key) < start(problems.duplicateKey)) problems.duplicateKey = key;
          } else seen.add(value);
          if (typeof value === 'string' && PROTOTYPE_KEYS.has(value)) problems.prototypeKeys.push(key);
        }
      }
      // Pushed last pair first, value before key, so that they come off in document order.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]!;
        nodes.push(pair.value, pair.key);
        depths.push(depth + 1, depth + 1);
        keys.push(false, true);
      }
    } else if (isSeq(node)) {
      if (depth >= MAX_DEPTH) return { tooDeep: node, prototypeKeys: problems.prototypeKeys };
      path[depth] = node;
      for (let i = node.items.length - 1; i >= 0; i--) {
        nodes.push(node.items[i]);
        depths.push(depth + 1);
        keys.push(false);
      }
    }
  }
  problems.prototypeKeys.sort((a, b) => start(a) - start(b));
  return problems;
}
