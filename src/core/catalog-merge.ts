import type { Anchor } from './findings.js';
import type { Locator, Path, Position } from './locator.js';

/** A catalog file as read: its data and where each part was written. */
export interface CatalogLayerSource {
  file: string;
  value: Record<string, unknown>;
  locator: Locator;
}

export interface Origin {
  file: string;
  position: Position;
  /** The index of the layer that set the value, so that two origins can be ordered. */
  layer: number;
}

export interface MergedCatalog {
  value: Record<string, unknown>;
  /** Where the value at a merged path was last set (the nearest ancestor that was). */
  originOf(path: Path, anchor?: Anchor): Origin;
}

// Keys of a layer that describe the layer itself rather than catalog content.
const LAYER_KEYS = new Set(['$schema', 'apiVersion', 'kind', 'extends', 'remove']);
const REMOVE_TARGETS: Record<string, Path> = {
  safeguards: ['safeguards'],
  categories: ['categories'],
  populations: ['framework', 'populations'],
  dimensions: ['framework', 'dimensions'],
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isIdList = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) && v.length > 0 && v.every((e) => isPlainObject(e) && typeof e.id === 'string');
const hasId = (v: unknown): v is { id: string } => isPlainObject(v) && typeof v.id === 'string';

/**
 * Deep-merges catalog layers in order (SPEC §1.2): mappings key by key, lists of
 * entries with ids by id, other lists replaced whole; `remove` applies after.
 * Linear in the layers' size: entries are found by id through a map, never by a
 * search of the list per entry.
 */
export function mergeCatalogLayers(layers: readonly CatalogLayerSource[]): MergedCatalog {
  let merged: Record<string, unknown> = {};
  // Ids to take out after the merge, by target: one pass per list however many there are.
  const removedIds = new Map<string, Set<string>>();

  const mergeInto = (base: unknown, over: unknown): unknown => {
    if (isPlainObject(base) && isPlainObject(over)) {
      const out: Record<string, unknown> = { ...base };
      for (const [k, v] of Object.entries(over)) out[k] = mergeInto(base[k], v);
      return out;
    }
    if (isIdList(base) && Array.isArray(over) && over.length === 0) return base;
    if (Array.isArray(base) && isIdList(over) && (base.length === 0 || isIdList(base))) {
      const out = [...base] as Record<string, unknown>[];
      const at = new Map<unknown, number>();
      out.forEach((e, i) => at.set(e.id, i));
      for (const entry of over) {
        const index = at.get(entry.id);
        if (index !== undefined) out[index] = mergeInto(out[index], entry) as Record<string, unknown>;
        else {
          at.set(entry.id, out.length);
          out.push(entry);
        }
      }
      return out;
    }
    return over;
  };

  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer.value)) if (!LAYER_KEYS.has(k)) merged[k] = mergeInto(merged[k], v);
    const remove = layer.value.remove;
    if (isPlainObject(remove)) {
      for (const [target, ids] of Object.entries(remove)) {
        if (!Array.isArray(ids) || !Object.hasOwn(REMOVE_TARGETS, target)) continue;
        const set = removedIds.get(target) ?? new Set<string>();
        for (const id of ids) set.add(String(id));
        removedIds.set(target, set);
      }
    }
    if (typeof layer.value.apiVersion === 'string') merged.apiVersion = layer.value.apiVersion;
    merged.kind = 'Catalog';
  }

  // Copies along the path instead of assigning in place: merged values may still be the layers' own objects.
  const removeFrom = (value: unknown, path: Path, ids: ReadonlySet<string>): unknown => {
    if (path.length === 0) return Array.isArray(value) ? value.filter((e) => !(hasId(e) && ids.has(e.id))) : value;
    const [head, ...rest] = path as string[];
    if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, head!)) return value;
    return { ...value, [head!]: removeFrom(value[head!], rest, ids) };
  };
  for (const [target, ids] of removedIds) merged = removeFrom(merged, REMOVE_TARGETS[target]!, ids) as Record<string, unknown>;
  merged = { apiVersion: merged.apiVersion, kind: 'Catalog', ...merged };
  return { value: merged, originOf: originsIn(layers, merged) };
}

/**
 * A path step: a key, a list index, or a list entry named by its id (so removals do not
 * shift it): the `nth` of the `count` entries of the merged list with that id, counted
 * from 0, since a list that repeats an id keeps the repeats.
 */
type Step = string | number | { id: string; nth: number; count: number };

/**
 * Where a merged value was last set, found only when a finding asks: every value
 * of a layer is applied by the merge, so the last layer that holds the path (its
 * list entries matched by id) is the one that set it. Nothing is recorded while
 * merging, which keeps the merge itself light.
 */
function originsIn(layers: readonly CatalogLayerSource[], merged: Record<string, unknown>): MergedCatalog['originOf'] {
  const indexes = new WeakMap<unknown[], Map<string, number[]>>();
  /** The indexes of the entries with each id, in list order. */
  const entriesById = (list: unknown[]): Map<string, number[]> => {
    const known = indexes.get(list);
    if (known) return known;
    const byId = new Map<string, number[]>();
    list.forEach((entry, i) => {
      if (!hasId(entry)) return;
      const at = byId.get(entry.id);
      if (at) at.push(i);
      else byId.set(entry.id, [i]);
    });
    indexes.set(list, byId);
    return byId;
  };
  /**
   * The entry of a layer's list for an id step. A layer with as many entries with the id
   * as the merged list wrote them all; any other layer's entries merged into the last one.
   */
  const entryOf = (list: unknown[], step: { id: string; nth: number; count: number }): number | undefined => {
    const at = entriesById(list).get(step.id);
    if (at?.length === step.count) return at[step.nth];
    return at && step.nth === step.count - 1 ? at[at.length - 1] : undefined;
  };
  /** How much of `steps` the value holds, and the path of it in the value's own terms. */
  const follow = (value: unknown, steps: readonly Step[]): { path: (string | number)[]; at: unknown } => {
    const path: (string | number)[] = [];
    let v = value;
    for (const step of steps) {
      if (typeof step === 'object') {
        const i = Array.isArray(v) ? entryOf(v, step) : undefined;
        if (i === undefined) break;
        path.push(i);
        v = (v as unknown[])[i];
      } else if (Array.isArray(v)) {
        // A list written here holds any index asked of it: for an index past its end, the locator shows the list.
        path.push(step);
        v = v[step as number];
      } else if (isPlainObject(v) && Object.hasOwn(v, String(step))) {
        path.push(String(step));
        v = v[String(step)];
      } else break;
    }
    return { path, at: v };
  };

  return (path, anchor = 'value') => {
    const steps: Step[] = [];
    let v: unknown = merged;
    for (const segment of path) {
      if (Array.isArray(v) && typeof segment === 'number') {
        const entry = v[segment];
        if (hasId(entry)) {
          const at = entriesById(v).get(entry.id)!;
          steps.push({ id: entry.id, nth: at.indexOf(segment), count: at.length });
        } else steps.push(segment);
        v = entry;
      } else {
        steps.push(String(segment));
        v = isPlainObject(v) ? v[String(segment)] : undefined;
      }
    }
    const mergedNonEmptyList = Array.isArray(v) && v.length > 0;
    let best: { layer: number; path: (string | number)[] } | undefined;
    for (let l = layers.length - 1; l >= 0; l--) {
      const found = follow(layers[l]!.value, steps);
      // An empty id list leaves the list as it was: that layer did not set it.
      const setHere = found.path.length === steps.length && !(mergedNonEmptyList && Array.isArray(found.at) && found.at.length === 0);
      if (setHere) return { file: layers[l]!.file, position: layers[l]!.locator[anchor](found.path), layer: l };
      if (!best || found.path.length > best.path.length) best = { layer: l, path: found.path };
    }
    // Only part of the path is written anywhere (a missing key): the nearest ancestor stands in with its value, the last layer's root at least.
    if (best) return { file: layers[best.layer]!.file, position: layers[best.layer]!.locator.value(best.path), layer: best.layer };
    return { file: '<catalog>', position: { line: 1, column: 1 }, layer: -1 };
  };
}
