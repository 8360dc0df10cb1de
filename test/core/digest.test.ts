import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { catalogDigest, frameworkRef } from '../../src/core/digest.js';
import { loadBuiltinCatalog, loadEffectiveCatalog } from '../../src/io/catalog-loader.js';
import type { Catalog } from '../../src/schema/catalog.js';
import { makeTempDir, writeIn } from '../helpers/files.js';
import { freshImport } from '../helpers/fresh-import.js';
import { CATALOG } from '../fixtures/framework.js';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
/** The digest of a well-formed catalog, canonicalized by the RFC 8785 library itself. */
const sha256Of = (catalog: Catalog) => sha256(canonicalize(catalog)!);

const withCategory = (fields: object) => ({ ...CATALOG, categories: [{ ...CATALOG.categories[0]!, ...fields }] }) as Catalog;

const LONE_SURROGATES: [string, object, object][] = [
  ['a lone low surrogate in a text', { name: 'a\uDC00b' }, { name: 'a\uFFFDb' }],
  ['a lone high surrogate at the end', { name: 'ab\uD83D' }, { name: 'ab\uFFFD' }],
  ['a lone high surrogate before another character', { name: 'a\uD800b' }, { name: 'a\uFFFDb' }],
  ['a lone low surrogate at the start', { name: '\uDC00ab' }, { name: '\uFFFDab' }],
  ['two lone surrogates in the wrong order', { name: '\uDE00\uD83D' }, { name: '\uFFFD\uFFFD' }],
  ['a lone surrogate in a key', { mappings: { 'a\uD800': ['x'] } }, { mappings: { 'a\uFFFD': ['x'] } }],
  ['a lone surrogate in a list', { mappings: { eu: ['x\uD800'] } }, { mappings: { eu: ['x\uFFFD'] } }],
];

describe('catalogDigest', () => {
  it('is the SHA-256 of the RFC 8785 form: keys sorted by code point, no whitespace, shortest numbers', () => {
    const tiny = {
      kind: 'Catalog',
      apiVersion: 'harm/v1',
      framework: { weights: { scale: 0.5, likelihood: 1e-7, duration: 5e-1 }, id: 'é-ü', version: 2 },
      categories: [{ id: 'b', name: 'Ünïcode ✓' }],
      safeguards: [],
    } as unknown as Catalog;
    // Written out by hand from RFC 8785 §3.2: 1e-7 serializes as in ECMAScript, 5e-1 as 0.5.
    const canonical =
      '{"apiVersion":"harm/v1","categories":[{"id":"b","name":"Ünïcode ✓"}],"framework":{"id":"é-ü","version":2,"weights":{"duration":0.5,"likelihood":1e-7,"scale":0.5}},"kind":"Catalog","safeguards":[]}';
    expect(catalogDigest(tiny)).toBe(sha256(canonical));
  });

  it('leaves out how the catalog was put together: extends, remove and $schema', () => {
    const assembled = { ...CATALOG, extends: ['builtin'], remove: { safeguards: ['x.y'] }, $schema: '../schemas/catalog.schema.json' } as Catalog;
    expect(catalogDigest(assembled)).toBe(catalogDigest({ ...CATALOG }));
  });

  it('changes with any value, weight, effect or condition', () => {
    const base = catalogDigest(CATALOG);
    const variants: Catalog[] = [
      { ...CATALOG, framework: { ...CATALOG.framework, weights: { ...CATALOG.framework.weights, attribution: 0.31 } } },
      { ...CATALOG, framework: { ...CATALOG.framework, max_shift: { likelihood: 2 } } },
      { ...CATALOG, safeguards: CATALOG.safeguards.map((s, i) => (i === 0 ? { ...s, effects: { likelihood: -2 } } : s)) },
      { ...CATALOG, safeguards: CATALOG.safeguards.map((s, i) => (i === 0 ? { ...s, require_when: [{ min_severity: 'critical' as const }] } : s)) },
      { ...CATALOG, safeguards: CATALOG.safeguards.map((s, i) => (i === 0 ? { ...s, raises: { over_refusal: { likelihood: 1 } } } : s)) },
    ];
    const digests = variants.map(catalogDigest);
    expect(digests).not.toContain(base);
    expect(new Set(digests).size).toBe(variants.length);
  });

  it('is the same for the built-in catalog however it is reached, and names the framework', () => {
    const dir = makeTempDir('harm-digest-');
    writeIn(dir, 'noop.yaml', 'apiVersion: harm/v1\nkind: Catalog\nextends: [builtin]\n');
    const viaLayer = loadEffectiveCatalog({ cwd: dir, catalogs: ['noop.yaml'], config: null });
    const builtin = loadBuiltinCatalog();
    expect(catalogDigest(viaLayer)).toBe(catalogDigest(builtin));
    expect(frameworkRef(builtin)).toEqual({ id: 'harm-default', version: 2, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it.each(LONE_SURROGATES)('stands in U+FFFD for %s', (_name, odd, replaced) => {
    expect(catalogDigest(withCategory(odd))).toBe(sha256Of(withCategory(replaced)));
  });

  it('gives the same digests from a module loaded in the test, whose surrogate pattern is built then', async () => {
    const fresh = await freshImport(() => import('../../src/core/digest.js'));
    for (const [name, odd, replaced] of LONE_SURROGATES) expect([name, fresh.catalogDigest(withCategory(odd))]).toEqual([name, sha256Of(withCategory(replaced))]);
    const pair = withCategory({ name: 'a\uD83D\uDE00b', description: '\uD800' });
    expect(fresh.catalogDigest(pair)).toBe(sha256Of(withCategory({ name: 'a😀b', description: '\uFFFD' })));
  });

  it('keeps a surrogate pair, which is a character', () => {
    const withName = (name: string) => ({ ...CATALOG, categories: [{ ...CATALOG.categories[0]!, name }] });
    expect(catalogDigest(withName('a\uD83D\uDE00b'))).toBe(sha256Of(withName('a😀b')));
    expect(catalogDigest(withName('a\uD83D\uDE00b'))).not.toBe(catalogDigest(withName('a\uFFFD\uFFFDb')));
  });

  it('replaces only the lone surrogates, keeping pairs, other texts, keys, numbers and empty values as they are', () => {
    const withCategory = (name: string, description: string, key: string) =>
      ({ ...CATALOG, categories: [{ ...CATALOG.categories[0]!, name, description, mappings: { [key]: ['x\uD83D\uDE00y'] } }] }) as Catalog;
    const odd = withCategory('\uDC00a\uD83D\uDE00\uD800', 'b\uDC00\uD800c', 'eu\uD800');
    const replaced = withCategory('\uFFFDa\uD83D\uDE00\uFFFD', 'b\uFFFD\uFFFDc', 'eu\uFFFD');
    expect(catalogDigest(odd)).toBe(sha256Of(replaced));
  });

  it('stands in U+FFFD for lone surrogates, which have no canonical form', () => {
    const odd = { ...CATALOG, categories: [{ ...CATALOG.categories[0]!, name: 'a\uD800b' }] };
    const replaced = { ...CATALOG, categories: [{ ...CATALOG.categories[0]!, name: 'a\uFFFDb' }] };
    expect(catalogDigest(odd)).toBe(catalogDigest(replaced));
  });
});
