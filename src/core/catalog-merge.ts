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
 * Origins are keyed by a stable form of the merged path in which list entries
 * with an id are named by that id, so removing entries does not shift them.
 */
function stableKey(segments: readonly string[]): string {
  return segments.join('\u0000');
}

/**
 * Deep-merges catalog layers in order (SPEC §1.2): mappings key by key, lists of
 * entries with ids by id, other lists replaced whole; `remove` applies after.
 */
export function mergeCatalogLayers(layers: readonly CatalogLayerSource[]): MergedCatalog {
  // Positions are resolved only when a finding needs one: most merges report nothing.
  const origins = new Map<string, { layer: CatalogLayerSource; path: Path }>();
  let merged: Record<string, unknown> = {};
  const removals: { target: string; id: string }[] = [];

  const record = (stable: string[], layer: CatalogLayerSource, layerPath: Path, value: unknown) => {
    origins.set(stableKey(stable), { layer, path: layerPath });
    if (Array.isArray(value)) {
      value.forEach((entry, i) => record([...stable, hasId(entry) ? `#${entry.id}` : String(i)], layer, [...layerPath, i], entry));
    } else if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) record([...stable, k], layer, [...layerPath, k], v);
    }
  };

  const mergeInto = (base: unknown, over: unknown, stable: string[], layer: CatalogLayerSource, layerPath: Path): unknown => {
    if (isPlainObject(base) && isPlainObject(over)) {
      origins.set(stableKey(stable), { layer, path: layerPath });
      const out: Record<string, unknown> = { ...base };
      for (const [k, v] of Object.entries(over)) out[k] = mergeInto(base[k], v, [...stable, k], layer, [...layerPath, k]);
      return out;
    }
    if (isIdList(base) && Array.isArray(over) && over.length === 0) return base;
    if (Array.isArray(base) && isIdList(over) && (base.length === 0 || isIdList(base))) {
      const out = [...base] as Record<string, unknown>[];
      over.forEach((entry, i) => {
        const at = out.findIndex((e) => e.id === entry.id);
        const entryStable = [...stable, `#${String(entry.id)}`];
        if (at >= 0) out[at] = mergeInto(out[at], entry, entryStable, layer, [...layerPath, i]) as Record<string, unknown>;
        else {
          out.push(entry);
          record(entryStable, layer, [...layerPath, i], entry);
        }
      });
      return out;
    }
    record(stable, layer, layerPath, over);
    return over;
  };

  for (const layer of layers) {
    const content: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(layer.value)) if (!LAYER_KEYS.has(k)) content[k] = v;
    for (const [k, v] of Object.entries(content)) merged[k] = mergeInto(merged[k], v, [k], layer, [k]);
    const remove = layer.value.remove;
    if (isPlainObject(remove)) {
      for (const [target, ids] of Object.entries(remove)) if (Array.isArray(ids)) for (const id of ids) removals.push({ target, id: String(id) });
    }
    if (typeof layer.value.apiVersion === 'string') merged.apiVersion = layer.value.apiVersion;
    merged.kind = 'Catalog';
  }

  // Copies along the path instead of assigning in place: merged values may still be the layers' own objects.
  const removeFrom = (value: unknown, path: Path, id: string): unknown => {
    if (path.length === 0) return Array.isArray(value) ? value.filter((e) => !(hasId(e) && e.id === id)) : value;
    const [head, ...rest] = path as string[];
    if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, head!)) return value;
    return { ...value, [head!]: removeFrom(value[head!], rest, id) };
  };
  for (const { target, id } of removals) {
    const path = REMOVE_TARGETS[target];
    if (path) merged = removeFrom(merged, path, id) as Record<string, unknown>;
  }
  merged = { apiVersion: merged.apiVersion, kind: 'Catalog', ...merged };

  const originOf = (path: Path, anchor: Anchor = 'value'): Origin => {
    const stable: string[] = [];
    let v: unknown = merged;
    for (const segment of path) {
      if (Array.isArray(v) && typeof segment === 'number') {
        const entry = v[segment];
        stable.push(hasId(entry) ? `#${entry.id}` : String(segment));
        v = entry;
      } else {
        stable.push(String(segment));
        v = isPlainObject(v) ? v[String(segment)] : undefined;
      }
    }
    for (let n = stable.length; n >= 0; n--) {
      const hit = origins.get(stableKey(stable.slice(0, n)));
      // The anchor applies to the node itself; an ancestor stands in with its value.
      if (hit) return { file: hit.layer.file, position: hit.layer.locator[n === stable.length ? anchor : 'value'](hit.path), layer: layers.indexOf(hit.layer) };
    }
    const last = layers[layers.length - 1];
    return { file: last?.file ?? '<catalog>', position: { line: 1, column: 1 }, layer: layers.length - 1 };
  };
  return { value: merged, originOf };
}
