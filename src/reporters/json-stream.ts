/** `JSON.stringify(value, null, 2)`, indented to sit `depth` levels deep in a larger document. */
function stringifyAt(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/** A document whose array at one path is written item by item. */
export interface JsonArrayParts {
  /** The text before the array's first item (ends with its `[`). */
  head: string;
  /** The text of the `index`-th item, with the comma and line break before it. */
  item(value: unknown, index: number): string;
  /** The text after the last item (starts with the array's `]`). */
  tail(count: number): string;
}

type Key = string | number;

/** The entries JSON.stringify writes, in its order. */
function entriesOf(value: object): [Key, unknown][] {
  const entries: [Key, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
}

/**
 * Cuts `JSON.stringify(document, null, 2)` around the (empty) array at `path`, so
 * that a report can be written with that array's items streamed in between:
 * `head + item(a, 0) + item(b, 1) + tail(2)` is, byte for byte, the document
 * stringified with `[a, b]` there. Everything else in the document is written by
 * JSON.stringify itself, so escaping and key order are its own.
 */
export function splitJsonArray(document: object, path: readonly Key[]): JsonArrayParts {
  let before = '';
  let after = '';
  let value: unknown = document;
  let depth = 0;
  for (const key of path) {
    if (value === null || typeof value !== 'object') throw new Error(`no array at ${path.join('.')}`);
    const isArray = Array.isArray(value);
    const entries = entriesOf(value);
    const at = entries.findIndex(([k]) => k === key);
    if (at < 0) throw new Error(`no array at ${path.join('.')}`);
    const pad = '  '.repeat(depth + 1);
    const label = (k: Key) => (isArray ? '' : `${JSON.stringify(k)}: `);
    const render = ([k, v]: [Key, unknown]) => `\n${pad}${label(k)}${stringifyAt(v, depth + 1)}`;
    const open = isArray ? '[' : '{';
    const close = `\n${'  '.repeat(depth)}${isArray ? ']' : '}'}`;
    const earlier = entries.slice(0, at).map(render);
    const later = entries.slice(at + 1).map(render);
    before += `${open}${earlier.join(',')}${earlier.length ? ',' : ''}\n${pad}${label(key)}`;
    after = `${later.length ? ',' : ''}${later.join(',')}${close}${after}`;
    value = entries[at]![1];
    depth++;
  }
  if (!Array.isArray(value) || value.length > 0) throw new Error(`the value at ${path.join('.')} must be an empty array`);
  const itemPad = `\n${'  '.repeat(depth + 1)}`;
  return {
    head: `${before}[`,
    item: (item, index) => `${index > 0 ? ',' : ''}${itemPad}${stringifyAt(item, depth + 1)}`,
    tail: (count) => `${count > 0 ? `\n${'  '.repeat(depth)}` : ''}]${after}`,
  };
}
