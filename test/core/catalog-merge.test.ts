import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mergeCatalogLayers, type CatalogLayerSource } from '../../src/core/catalog-merge.js';
import { validateMergedCatalog } from '../../src/core/catalog-rules.js';
import { builtinCatalogPath } from '../../src/io/catalog-loader.js';
import { parseYamlSource } from '../../src/io/yaml/index.js';
import { freshImport } from '../helpers/fresh-import.js';

const HEADER = 'apiVersion: harm/v1\nkind: Catalog\n';

/** A layer read from YAML text, so that origins have real positions. */
function layer(file: string, body: string): CatalogLayerSource {
  const parsed = parseYamlSource(`${HEADER}${body}`, file);
  expect(parsed.findings).toEqual([]);
  return { file, value: parsed.value as Record<string, unknown>, locator: parsed.locator };
}

const builtinLayer = (): CatalogLayerSource => {
  const parsed = parseYamlSource(readFileSync(builtinCatalogPath(), 'utf8'), 'builtin');
  return { file: 'builtin', value: parsed.value as Record<string, unknown>, locator: parsed.locator };
};

describe('mergeCatalogLayers: values', () => {
  test('mappings merge key by key', () => {
    const merged = mergeCatalogLayers([
      layer('a', 'framework:\n  id: base\n  weights: { scale: 0.5, duration: 0.5, attribution: 0.3, likelihood: 0.5 }\n'),
      layer('b', 'framework:\n  weights: { attribution: 0.4 }\n'),
    ]).value;
    expect(merged.framework).toEqual({ id: 'base', weights: { scale: 0.5, duration: 0.5, attribution: 0.4, likelihood: 0.5 } });
  });

  test('lists of entries with ids merge by id: fields overridden, new ids appended, order kept', () => {
    const merged = mergeCatalogLayers([
      layer('a', 'categories:\n  - { id: one, name: One, description: First. }\n  - { id: two, name: Two, description: Second. }\n'),
      layer('b', 'categories:\n  - { id: three, name: Three, description: Third. }\n  - { id: one, description: Changed. }\n'),
    ]).value;
    expect(merged.categories).toEqual([
      { id: 'one', name: 'One', description: 'Changed.' },
      { id: 'two', name: 'Two', description: 'Second.' },
      { id: 'three', name: 'Three', description: 'Third.' },
    ]);
  });

  test('entries merge deeply: an override of one effect keeps the others', () => {
    const merged = mergeCatalogLayers([
      layer('a', 'safeguards:\n  - { id: product.x, effects: { likelihood: -1, exclude_populations: [children] } }\n'),
      layer('b', 'safeguards:\n  - { id: product.x, effects: { scale: -1 } }\n'),
    ]).value;
    expect(merged.safeguards).toEqual([{ id: 'product.x', effects: { likelihood: -1, scale: -1, exclude_populations: ['children'] } }]);
  });

  test('any other list is replaced whole', () => {
    const merged = mergeCatalogLayers([
      layer('a', 'categories:\n  - { id: one, dimensions: [physical, societal] }\nsafeguards:\n  - id: product.x\n    recommend_when: [{ capability: voice }, { min_risk: high }]\n    effects: { exclude_populations: [children, older_adults] }\n'),
      layer('b', 'categories:\n  - { id: one, dimensions: [economic] }\nsafeguards:\n  - id: product.x\n    recommend_when: [{ capability: memory }]\n    effects: { exclude_populations: [children] }\n'),
    ]).value;
    expect(merged.categories).toEqual([{ id: 'one', dimensions: ['economic'] }]);
    expect(merged.safeguards).toEqual([{ id: 'product.x', recommend_when: [{ capability: 'memory' }], effects: { exclude_populations: ['children'] } }]);
  });

  test('an empty list over a list of entries with ids changes nothing (there is no id to merge)', () => {
    const merged = mergeCatalogLayers([layer('a', 'safeguards:\n  - { id: product.x }\n'), layer('b', 'safeguards: []\n')]).value;
    expect(merged.safeguards).toEqual([{ id: 'product.x' }]);
  });

  test('the keys that describe a layer are not catalog content', () => {
    const merged = mergeCatalogLayers([
      layer('a', 'extends: []\n$schema: ../schemas/catalog.schema.json\ncategories: []\n'),
      layer('b', 'extends: [a.yaml]\nremove: { categories: [x] }\n'),
    ]).value;
    expect(merged).toEqual({ apiVersion: 'harm/v1', kind: 'Catalog', categories: [] });
  });

  test('remove applies after every layer is merged, to each kind of list', () => {
    const merged = mergeCatalogLayers([
      layer('a', 'remove:\n  dimensions: [late]\n  populations: [p1]\n  categories: [c1]\n  safeguards: [product.x]\nframework:\n  dimensions: [{ id: d1 }]\n  populations: [{ id: p1 }, { id: p2 }]\ncategories: [{ id: c1 }, { id: c2 }]\nsafeguards: [{ id: product.x }, { id: product.y }]\n'),
      // Added after the layer that removes it: removal still wins.
      layer('b', 'framework:\n  dimensions: [{ id: late }]\n'),
    ]).value;
    expect(merged).toEqual({
      apiVersion: 'harm/v1',
      kind: 'Catalog',
      framework: { dimensions: [{ id: 'd1' }], populations: [{ id: 'p2' }] },
      categories: [{ id: 'c2' }],
      safeguards: [{ id: 'product.y' }],
    });
  });

  test('removing ids that do not exist, or from a list that is absent, changes nothing', () => {
    const merged = mergeCatalogLayers([layer('a', 'remove: { safeguards: [product.none], dimensions: [nothing] }\ncategories: [{ id: c1 }]\n')]).value;
    expect(merged).toEqual({ apiVersion: 'harm/v1', kind: 'Catalog', categories: [{ id: 'c1' }] });
  });

  test('merging never changes the layers it is given', () => {
    const a = layer('a', 'framework:\n  populations: [{ id: p1 }, { id: p2 }]\n  weights: { scale: 0.5 }\nsafeguards: [{ id: product.x, effects: { likelihood: -1 } }]\n');
    const b = layer('b', 'remove: { populations: [p1] }\nframework:\n  weights: { duration: 0.5 }\nsafeguards: [{ id: product.x, effects: { scale: -1 } }]\n');
    const before = JSON.stringify([a.value, b.value]);
    const merged = mergeCatalogLayers([a, b]).value;
    expect(JSON.stringify([a.value, b.value])).toBe(before);
    expect((merged.framework as { populations: unknown }).populations).toEqual([{ id: 'p2' }]);
  });

  test('remove does not change a layer whose lists were taken over as they were', () => {
    const only = layer('a', 'remove: { populations: [p1] }\nframework:\n  populations: [{ id: p1 }, { id: p2 }]\n');
    const before = JSON.stringify(only.value);
    expect((mergeCatalogLayers([only]).value.framework as { populations: unknown }).populations).toEqual([{ id: 'p2' }]);
    expect(JSON.stringify(only.value)).toBe(before);
  });

  test('the built-in catalog merged over itself is unchanged', () => {
    const once = mergeCatalogLayers([builtinLayer()]).value;
    expect(mergeCatalogLayers([builtinLayer(), builtinLayer()]).value).toEqual(once);
  });
});

describe('mergeCatalogLayers: origins', () => {
  const a = layer('a.yaml', 'framework:\n  weights:\n    scale: 0.5\n    duration: 0.5\n  dimensions:\n    - id: d1\n      name: One\n    - id: d2\n      name: Two\n');
  const b = layer('b.yaml', 'remove:\n  dimensions: [d1]\nframework:\n  weights:\n    scale: 0.6\n  dimensions:\n    - id: d2\n      description: Second.\n    - id: d3\n      name: Three\n      description: Third.\n');
  // Merged inside each test, so that mutation testing credits every test that checks it (docs/testing.md).
  const merged = () => mergeCatalogLayers([a, b]);

  test('a value points at the last layer that set it', () => {
    expect(merged().originOf(['framework', 'weights', 'scale'])).toEqual({ file: 'b.yaml', position: { line: 7, column: 12 }, layer: 1 });
    expect(merged().originOf(['framework', 'weights', 'duration'])).toEqual({ file: 'a.yaml', position: { line: 6, column: 15 }, layer: 0 });
  });

  test('list entries are followed by id, after removal shifted them', () => {
    // d1 was removed, so d2 is now entry 0, d3 entry 1.
    expect((merged().value.framework as { dimensions: { id: string }[] }).dimensions.map((d) => d.id)).toEqual(['d2', 'd3']);
    expect(merged().originOf(['framework', 'dimensions', 0, 'name'])).toEqual({ file: 'a.yaml', position: { line: 11, column: 13 }, layer: 0 });
    expect(merged().originOf(['framework', 'dimensions', 0, 'description'])).toEqual({ file: 'b.yaml', position: { line: 10, column: 20 }, layer: 1 });
    expect(merged().originOf(['framework', 'dimensions', 1, 'name'])).toEqual({ file: 'b.yaml', position: { line: 12, column: 13 }, layer: 1 });
  });

  test('a path that was never set points at its nearest ancestor that was', () => {
    // Where a missing key is reported: the entry that lacks it.
    expect(merged().originOf(['framework', 'dimensions', 1, 'vulnerability'])).toEqual({ file: 'b.yaml', position: { line: 11, column: 7 }, layer: 1 });
    expect(merged().originOf(['framework', 'weights', 'likelihood'])).toEqual({ file: 'b.yaml', position: { line: 7, column: 5 }, layer: 1 });
  });

  test('the root, which no layer sets as a value, points at the top of the last layer', () => {
    expect(merged().originOf([])).toEqual({ file: 'b.yaml', position: { line: 1, column: 1 }, layer: 1 });
    expect(merged().originOf(['categories'])).toEqual({ file: 'b.yaml', position: { line: 1, column: 1 }, layer: 1 });
  });

  test('an entry with an id is found in a list that also holds entries without one (which the schema then reports)', () => {
    const mixed = mergeCatalogLayers([layer('c.yaml', 'categories:\n  - null\n  - 7\n  - id: c1\n    name: C\n')]);
    expect(mixed.originOf(['categories', 2, 'name'])).toEqual({ file: 'c.yaml', position: { line: 7, column: 11 }, layer: 0 });
    expect(mixed.originOf(['categories', 0])).toEqual({ file: 'c.yaml', position: { line: 4, column: 5 }, layer: 0 });
  });

  test('a key or a mapping\'s first key can be asked for instead of the value', () => {
    expect(merged().originOf(['framework', 'weights', 'scale'], 'key')).toEqual({ file: 'b.yaml', position: { line: 7, column: 5 }, layer: 1 });
    const flow = mergeCatalogLayers([layer('c.yaml', 'categories: [{ id: c1, name: C }]\n')]);
    expect(flow.originOf(['categories', 0])).toEqual({ file: 'c.yaml', position: { line: 3, column: 14 }, layer: 0 });
    expect(flow.originOf(['categories', 0], 'firstKey')).toEqual({ file: 'c.yaml', position: { line: 3, column: 16 }, layer: 0 });
  });
});

describe('mergeCatalogLayers: size', () => {
  const nowhere = { value: () => ({ line: 1, column: 1 }), key: () => ({ line: 1, column: 1 }), firstKey: () => ({ line: 1, column: 1 }) };
  const safeguards = (layer: number, count: number, offset = 0) =>
    Array.from({ length: count }, (_, i) => ({ id: `product.s${i + offset}`, title: `Layer ${layer}`, burden: 'low' }));

  test('40 layers of 1,000 safeguards merge by id in linear time, and removals take one pass', () => {
    // Half of each layer overrides the previous layer's entries, half appends new ones.
    const layers: CatalogLayerSource[] = Array.from({ length: 40 }, (_, l) => ({
      file: `l${l}.yaml`,
      value: { apiVersion: 'harm/v1', kind: 'Catalog', safeguards: safeguards(l, 1000, l * 500), ...(l === 39 ? { remove: { safeguards: Array.from({ length: 1000 }, (_, i) => `product.s${i * 2}`) } } : {}) },
      locator: nowhere,
    }));
    const start = performance.now();
    const merged = mergeCatalogLayers(layers);
    const list = merged.value.safeguards as { id: string; title: string }[];
    // Before: a search of the whole list per entry, 86 s for 40 such layers.
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(list).toHaveLength(20_500 - 1000);
    expect(list[0]).toEqual({ id: 'product.s1', title: 'Layer 0', burden: 'low' });
    expect(list.find((e) => e.id === 'product.s1999')?.title).toBe('Layer 3');
    expect(merged.originOf(['safeguards', list.length - 1, 'title']).file).toBe('l39.yaml');
  });
});

describe('validateMergedCatalog over builtin', () => {
  const withLayer = (body: string) => validateMergedCatalog(mergeCatalogLayers([builtinLayer(), layer('top.yaml', body)]));

  test('builtin alone is valid', () => {
    const result = validateMergedCatalog(mergeCatalogLayers([builtinLayer()]));
    expect(result.findings).toEqual([]);
    expect(result.catalog?.framework.id).toBe('harm-default');
  });

  test.each([
    ['a level value above 1', 'framework: { factors: { scale: { levels: [{ id: societal, value: 1.2 }] } } }\n', 'schema', /must lie in \[0, 1\]/, '1.2'],
    ['a level value below 0', 'framework: { vulnerability: { levels: [{ id: none, value: -0.1 }] } }\n', 'schema', /must lie in \[0, 1\]/, '-0.1'],
    ['a decreasing level value', 'framework: { factors: { duration: { levels: [{ id: irreversible, value: 0.6 }] } } }\n', 'schema', /must not decrease/, '0.6'],
    ['a recoded level', 'framework: { factors: { causality: { levels: [{ id: direct, code: X }] } } }\n', 'schema', /fixed as "D"/, 'X'],
    ['weights that do not add up (duration set last)', 'framework: { weights: { duration: 0.6 } }\n', 'schema', /must equal 1; they add up to 1\.1/, '0.6'],
    ['weights that do not add up (scale set last)', 'framework: { weights: { scale: 0.6 } }\n', 'schema', /must equal 1; they add up to 1\.1/, '0.6'],
    ['a level value raised above the next one', 'framework: { factors: { likelihood: { levels: [{ id: possible, value: 0.9 }] } } }\n', 'schema', /"likely" \(0\.75\) is below "possible" \(0\.9\)/, '0.9'],
    ['a band minimum raised above the next one', 'framework: { bands: [{ id: medium, min: 7.5 }] }\n', 'schema', /"high" \(7\) is not above "medium" \(7\.5\)/, '7.5'],
    ['weights.likelihood above 1', 'framework: { weights: { likelihood: 2 } }\n', 'schema', /weights\.likelihood must lie in \[0, 1\]/, '2'],
    ['a band minimum above 10', 'framework: { bands: [{ id: critical, min: 11 }] }\n', 'schema', /must lie in \[0, 10\]/, '11'],
    ['band minimums that do not increase', 'framework: { bands: [{ id: medium, min: 0.1 }] }\n', 'schema', /must increase/, '0.1 }'],
    ['a positive effect', 'safeguards: [{ id: product.rate-limits, effects: { scale: 1 } }]\n', 'schema', /scale/, '1 }'],
    ['an effect on mitigation feasibility', 'safeguards: [{ id: product.rate-limits, effects: { mitigation_feasibility: -1 } }]\n', 'schema', /Unknown key "mitigation_feasibility"/, 'mitigation_feasibility'],
    ['an unknown population in a condition', 'safeguards: [{ id: product.rate-limits, require_when: [{ population: [children, olderadults] }] }]\n', 'unknown-reference', /Unknown population "olderadults"\. Did you mean "older_adults"\?/, 'olderadults'],
    ['an unknown category in a condition', 'safeguards: [{ id: product.rate-limits, require_when: [{ category: fraud }] }]\n', 'unknown-reference', /Unknown category "fraud"/, 'fraud'],
    ['an unknown dimension of a category', 'categories: [{ id: privacy, dimensions: [society] }]\n', 'unknown-reference', /Unknown dimension "society"\. Did you mean "societal"\?/, 'society'],
    ['an empty condition', 'safeguards: [{ id: product.rate-limits, recommend_when: [{}] }]\n', 'schema', /at least one key/, '{}'],
  ])('%s is a finding at the value in the layer', (_name, body, rule, message, needle) => {
    const result = withLayer(body);
    expect(result.catalog).toBeUndefined();
    expect(result.findings).toHaveLength(1);
    const finding = result.findings[0]!;
    expect(finding).toMatchObject({ rule, level: 'error', file: 'top.yaml', line: 3 });
    expect(finding.message).toMatch(message);
    expect(finding.column).toBe(body.indexOf(needle) + 1);
  });

  test('equal neighbouring level values are allowed (non-decreasing)', () => {
    const result = withLayer('framework: { factors: { likelihood: { levels: [{ id: rare, value: 0.3 }] } } }\n');
    expect(result.findings).toEqual([]);
    expect(result.catalog?.framework.factors.likelihood.levels.slice(0, 2).map((l) => l.value)).toEqual([0.3, 0.3]);
  });

  test('every problem is reported, not just the first', () => {
    const result = withLayer('framework: { weights: { scale: 0.9, attribution: -1 } }\ncategories: [{ id: privacy, dimensions: [x] }]\n');
    expect(result.findings.map((f) => f.rule).sort()).toEqual(['schema', 'schema', 'unknown-reference']);
  });
});

describe('mergeCatalogLayers: edges', () => {
  test('a list where only some entries have an id is not merged by id: it is replaced whole', () => {
    const nowhere = { value: () => ({ line: 1, column: 1 }), key: () => ({ line: 1, column: 1 }), firstKey: () => ({ line: 1, column: 1 }) };
    const merged = mergeCatalogLayers([
      { file: 'a', value: { items: [{ id: 'x', name: 'X' }] }, locator: nowhere },
      { file: 'b', value: { items: [{ id: 'x' }, { name: 'no id' }] }, locator: nowhere },
    ]).value;
    expect(merged.items).toEqual([{ id: 'x' }, { name: 'no id' }]);
  });

  test('a list of plain values under a list of entries with ids is replaced whole', () => {
    const merged = mergeCatalogLayers([layer('a', 'items: [one, two]\n'), layer('b', 'items: [{ id: three }]\n')]).value;
    expect(merged.items).toEqual([{ id: 'three' }]);
  });

  test('remove ignores a target it does not know and ids that are not a list', () => {
    const merged = mergeCatalogLayers([layer('a', 'remove: { harms: [c1], categories: c1 }\ncategories: [{ id: c1 }]\n')]).value;
    expect(merged).toEqual({ apiVersion: 'harm/v1', kind: 'Catalog', categories: [{ id: 'c1' }] });
  });

  test('an empty list over a list with ids did not set it: the list points at the layer that did', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'categories:\n  - { id: c1 }\n'), layer('b.yaml', 'categories: []\n')]);
    expect(merged.originOf(['categories'])).toEqual({ file: 'a.yaml', position: { line: 4, column: 3 }, layer: 0 });
    expect(merged.originOf(['categories'], 'key')).toEqual({ file: 'a.yaml', position: { line: 3, column: 1 }, layer: 0 });
  });

  test('a list set in the last layer points at that layer, at its key when asked', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'categories:\n  - { id: c1 }\n'), layer('b.yaml', 'categories:\n  - { id: c2 }\n')]);
    expect(merged.originOf(['categories'], 'key')).toEqual({ file: 'b.yaml', position: { line: 3, column: 1 }, layer: 1 });
  });

  test('an empty list that is the whole merged value was set by the layer that wrote it', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'categories: []\n'), layer('b.yaml', 'framework: { id: x }\n')]);
    expect(merged.originOf(['categories'], 'key')).toEqual({ file: 'a.yaml', position: { line: 3, column: 1 }, layer: 0 });
  });

  test('an index past the end of a list points at the list', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'categories:\n  - id: c1\n    dimensions: [physical, societal]\n')]);
    expect(merged.originOf(['categories', 0, 'dimensions', 2])).toEqual({ file: 'a.yaml', position: { line: 5, column: 17 }, layer: 0 });
    expect(merged.originOf(['categories', 0, 'dimensions', 5])).toEqual({ file: 'a.yaml', position: { line: 5, column: 17 }, layer: 0 });
  });

  test('layer keys stay out of the merged catalog, and each remove target names its list: from a module loaded in the test, whose tables are built then', async () => {
    const { mergeCatalogLayers: merge } = await freshImport(() => import('../../src/core/catalog-merge.js'));
    const base = layer(
      'a.yaml',
      'framework:\n  id: base\n  weights: { scale: 0.5 }\n  dimensions: [{ id: d1 }, { id: d2 }]\n  populations: [{ id: p1 }, { id: p2 }]\ncategories: [{ id: c1 }, { id: c2 }]\nsafeguards: [{ id: s1 }, { id: s2 }]\n',
    );
    const top = layer(
      'b.yaml',
      '$schema: ./catalog.schema.json\nextends: [a.yaml]\nremove: { dimensions: [d1], populations: [p2], categories: [c1], safeguards: [s2] }\nframework:\n  weights: { duration: 0.5 }\n  dimensions: [{ id: d2, name: Two }]\n',
    );
    expect(merge([base, top]).value).toEqual({
      apiVersion: 'harm/v1',
      kind: 'Catalog',
      framework: { id: 'base', weights: { scale: 0.5, duration: 0.5 }, dimensions: [{ id: 'd2', name: 'Two' }], populations: [{ id: 'p1' }] },
      categories: [{ id: 'c2' }],
      safeguards: [{ id: 's1' }],
    });
    // apiVersion is the layer's own: one that is not text is not taken, and is no catalog content either.
    const odd: CatalogLayerSource = { file: 'c.yaml', value: { apiVersion: 2, kind: 'Catalog', categories: [] }, locator: base.locator };
    expect(merge([layer('a.yaml', 'categories: [{ id: c1 }]\n'), odd]).value).toEqual({ apiVersion: 'harm/v1', kind: 'Catalog', categories: [{ id: 'c1' }] });
  });

  test('a null over a mapping replaces it, as any value that is not a mapping does', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'framework: { id: base }\n'), { file: 'b.yaml', value: { framework: null }, locator: layer('b.yaml', '').locator }]);
    expect(merged.value).toEqual({ apiVersion: 'harm/v1', kind: 'Catalog', framework: null });
  });

  test('the nearest ancestor of a missing key is the deepest part of its path written in any layer, not only in the last', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'framework:\n  weights:\n    scale: 0.5\n'), layer('b.yaml', 'framework:\n  id: x\n')]);
    expect(merged.originOf(['framework', 'weights', 'attribution'])).toEqual({ file: 'a.yaml', position: { line: 5, column: 5 }, layer: 0 });
  });

  test('an entry that a later layer does not have points at the layer that wrote it, not at the later list', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'categories:\n  - id: c1\n    name: One\n'), layer('b.yaml', 'categories:\n  - id: c2\n')]);
    expect(merged.originOf(['categories', 0])).toEqual({ file: 'a.yaml', position: { line: 4, column: 5 }, layer: 0 });
    expect(merged.originOf(['categories', 0], 'firstKey')).toEqual({ file: 'a.yaml', position: { line: 4, column: 5 }, layer: 0 });
    expect(merged.originOf(['categories', 1])).toEqual({ file: 'b.yaml', position: { line: 4, column: 5 }, layer: 1 });
  });

  test('an index past the end of a list points at the list of the last layer that wrote it', () => {
    const merged = mergeCatalogLayers([layer('a.yaml', 'items: [one, two, three]\n'), layer('b.yaml', 'items: [four]\n')]);
    expect(merged.value.items).toEqual(['four']);
    expect(merged.originOf(['items', 2])).toEqual({ file: 'b.yaml', position: { line: 3, column: 8 }, layer: 1 });
  });

  test('a key no layer writes points at the root of the last layer, after its leading comments', () => {
    const text = '# A comment\n\napiVersion: harm/v1\nkind: Catalog\n';
    const last: CatalogLayerSource = { file: 'b.yaml', value: parseYamlSource(text, 'b.yaml').value as Record<string, unknown>, locator: parseYamlSource(text, 'b.yaml').locator };
    const merged = mergeCatalogLayers([layer('a.yaml', 'categories: []\n'), last]);
    expect(merged.originOf(['framework'])).toEqual({ file: 'b.yaml', position: { line: 3, column: 1 }, layer: 1 });
    expect(merged.originOf([])).toEqual({ file: 'b.yaml', position: { line: 3, column: 1 }, layer: 1 });
  });

  test('with no layers, origins name the catalog as a whole at 1:1', () => {
    expect(mergeCatalogLayers([]).originOf(['framework'])).toEqual({ file: '<catalog>', position: { line: 1, column: 1 }, layer: -1 });
  });
});
