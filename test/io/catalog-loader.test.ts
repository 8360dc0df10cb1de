import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { SetupError, UsageError } from '../../src/core/errors.js';
import { scoreLevels, type LevelSet } from '../../src/core/score.js';
import { builtinCatalogPath, loadBuiltinCatalog, loadEffectiveCatalog, MAX_EXTENDS_DEPTH } from '../../src/io/catalog-loader.js';
import type { Catalog } from '../../src/schema/catalog.js';
import type { Finding } from '../../src/schema/output.js';
import { runCli } from '../helpers/run-cli.js';
import { failure } from '../helpers/errors.js';
import { makeTempDir, writeIn } from '../helpers/files.js';

const HEADER = 'apiVersion: harm/v1\nkind: Catalog\n';

const makeDir = () => makeTempDir('harm-catalog-');
const write = writeIn;

/** The 1-based line and column where `needle` first occurs in `text` (after `after`, when given). */
function positionOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function compose(cwd: string, catalogs: string[]): Catalog {
  return loadEffectiveCatalog({ cwd, catalogs, config: null });
}

function setupFindings(fn: () => unknown): { error: SetupError; findings: readonly Finding[] } {
  const error = failure(fn);
  expect(error).toBeInstanceOf(SetupError);
  return { error, findings: error.findings };
}

// Loaded inside the tests: mutation testing counts code run while a file is collected as run by every test.
const builtin = (): Catalog => loadBuiltinCatalog();
const ids = (list: readonly { id: string }[]) => list.map((e) => e.id);

describe('composition over the built-in catalog', () => {
  test('a layer that adds a dimension appends a sixth one and keeps the rest of builtin', () => {
    const dir = makeDir();
    write(dir, 'env.yaml', `${HEADER}framework:\n  dimensions:\n    - id: environmental\n      name: Environmental\n      description: Effects on the natural environment.\n`);
    const catalog = compose(dir, ['env.yaml']);
    expect(ids(catalog.framework.dimensions)).toEqual([...ids(builtin().framework.dimensions), 'environmental']);
    expect(catalog.framework.dimensions).toHaveLength(6);
    expect(catalog.framework.dimensions[5]).toEqual({ id: 'environmental', name: 'Environmental', description: 'Effects on the natural environment.' });
    expect(catalog.categories).toEqual(builtin().categories);
    expect(catalog.safeguards).toEqual(builtin().safeguards);
    expect(catalog.framework.factors).toEqual(builtin().framework.factors);
  });

  test('changing one level value keeps its code and description, and the score follows', () => {
    const dir = makeDir();
    write(dir, 'rare.yaml', `${HEADER}framework: { factors: { likelihood: { levels: [{ id: rare, value: 0.2 }] } } }\n`);
    const catalog = compose(dir, ['rare.yaml']);
    const before = builtin().framework.factors.likelihood.levels;
    const after = catalog.framework.factors.likelihood.levels;
    expect(after[0]).toEqual({ ...before[0], value: 0.2 });
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(catalog.framework.factors.scale).toEqual(builtin().framework.factors.scale);

    const levels: LevelSet = {
      likelihood: 'rare',
      scale: 'societal',
      duration: 'irreversible',
      vulnerability: 'high',
      causality: 'direct',
      technology_contribution: 'essential',
      mitigation_feasibility: 'low',
    };
    const old = scoreLevels(builtin().framework, levels);
    const now = scoreLevels(catalog.framework, levels);
    expect(now.values.likelihood).toBe(0.2);
    // Severity does not involve likelihood; risk does, through 1 − w·(1 − l).
    expect(now.severity).toBe(old.severity);
    expect(now.likelihoodFactor).toBeCloseTo(1 - builtin().framework.weights.likelihood * (1 - 0.2), 12);
    expect(now.risk).toBe(Math.round(now.severity * now.likelihoodFactor * 10) / 10);
    expect(now.risk).toBeGreaterThan(old.risk);
  });

  test('a safeguard is overridden by id one field at a time, and a new one is appended', () => {
    const dir = makeDir();
    write(
      dir,
      'safeguards.yaml',
      `${HEADER}safeguards:
  - id: product.rate-limits
    burden: high
  - id: product.flood-warnings
    title: Flood warnings
    kind: product
    stage: design
    burden: low
    description: Warns people downstream before a release of water.
`,
    );
    const catalog = compose(dir, ['safeguards.yaml']);
    const original = builtin().safeguards.find((s) => s.id === 'product.rate-limits')!;
    const merged = catalog.safeguards.find((s) => s.id === 'product.rate-limits')!;
    expect(original.burden).not.toBe('high');
    expect(merged).toEqual({ ...original, burden: 'high' });
    // Merged in place: the order of the built-in safeguards does not change.
    expect(ids(catalog.safeguards)).toEqual([...ids(builtin().safeguards), 'product.flood-warnings']);
    expect(catalog.safeguards.at(-1)).toEqual({
      id: 'product.flood-warnings',
      title: 'Flood warnings',
      kind: 'product',
      stage: 'design',
      burden: 'low',
      description: 'Warns people downstream before a release of water.',
    });
  });

  test('a list without ids (a condition list) is replaced whole', () => {
    const dir = makeDir();
    write(dir, 'conditions.yaml', `${HEADER}safeguards:\n  - id: product.rate-limits\n    require_when:\n      - { min_risk: high, capability: messaging }\n`);
    const merged = compose(dir, ['conditions.yaml']).safeguards.find((s) => s.id === 'product.rate-limits')!;
    expect(merged.require_when).toEqual([{ min_risk: 'high', capability: 'messaging' }]);
    expect(merged.recommend_when).toEqual(builtin().safeguards.find((s) => s.id === 'product.rate-limits')!.recommend_when);
  });

  test('remove takes a safeguard, a category (with what names it) and a population out after the merge', () => {
    const dir = makeDir();
    write(
      dir,
      'remove.yaml',
      `${HEADER}remove:
  safeguards: [product.crisis-resources, product.usage-nudges, transparency.ai-disclosure]
  categories: [emotional_dependency]
  populations: [organizations]
`,
    );
    const catalog = compose(dir, ['remove.yaml']);
    const removed = ['product.crisis-resources', 'product.usage-nudges', 'transparency.ai-disclosure'];
    expect(ids(catalog.safeguards)).toEqual(ids(builtin().safeguards).filter((id) => !removed.includes(id)));
    expect(ids(catalog.categories)).toEqual(ids(builtin().categories).filter((id) => id !== 'emotional_dependency'));
    expect(ids(catalog.framework.populations)).toEqual(ids(builtin().framework.populations).filter((id) => id !== 'organizations'));
  });

  test('remove applies after the merge: an entry added by the same layer can be removed', () => {
    const dir = makeDir();
    write(dir, 'env.yaml', `${HEADER}framework:\n  dimensions:\n    - { id: environmental, name: Environmental, description: Nature. }\n`);
    write(dir, 'top.yaml', `${HEADER}extends: [env.yaml]\nremove:\n  dimensions: [environmental]\n`);
    expect(ids(compose(dir, ['top.yaml']).framework.dimensions)).toEqual(ids(builtin().framework.dimensions));
  });

  test('removing an id that is still named elsewhere is an unknown-reference finding where it is named', () => {
    const dir = makeDir();
    write(dir, 'remove.yaml', `${HEADER}remove:\n  categories: [over_refusal]\n`);
    const { findings } = setupFindings(() => compose(dir, ['remove.yaml']));
    const builtinText = readFileSync(builtinCatalogPath(), 'utf8');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f).toMatchObject({ rule: 'unknown-reference', level: 'error', file: 'builtin' });
      expect(f.message).toContain('"over_refusal"');
    }
    // The first place builtin names the category in a condition.
    const at = positionOf(builtinText, 'over_refusal', '- id: evaluation.refusal-calibration');
    expect(findings).toContainEqual(expect.objectContaining(at));
  });
});

describe('extends', () => {
  test('extends: [] is standalone: a complete catalog is used as it is, without builtin', () => {
    const dir = makeDir();
    const full = parse(readFileSync(builtinCatalogPath(), 'utf8')) as Catalog & { extends: string[] };
    const own = {
      ...full,
      extends: [],
      framework: { ...full.framework, id: 'acme' },
      safeguards: full.safeguards.filter((s) => s.id !== 'transparency.public-reporting'),
    };
    write(dir, 'standalone.yaml', stringify(own));
    const catalog = compose(dir, ['standalone.yaml']);
    expect(catalog.framework.id).toBe('acme');
    // Had builtin been merged first, its public-reporting safeguard would still be there.
    expect(ids(catalog.safeguards)).toEqual(ids(builtin().safeguards).filter((id) => id !== 'transparency.public-reporting'));
  });

  test('extends: [] must be complete, or the missing parts are findings in that file', () => {
    const dir = makeDir();
    const text = `${HEADER}extends: []\nframework:\n  id: tiny\n  dimensions:\n    - { id: physical, name: Physical, description: Body. }\n`;
    write(dir, 'tiny.yaml', text);
    const { findings } = setupFindings(() => compose(dir, ['tiny.yaml']));
    const messages = findings.map((f) => f.message);
    for (const key of ['version', 'factors', 'vulnerability', 'populations', 'weights', 'bands']) {
      expect(messages).toContain(`Missing required key "${key}" in framework.`);
    }
    expect(messages).toContain('Missing required key "categories".');
    expect(messages).toContain('Missing required key "safeguards".');
    for (const f of findings) expect(f).toMatchObject({ rule: 'schema', file: 'tiny.yaml' });
    // A key missing from framework is reported at framework's first key.
    expect(findings.find((f) => f.message.includes('"weights"'))).toMatchObject(positionOf(text, 'id: tiny'));
  });

  test('relative paths in extends are resolved from the file that names them', () => {
    const dir = makeDir();
    write(dir, 'policy/top.yaml', `${HEADER}extends: [../shared/base.yaml]\nframework:\n  populations:\n    - { id: farmers, name: Farmers, vulnerability: elevated, description: People who farm. }\n`);
    write(dir, 'shared/base.yaml', `${HEADER}extends: [builtin, parts/env.yaml]\n`);
    write(dir, 'shared/parts/env.yaml', `${HEADER}extends: []\nframework:\n  dimensions:\n    - { id: environmental, name: Environmental, description: Nature. }\n`);
    // Run from an unrelated folder: nothing may be resolved against the working directory.
    const cwd = join(dir, 'elsewhere');
    mkdirSync(cwd);
    const catalog = compose(cwd, ['../policy/top.yaml']);
    expect(ids(catalog.framework.dimensions)).toEqual([...ids(builtin().framework.dimensions), 'environmental']);
    expect(ids(catalog.framework.populations)).toEqual([...ids(builtin().framework.populations), 'farmers']);
  });

  test('a diamond merges builtin once, at its first appearance', () => {
    const dir = makeDir();
    // If builtin were merged again before c.yaml, it would undo b.yaml's burden.
    write(dir, 'a.yaml', `${HEADER}extends: [b.yaml, c.yaml]\n`);
    write(dir, 'b.yaml', `${HEADER}extends: [builtin]\nsafeguards:\n  - { id: product.rate-limits, burden: high }\n`);
    write(dir, 'c.yaml', `${HEADER}extends: [builtin]\nframework:\n  dimensions:\n    - { id: environmental, name: Environmental, description: Nature. }\n`);
    const catalog = compose(dir, ['a.yaml']);
    expect(catalog.safeguards.find((s) => s.id === 'product.rate-limits')!.burden).toBe('high');
    expect(ids(catalog.framework.dimensions)).toEqual([...ids(builtin().framework.dimensions), 'environmental']);
    expect(catalog.safeguards).toHaveLength(builtin().safeguards.length);
  });

  test('a file named again later is not merged again', () => {
    const dir = makeDir();
    write(dir, 'a.yaml', `${HEADER}extends: [b.yaml]\nsafeguards:\n  - { id: product.rate-limits, burden: medium }\n`);
    write(dir, 'b.yaml', `${HEADER}safeguards:\n  - { id: product.rate-limits, burden: high }\n`);
    // Order: builtin, b, a; naming b.yaml again must not put it on top of a.yaml.
    expect(compose(dir, ['a.yaml', 'b.yaml']).safeguards.find((s) => s.id === 'product.rate-limits')!.burden).toBe('medium');
    expect(compose(dir, ['b.yaml', 'a.yaml']).safeguards.find((s) => s.id === 'product.rate-limits')!.burden).toBe('medium');
  });

  test('a cycle is a setup error naming the chain, at the extends entry that closes it', () => {
    const dir = makeDir();
    write(dir, 'a.yaml', `${HEADER}extends: [b.yaml]\n`);
    const bText = `${HEADER}extends: [builtin, a.yaml]\n`;
    write(dir, 'b.yaml', bText);
    const { error, findings } = setupFindings(() => compose(dir, ['a.yaml']));
    expect(error.message).toContain('a.yaml → b.yaml → a.yaml');
    expect(findings).toEqual([expect.objectContaining({ file: 'b.yaml', level: 'error', ...positionOf(bText, 'a.yaml') })]);
    expect(findings[0]!.message).toContain('a.yaml → b.yaml → a.yaml');
  });

  test('a cycle deeper in the chain names only the files in the cycle', () => {
    const dir = makeDir();
    write(dir, 'root.yaml', `${HEADER}extends: [sub/a.yaml]\n`);
    write(dir, 'sub/a.yaml', `${HEADER}extends: [b.yaml]\n`);
    write(dir, 'sub/b.yaml', `${HEADER}extends: [./a.yaml]\n`);
    const { error } = setupFindings(() => compose(dir, ['root.yaml']));
    expect(error.message).toContain(`${join('sub', 'a.yaml')} → ${join('sub', 'b.yaml')} → ${join('sub', 'a.yaml')}`);
    expect(error.message).not.toContain('root.yaml');
  });

  test('a missing extends file is a setup error at the extends entry', () => {
    const dir = makeDir();
    const text = `${HEADER}extends:\n  - builtin\n  - ./nope/missing.yaml\n`;
    write(dir, 'layer.yaml', text);
    const { error, findings } = setupFindings(() => compose(dir, ['layer.yaml']));
    expect(error.message).toContain(join('nope', 'missing.yaml'));
    expect(findings).toEqual([expect.objectContaining({ file: 'layer.yaml', level: 'error', ...positionOf(text, './nope/missing.yaml') })]);
    expect(findings[0]!.message).toContain('does not exist');
  });

  test(`a chain of extends more than ${MAX_EXTENDS_DEPTH} files deep is a setup error at the entry that goes too deep`, () => {
    const dir = makeDir();
    const chain = (n: number) => {
      for (let i = 0; i < n; i++) write(dir, `c${i}.yaml`, `${HEADER}extends: [${i === 0 ? 'builtin' : `c${i - 1}.yaml`}]\n`);
      return `c${n - 1}.yaml`;
    };
    expect(compose(dir, [chain(MAX_EXTENDS_DEPTH)]).safeguards).toEqual(builtin().safeguards);
    const { error, findings } = setupFindings(() => compose(dir, [chain(MAX_EXTENDS_DEPTH + 1)]));
    expect(error.message).toBe(`The catalogs extend each other more than ${MAX_EXTENDS_DEPTH} files deep (from c${MAX_EXTENDS_DEPTH}.yaml); harm follows extends at most that far.`);
    // c64 → c63 → … → c1 is 64 files; c1's entry naming c0 goes one deeper.
    expect(findings).toEqual([expect.objectContaining({ file: 'c1.yaml', rule: 'unknown-reference', line: 3, column: 11 })]);
  });

  test('a chain of 2,000 files overflows nothing: the walk keeps its own stack and stops at the limit', () => {
    const dir = makeDir();
    for (let i = 0; i < 2000; i++) write(dir, `d${i}.yaml`, `${HEADER}extends: [${i === 0 ? 'builtin' : `d${i - 1}.yaml`}]\n`);
    const { error } = setupFindings(() => compose(dir, ['d1999.yaml']));
    expect(error.message).toContain(`more than ${MAX_EXTENDS_DEPTH} files deep`);
  });

  test('a missing --catalog file is a usage error', () => {
    const dir = makeDir();
    const error = failure(() => compose(dir, ['absent.yaml']));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('absent.yaml');
  });
});

describe('layer validation', () => {
  test('an unknown key is a schema finding with a suggestion at the key, in the file that has it', () => {
    const dir = makeDir();
    const text = `${HEADER}framework:\n  dimensons:\n    - { id: environmental, name: Environmental, description: Nature. }\n`;
    write(dir, 'policy/inner.yaml', text);
    write(dir, 'policy/outer.yaml', `${HEADER}extends: [inner.yaml]\n`);
    const { findings } = setupFindings(() => compose(dir, ['policy/outer.yaml']));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        level: 'error',
        file: join('policy', 'inner.yaml'),
        ...positionOf(text, 'dimensons'),
      }),
    ]);
    expect(findings[0]!.message).toMatch(/Unknown key "dimensons"\. Did you mean "dimensions"\?/);
  });

  test('a bad enum value, an id that is not an id, and a wrong kind are findings at their values', () => {
    const dir = makeDir();
    const text = `${HEADER}safeguards:
  - id: product.flood-warnings
    burden: huge
  - id: Not An Id
`;
    write(dir, 'bad.yaml', text);
    const { findings } = setupFindings(() => compose(dir, ['bad.yaml']));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'schema', file: 'bad.yaml', ...positionOf(text, 'huge') }));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'schema', file: 'bad.yaml', ...positionOf(text, 'Not An Id') }));
    expect(findings.find((f) => f.line === positionOf(text, 'huge').line)!.message).toMatch(/low, medium, high/);

    const kindText = 'apiVersion: harm/v1\nkind: Config\n';
    write(dir, 'config-kind.yaml', kindText);
    const kind = setupFindings(() => compose(dir, ['config-kind.yaml'])).findings;
    expect(kind).toContainEqual(expect.objectContaining({ rule: 'schema', file: 'config-kind.yaml', ...positionOf(kindText, 'Config') }));
  });

  test('every broken layer is reported in one error, not just the first', () => {
    const dir = makeDir();
    write(dir, 'one.yaml', `${HEADER}framwork: {}\n`);
    write(dir, 'two.yaml', `${HEADER}safegaurds: []\n`);
    const { findings } = setupFindings(() => compose(dir, ['one.yaml', 'two.yaml']));
    expect(findings.map((f) => f.file).sort()).toEqual(['one.yaml', 'two.yaml']);
  });

  test('an id twice in one list of one layer is a duplicate-id finding at the second', () => {
    const dir = makeDir();
    const text = `${HEADER}framework:\n  dimensions:\n    - { id: water, name: Water, description: W. }\n    - { id: water, name: Water again, description: W. }\n`;
    write(dir, 'dup.yaml', text);
    const { findings } = setupFindings(() => compose(dir, ['dup.yaml']));
    expect(findings).toEqual([expect.objectContaining({ rule: 'duplicate-id', file: 'dup.yaml', ...positionOf(text, 'water', 'W. }') })]);
  });
});

describe('merged-catalog rules point at the last layer that set the value', () => {
  /** lower.yaml under upper.yaml; returns the findings and upper.yaml's text. */
  function twoLayers(lower: string, upper: string): { findings: readonly Finding[]; upper: string; lower: string } {
    const dir = makeDir();
    write(dir, 'lower.yaml', `${HEADER}${lower}`);
    write(dir, 'upper.yaml', `${HEADER}extends: [lower.yaml]\n${upper}`);
    return { ...setupFindings(() => compose(dir, ['upper.yaml'])), upper: `${HEADER}extends: [lower.yaml]\n${upper}`, lower: `${HEADER}${lower}` };
  }

  test('decreasing level values: at the value of the later layer', () => {
    const { findings, upper } = twoLayers(
      'framework: { factors: { likelihood: { levels: [{ id: unlikely, value: 0.05, description: Seldom. }] } } }\n',
      'framework:\n  factors:\n    likelihood:\n      levels:\n        - id: unlikely\n          value: 0.08\n',
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', level: 'error', file: 'upper.yaml', ...positionOf(upper, '0.08') })]);
    expect(findings[0]!.message).toMatch(/must not decrease/);
    expect(findings[0]!.message).toContain('"unlikely" (0.08)');
  });

  test('a level value set only by the lower layer is reported there', () => {
    const { findings, lower } = twoLayers(
      'framework: { factors: { scale: { levels: [{ id: group, value: 0.1 }] } } }\n',
      'framework: { factors: { scale: { levels: [{ id: group, description: A small group. }] } } }\n',
    );
    expect(findings).toEqual([expect.objectContaining({ file: 'lower.yaml', ...positionOf(lower, '0.1') })]);
  });

  test('weights.scale + weights.duration ≠ 1: at scale in the layer that set it', () => {
    const { findings, upper } = twoLayers('framework:\n  weights:\n    scale: 0.6\n    duration: 0.4\n', 'framework:\n  weights:\n    scale: 0.7\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, '0.7') })]);
    expect(findings[0]!.message).toContain('weights.scale + weights.duration must equal 1');
  });

  test('weights.attribution outside [0, 1]', () => {
    const { findings, upper } = twoLayers('', 'framework: { weights: { attribution: 1.5 } }\n');
    expect(findings).toEqual([expect.objectContaining({ file: 'upper.yaml', ...positionOf(upper, '1.5') })]);
  });

  test('band minimums not increasing: at the band minimum of the later layer', () => {
    const { findings, upper } = twoLayers('framework:\n  bands:\n    - { id: high, min: 7.5 }\n', 'framework:\n  bands:\n    - id: high\n      min: 3.5\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, '3.5') })]);
    expect(findings[0]!.message).toMatch(/Band minimums must increase; "high" \(3\.5\) is not above "medium" \(4\)/);
  });

  test('an unknown population in exclude_populations: at the id', () => {
    const { findings, upper } = twoLayers(
      'safeguards:\n  - { id: product.age-assurance, burden: medium }\n',
      'safeguards:\n  - id: product.age-assurance\n    effects:\n      exclude_populations: [childern]\n',
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'unknown-reference', file: 'upper.yaml', ...positionOf(upper, 'childern') })]);
    expect(findings[0]!.message).toBe('Unknown population "childern". Did you mean "children"?');
  });

  test('an unknown dimension in a condition: at the id, with a suggestion from the merged dimensions', () => {
    const { findings, upper } = twoLayers(
      'framework:\n  dimensions:\n    - { id: environmental, name: Environmental, description: Nature. }\n',
      `safeguards:
  - id: product.flood-warnings
    title: Flood warnings
    kind: product
    stage: design
    burden: low
    description: Warns people downstream.
    recommend_when:
      - { min_risk: medium, dimension: [economic, enviromental] }
`,
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'unknown-reference', file: 'upper.yaml', ...positionOf(upper, 'enviromental') })]);
    expect(findings[0]!.message).toBe('Unknown dimension "enviromental". Did you mean "environmental"?');
  });

  test('an unknown category in a category default-dimension list and in a condition', () => {
    const { findings, upper } = twoLayers(
      '',
      'categories:\n  - { id: privacy, dimensions: [individual_autonomy, psychologcal] }\nsafeguards:\n  - id: product.rate-limits\n    require_when:\n      - { category: fraud_scam }\n',
    );
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'unknown-reference', file: 'upper.yaml', ...positionOf(upper, 'psychologcal') }));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'unknown-reference', file: 'upper.yaml', ...positionOf(upper, 'fraud_scam') }));
    expect(findings).toHaveLength(2);
  });

  test('an empty condition {}: at the condition', () => {
    const { findings, upper } = twoLayers('', 'safeguards:\n  - id: product.rate-limits\n    recommend_when:\n      - { capability: messaging }\n      - {}\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, '{}') })]);
    expect(findings[0]!.message).toMatch(/at least one key/);
  });

  test('an empty factor condition counts as empty', () => {
    const { findings, upper } = twoLayers('', 'safeguards:\n  - id: product.rate-limits\n    recommend_when:\n      - factor: {}\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, 'factor') })]);
  });

  test('raises naming an unknown category: at the key, with a suggestion', () => {
    const { findings, upper } = twoLayers('', 'safeguards:\n  - id: product.rate-limits\n    raises:\n      over_refusl: { likelihood: 1 }\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'unknown-reference', file: 'upper.yaml', ...positionOf(upper, 'over_refusl') })]);
    expect(findings[0]!.message).toBe('Unknown category "over_refusl" in raises. Did you mean "over_refusal"?');
  });

  test.each([
    ['a step of 0', 'over_refusal: { likelihood: 0 }', '0'],
    ['a negative step', 'over_refusal: { scale: -1 }', '-1'],
    ['a fractional step', 'over_refusal: { duration: 1.5 }', '1.5'],
    ['a factor that cannot be raised', 'over_refusal: { vulnerability: 1 }', 'vulnerability'],
  ])('raises with %s: a schema finding at the value', (_name, entry, needle) => {
    const { findings, upper } = twoLayers('', `safeguards:\n  - id: product.rate-limits\n    raises:\n      ${entry}\n`);
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, needle, 'raises') })]);
  });

  test('raises naming no factor is a finding at the category', () => {
    const { findings, upper } = twoLayers('', 'safeguards:\n  - id: product.rate-limits\n    raises:\n      over_refusal: {}\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, '{}') })]);
    expect(findings[0]!.message).toContain('names no factor');
  });

  test.each([
    ['a fraction', '1.5'],
    ['a negative number', '-1'],
  ])('max_shift as %s: a schema finding at the value', (_name, value) => {
    const { findings, upper } = twoLayers('', `framework:\n  max_shift: { scale: ${value} }\n`);
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, value) })]);
  });

  test('effects_when is checked like any condition: unknown ids and empty entries', () => {
    const { findings, upper } = twoLayers('', 'safeguards:\n  - id: product.rate-limits\n    effects_when:\n      - { category: fraud_scam }\n      - {}\n');
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'unknown-reference', file: 'upper.yaml', ...positionOf(upper, 'fraud_scam') }));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, '{}') }));
    expect(findings).toHaveLength(2);
  });

  test('a layer adds to a safeguard\'s raises key by key, and replaces its effects_when whole', () => {
    const dir = makeDir();
    write(
      dir,
      'layer.yaml',
      `${HEADER}safeguards:\n  - id: detection.misuse-classifiers\n    raises:\n      over_refusal: { scale: 1 }\n      discrimination: { likelihood: 1 }\n    effects_when:\n      - { category: fraud_scams }\n`,
    );
    const classifiers = compose(dir, ['layer.yaml']).safeguards.find((s) => s.id === 'detection.misuse-classifiers')!;
    expect(classifiers.raises).toEqual({ over_refusal: { likelihood: 1, scale: 1 }, discrimination: { likelihood: 1 } });
    expect(classifiers.effects_when).toEqual([{ category: 'fraud_scams' }]);
  });

  test('a catalog written for framework version 1 still loads: the new fields are optional', () => {
    const dir = makeDir();
    const v1 = structuredClone(builtin()) as Catalog & { extends?: string[] };
    v1.extends = [];
    v1.framework.version = 1;
    delete v1.framework.max_shift;
    for (const s of v1.safeguards) {
      delete s.effects_when;
      delete s.raises;
    }
    write(dir, 'v1.yaml', stringify(v1));
    const catalog = compose(dir, ['v1.yaml']);
    expect(catalog.framework.version).toBe(1);
    expect(catalog.framework.max_shift).toBeUndefined();
    expect(catalog.safeguards.some((s) => s.raises !== undefined || s.effects_when !== undefined)).toBe(false);
  });

  test.each([
    ['a framework key that is not a lower-case slug', 'NIST_RMF: [GOVERN 1.1]', 'NIST_RMF'],
    ['an empty clause list', 'nist-ai-rmf: []', '[]'],
    ['an empty clause', 'nist-ai-rmf: ["GOVERN 1.1", " "]', '" "'],
    ['a clause that is not text', 'eu-ai-act: [9]', '9]'],
  ])('mappings with %s: a schema finding at its line and column', (_name, entry, needle) => {
    const { findings, upper } = twoLayers('', `categories:\n  - id: privacy\n    mappings:\n      ${entry}\n`);
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, needle, 'mappings') })]);
  });

  test('a layer adds a framework to a safeguard\'s mappings and keeps the others', () => {
    const dir = makeDir();
    write(dir, 'layer.yaml', `${HEADER}safeguards:\n  - id: product.rate-limits\n    mappings:\n      internal-policy: [SEC-12]\n`);
    const rateLimits = compose(dir, ['layer.yaml']).safeguards.find((s) => s.id === 'product.rate-limits')!;
    const builtinMappings = builtin().safeguards.find((s) => s.id === 'product.rate-limits')!.mappings;
    expect(rateLimits.mappings).toEqual({ ...builtinMappings, 'internal-policy': ['SEC-12'] });
  });

  test('adding or recoding a fixed level is refused', () => {
    const { findings, upper } = twoLayers('', 'framework:\n  factors:\n    likelihood:\n      levels:\n        - { id: rare, code: X }\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', file: 'upper.yaml', ...positionOf(upper, 'X') })]);
    expect(findings[0]!.message).toContain('fixed');
  });
});

describe('catalogs named by the config, then by --catalog', () => {
  function repo(): { root: string; sub: string } {
    const root = makeDir();
    mkdirSync(join(root, '.git'));
    const sub = join(root, 'services', 'api');
    mkdirSync(sub, { recursive: true });
    return { root, sub };
  }

  test('config catalogs are relative to the config file and come before --catalog ones', () => {
    const { root, sub } = repo();
    write(root, 'harm.config.yaml', 'apiVersion: harm/v1\nkind: Config\ncatalogs: [policy/org.yaml]\n');
    write(root, 'policy/org.yaml', `${HEADER}safeguards:\n  - { id: product.rate-limits, burden: high }\nframework:\n  dimensions:\n    - { id: environmental, name: Environmental, description: Nature. }\n`);
    write(sub, 'team.yaml', `${HEADER}safeguards:\n  - { id: product.rate-limits, burden: medium }\n`);
    // Discovered from a subfolder: the config's paths still resolve from the repository root.
    const withFlag = loadEffectiveCatalog({ cwd: sub, catalogs: ['team.yaml'] });
    expect(withFlag.safeguards.find((s) => s.id === 'product.rate-limits')!.burden).toBe('medium');
    expect(ids(withFlag.framework.dimensions)).toContain('environmental');
    const configOnly = loadEffectiveCatalog({ cwd: sub });
    expect(configOnly.safeguards.find((s) => s.id === 'product.rate-limits')!.burden).toBe('high');
  });

  test('an explicit --config names its catalogs relative to itself', () => {
    const dir = makeDir();
    write(dir, 'conf/harm.yaml', 'apiVersion: harm/v1\nkind: Config\ncatalogs: [builtin, ../layers/env.yaml]\n');
    write(dir, 'layers/env.yaml', `${HEADER}extends: []\nframework:\n  dimensions:\n    - { id: environmental, name: Environmental, description: Nature. }\n`);
    const catalog = loadEffectiveCatalog({ cwd: dir, config: 'conf/harm.yaml' });
    expect(ids(catalog.framework.dimensions)).toEqual([...ids(builtin().framework.dimensions), 'environmental']);
  });

  test('a file named by both the config and --catalog is merged once, at its first appearance', () => {
    const { root } = repo();
    write(root, 'harm.config.yaml', 'apiVersion: harm/v1\nkind: Config\ncatalogs: [a.yaml, b.yaml]\n');
    write(root, 'a.yaml', `${HEADER}safeguards:\n  - { id: product.rate-limits, burden: high }\n`);
    write(root, 'b.yaml', `${HEADER}safeguards:\n  - { id: product.rate-limits, burden: medium }\n`);
    expect(loadEffectiveCatalog({ cwd: root, catalogs: ['./a.yaml'] }).safeguards.find((s) => s.id === 'product.rate-limits')!.burden).toBe('medium');
  });

  test('with no catalog named anywhere, the effective catalog is builtin', () => {
    const { sub } = repo();
    expect(loadEffectiveCatalog({ cwd: sub })).toEqual(builtin());
    expect(compose(sub, [])).toEqual(builtin());
    expect(compose(sub, ['builtin'])).toEqual(builtin());
  });
});

describe('a broken catalog stops the command', () => {
  test('exit 2, each finding on stderr as file:line:column, nothing on stdout', async () => {
    const dir = makeDir();
    const text = `${HEADER}framework:\n  weights:\n    scale: 0.7\n`;
    write(dir, 'policy.yaml', text);
    const at = positionOf(text, '0.7');
    const result = await runCli(['validate', '--catalog', 'policy.yaml', join(process.cwd(), 'test/fixtures/valid/minimal.harm.yaml')], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`policy.yaml:${at.line}:${at.column}: error weights.scale + weights.duration must equal 1`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
