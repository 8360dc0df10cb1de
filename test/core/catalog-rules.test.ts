import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeCatalogLayers, type CatalogLayerSource } from '../../src/core/catalog-merge.js';
import { validateMergedCatalog } from '../../src/core/catalog-rules.js';
import { builtinCatalogPath } from '../../src/io/catalog-loader.js';
import { parseYamlSource } from '../../src/io/yaml/index.js';

/** A layer read from YAML text, so that findings have real positions. */
function layer(file: string, text: string): CatalogLayerSource {
  const parsed = parseYamlSource(text, file);
  expect(parsed.findings).toEqual([]);
  return { file, value: parsed.value as Record<string, unknown>, locator: parsed.locator };
}

const builtinText = () => readFileSync(builtinCatalogPath(), 'utf8');

/** The 1-based line and column of the `nth` occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
  expect(index).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The built-in catalog with one edit, as a standalone catalog file. */
function edited(from: string | RegExp, to: string): string {
  const text = builtinText();
  const out = text.replace(from, to);
  expect(out).not.toBe(text);
  return out;
}

const validateStandalone = (text: string) => validateMergedCatalog(mergeCatalogLayers([layer('cat.yaml', text)]));
const HEADER = 'apiVersion: harm/v1\nkind: Catalog\n';
const validateOverBuiltin = (body: string) => validateMergedCatalog(mergeCatalogLayers([layer('builtin', builtinText()), layer('top.yaml', `${HEADER}${body}`)]));

describe('catalog rules: the fixed lists', () => {
  it.each([
    [
      'a factor missing a level',
      () => edited(/\n        - id: almost_certain\n(?: {10}.*\n)+/, '\n'),
      'The levels must be exactly rare, unlikely, possible, likely, almost_certain, in that order (levels cannot be added, removed or reordered); found rare, unlikely, possible, likely.',
      // The levels value: the first entry of the list.
      '- id: rare',
    ],
    [
      'a factor with two levels swapped',
      () => edited('        - id: transient\n          code: T\n          value: 0.2\n', '        - id: short_term\n          code: S\n          value: 0.2\n').replace(/(        - id: )short_term(\n          code: S\n          value: 0\.4)/, '$1transient$2'),
      'The levels must be exactly transient, short_term, long_term, irreversible, in that order (levels cannot be added, removed or reordered); found short_term, transient, long_term, irreversible.',
      '- id: short_term',
    ],
    [
      'bands missing one',
      () => edited('    - { id: critical, min: 9.0 }\n', ''),
      'The bands must be exactly low, medium, high, critical, in that order; found low, medium, high.',
      '- { id: low',
    ],
  ])('%s is one finding at the list', (_name, text, message, needle) => {
    const source = text();
    const result = validateStandalone(source);
    expect(result.catalog).toBeUndefined();
    expect(result.findings).toEqual([{ rule: 'schema', level: 'error', message, file: 'cat.yaml', ...positionOf(source, needle) }]);
  });

  it.each([
    ['dimensions', '    - id: psychological\n', '    - id: physical\n', 'physical'],
    ['populations', '    - id: organizations\n', '    - id: general_public\n', 'general_public'],
    ['categories', '  - id: cyber_offense\n', '  - id: cbrn\n', 'cbrn'],
    ['safeguards', '  - id: evaluation.adversarial-testing\n', '  - id: evaluation.red-teaming\n', 'evaluation.red-teaming'],
  ])('an id defined twice among the %s is a duplicate-id finding at the later id value', (_list, from, to, id) => {
    const source = edited(from, to);
    const duplicates = validateStandalone(source).findings.filter((f) => f.rule === 'duplicate-id');
    // SPEC §4: a duplicate-id points at the later id value, as for assessments.
    const later = positionOf(source, `- id: ${id}\n`, 2);
    expect(duplicates).toEqual([
      { rule: 'duplicate-id', level: 'error', message: `The id "${id}" is defined twice.`, file: 'cat.yaml', line: later.line, column: later.column + '- id: '.length },
    ]);
  });

  it('an id defined three times is a finding at each later definition', () => {
    const source = edited('  - id: cyber_offense\n', '  - id: cbrn\n').replace('  - id: weapons\n', '  - id: cbrn\n');
    const findings = validateStandalone(source).findings.filter((f) => f.rule === 'duplicate-id');
    const at = (nth: number) => {
      const { line, column } = positionOf(source, '  - id: cbrn\n', nth);
      return [line, column + '  - id: '.length];
    };
    expect(findings.map((f) => [f.line, f.column])).toEqual([at(2), at(3)]);
  });

  it('a layer over an id defined three times merges into the last one; the others stay where they were written', () => {
    const base = `${HEADER}categories:\n  - id: c1\n    name: One\n  - id: c1\n    name: Two\n  - id: c1\n    name: Three\n`;
    const merged = mergeCatalogLayers([layer('cat.yaml', base), layer('top.yaml', `${HEADER}categories:\n  - id: c1\n    name: Four\n`)]);
    expect((merged.value.categories as { name: string }[]).map((c) => c.name)).toEqual(['One', 'Two', 'Four']);
    expect(merged.originOf(['categories', 0, 'id'])).toEqual({ file: 'cat.yaml', position: { line: 4, column: 9 }, layer: 0 });
    expect(merged.originOf(['categories', 1, 'name'])).toEqual({ file: 'cat.yaml', position: { line: 7, column: 11 }, layer: 0 });
    expect(merged.originOf(['categories', 1, 'id'])).toEqual({ file: 'cat.yaml', position: { line: 6, column: 9 }, layer: 0 });
    expect(merged.originOf(['categories', 2, 'name'])).toEqual({ file: 'top.yaml', position: { line: 5, column: 11 }, layer: 1 });
  });

  it('a catalog without dimensions is a finding at the empty list', () => {
    const source = edited(/\n  dimensions:\n(?: {4}.*\n)+/, '\n  dimensions: []\n');
    const findings = validateStandalone(source).findings.filter((f) => f.message === 'The catalog needs at least one dimension.');
    const key = positionOf(source, '  dimensions: []');
    expect(findings).toEqual([
      { rule: 'schema', level: 'error', message: 'The catalog needs at least one dimension.', file: 'cat.yaml', line: key.line, column: key.column + '  dimensions: '.length },
    ]);
  });
});

describe('catalog rules: ranges include their bounds', () => {
  it.each([
    ['weights.attribution 0', 'framework: { weights: { attribution: 0 } }\n'],
    ['weights.attribution 1', 'framework: { weights: { attribution: 1 } }\n'],
    ['weights.likelihood 0', 'framework: { weights: { likelihood: 0 } }\n'],
    ['weights.likelihood 1', 'framework: { weights: { likelihood: 1 } }\n'],
    ['weights.scale 1 with weights.duration 0', 'framework: { weights: { scale: 1, duration: 0 } }\n'],
    ['a first band minimum of 0', 'framework: { bands: [{ id: low, min: 0 }] }\n'],
    ['a last band minimum of 10', 'framework: { bands: [{ id: critical, min: 10 }] }\n'],
    ['a level value of 0', 'framework: { factors: { likelihood: { levels: [{ id: rare, value: 0 }] } } }\n'],
  ])('%s is valid', (_name, body) => {
    const result = validateOverBuiltin(body);
    expect(result.findings).toEqual([]);
    expect(result.catalog).toBeDefined();
  });

  it.each([
    ['weights.attribution', 'framework: { weights: { attribution: 1.5 } }\n', 'weights.attribution must lie in [0, 1]; it is 1.5.', '1.5'],
    ['weights.likelihood', 'framework: { weights: { likelihood: -0.5 } }\n', 'weights.likelihood must lie in [0, 1]; it is -0.5.', '-0.5'],
    ['a band minimum below 0', 'framework: { bands: [{ id: low, min: -1 }] }\n', 'Band minimums must lie in [0, 10]; "low" has -1.', '-1'],
    ['a band minimum above 10', 'framework: { bands: [{ id: critical, min: 10.5 }] }\n', 'Band minimums must lie in [0, 10]; "critical" has 10.5.', '10.5'],
  ])('%s out of range is one finding at the value', (_name, body, message, needle) => {
    const text = `${HEADER}${body}`;
    expect(validateOverBuiltin(body).findings).toEqual([{ rule: 'schema', level: 'error', message, file: 'top.yaml', ...positionOf(text, needle) }]);
  });
});

describe('catalog rules: a problem between two values set in the same layer', () => {
  it.each([
    [
      'a level value below the one before',
      'framework: { factors: { likelihood: { levels: [{ id: possible, value: 0.9 }, { id: likely, value: 0.8 }] } } }\n',
      'Level values must not decrease from least to most severe; "likely" (0.8) is below "possible" (0.9).',
      '0.8',
    ],
    [
      'a band minimum not above the one before',
      'framework: { bands: [{ id: medium, min: 8 }, { id: high, min: 7.5 }] }\n',
      'Band minimums must increase; "high" (7.5) is not above "medium" (8).',
      '7.5',
    ],
    ['weights that do not add up', 'framework: { weights: { scale: 0.7, duration: 0.7 } }\n', 'weights.scale + weights.duration must equal 1; they add up to 1.4.', '0.7'],
  ])('%s points at the value the rule is about', (_name, body, message, needle) => {
    const text = `${HEADER}${body}`;
    expect(validateOverBuiltin(body).findings).toEqual([{ rule: 'schema', level: 'error', message, file: 'top.yaml', ...positionOf(text, needle) }]);
  });
});

describe('catalog rules: a catalog wrong in many places', () => {
  it('lists the first 100 problems, then one finding counting the rest', () => {
    const entries = Array.from({ length: 120 }, (_, i) => `  - { id: c${i}, bogus: 1 }`).join('\n');
    const findings = validateOverBuiltin(`categories:\n${entries}\n`).findings;
    expect(findings).toHaveLength(101);
    const last = findings[100]!;
    // 120 unknown keys and 240 missing names and descriptions: 360 problems.
    expect(last).toMatchObject({ rule: 'schema', level: 'error', message: '260 more schema problems are not listed; fix the ones above first.' });
    // In the file that holds the first problem not listed, like every other finding.
    expect(last.file).toBe('top.yaml');
    expect(last.line).toBeGreaterThanOrEqual(2);
    expect(last.column).toBeGreaterThanOrEqual(1);
  });
});
