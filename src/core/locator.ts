/** A path into a parsed document, as zod reports it: keys and list indexes. */
export type Path = readonly PropertyKey[];

export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a path of the parsed value was written. Implemented over the YAML
 * node tree by the io layer; the core only asks.
 */
export interface Locator {
  /** The value at `path` (for a missing value, the nearest ancestor that exists). */
  value(path: Path): Position;
  /** The key of the entry at `path`; the value's position when it has no key. */
  key(path: Path): Position;
  /** The first key of the mapping at `path` (where a missing key is reported). */
  firstKey(path: Path): Position;
}

/** A locator for values that were not read from a file (1:1 everywhere). */
export const nowhere: Locator = {
  value: () => ({ line: 1, column: 1 }),
  key: () => ({ line: 1, column: 1 }),
  firstKey: () => ({ line: 1, column: 1 }),
};
