import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Catalog } from '../schema/catalog.js';
import type { FrameworkRef } from '../schema/output.js';

const digests = new WeakMap<Catalog, string>();

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const toWellFormed = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD');

/** Lone surrogates have no canonical form (RFC 8785 §3.2.2.2); U+FFFD stands in for them. */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return toWellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [toWellFormed(key), wellFormed(v)]));
  }
  return value;
}

/**
 * `sha256:` and the SHA-256 of the effective catalog in the JSON Canonicalization
 * Scheme (RFC 8785), without `extends`, `remove` and the editor's `$schema` hint, which
 * say how the catalog was put together rather than what it is. Two reports with the
 * same digest were scored and judged by the same model and catalog (SPEC §7).
 */
export function catalogDigest(catalog: Catalog): string {
  let digest = digests.get(catalog);
  if (digest === undefined) {
    const { extends: _extends, remove: _remove, $schema: _schema, ...content } = catalog as Catalog & { extends?: unknown; remove?: unknown };
    // canonicalize gives no text only for undefined, never for an object; a string is hashed as UTF-8.
    let text: string;
    try {
      text = canonicalize(content)!;
    } catch {
      text = canonicalize(wellFormed(content))!;
    }
    digest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    digests.set(catalog, digest);
  }
  return digest;
}

/** The framework object every JSON output carries. */
export function frameworkRef(catalog: Catalog): FrameworkRef {
  return { id: catalog.framework.id, version: catalog.framework.version, digest: catalogDigest(catalog) };
}
