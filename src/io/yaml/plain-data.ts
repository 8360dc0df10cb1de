import { isMap, isPair, isScalar, isSeq } from 'yaml';

export const UNUSUAL = Symbol('unusual');

/** A merge key (`<<`): yaml gives its value as a symbol; a quoted "<<" is an ordinary string key. */
export const isMergeKey = (key: unknown): boolean => isScalar(key) && typeof key.value === 'symbol';

/**
 * Plain data from the node tree, for the documents harm files are: mappings with
 * scalar keys, lists and scalars. It does what yaml's toJS does for them at a
 * fraction of the cost, which matters when checking thousands of files. Anything
 * else (aliases, merge keys, complex keys, flow pairs) returns UNUSUAL, and the
 * caller falls back to toJS with its bound on alias expansion. Depth is already
 * bounded by the parse, so recursion is safe.
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
      if (typeof raw === 'symbol' || (raw !== null && typeof raw === 'object')) return UNUSUAL;
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
