import { BAND_IDS, FACTOR_LEVELS, VULNERABILITY_LEVELS } from '../schema/common.js';
import { catalogSchema, type Catalog, type Condition } from '../schema/catalog.js';
import type { Finding } from '../schema/output.js';
import type { RuleId } from '../schema/rules.js';
import type { MergedCatalog, Origin } from './catalog-merge.js';
import { didYouMean } from './did-you-mean.js';
import { FindingSink, type Anchor } from './findings.js';
import { nowhere, type Path } from './locator.js';
import { reportSchemaIssues } from './schema-findings.js';

/** A sink whose findings land in whichever layer last set the value they concern. */
class MergedSink extends FindingSink {
  // Every finding is placed through `merged`: no file or locator of its own is ever used.
  constructor(private readonly merged: MergedCatalog) {
    super('', nowhere);
  }
  override at(rule: RuleId, path: Path, message: string, opts: { anchor?: Anchor } = {}): void {
    this.push(rule, this.merged.originOf(path, opts.anchor), message);
  }
  /** A problem between two values belongs to the one set last: that layer's change caused it. */
  atLatest(rule: RuleId, path: Path, other: Path, message: string): void {
    const here = this.merged.originOf(path);
    const there = this.merged.originOf(other);
    this.push(rule, there.layer > here.layer ? there : here, message);
  }
  private push(rule: RuleId, origin: Origin, message: string): void {
    this.findings.push({ rule, level: 'error', message, file: origin.file, line: origin.position.line, column: origin.position.column });
  }
}

const EPSILON = 1e-9;

/**
 * Validates the merged catalog: the full schema, then the rules of SPEC §1.2
 * that a schema cannot say. Findings point into the layer that set the value.
 */
export function validateMergedCatalog(merged: MergedCatalog): { catalog?: Catalog; findings: Finding[] } {
  const sink = new MergedSink(merged);
  const parsed = catalogSchema().safeParse(merged.value);
  if (!parsed.success) {
    reportSchemaIssues(parsed.error.issues, merged.value, catalogSchema(), sink);
    return { findings: sink.findings };
  }
  const catalog = parsed.data;
  checkCatalogRules(catalog, (path, message, rule = 'schema', other, anchor) =>
    other ? sink.atLatest(rule, path, other, message) : sink.at(rule, path, message, anchor ? { anchor } : {}),
  );
  return sink.findings.length > 0 ? { findings: sink.findings } : { catalog, findings: [] };
}

/** `other`: a second value the problem involves; the finding goes to whichever was set last. */
type Report = (path: Path, message: string, rule?: RuleId, other?: Path, anchor?: Anchor) => void;

function checkLevels(path: Path, levels: readonly { id: string; code?: string; value?: number }[], fixed: readonly (readonly [string, string])[], report: Report): void {
  const ids = levels.map((l) => l.id);
  const expected = fixed.map(([id]) => id);
  if (ids.join() !== expected.join()) {
    report(path, `The levels must be exactly ${expected.join(', ')}, in that order (levels cannot be added, removed or reordered); found ${ids.join(', ')}.`);
    return;
  }
  levels.forEach((level, i) => {
    const code = fixed[i]![1];
    if (level.code !== code) report([...path, i, 'code'], `The code of level "${level.id}" is fixed as "${code}".`);
    // The full schema gives each scored level a value, and the levels of mitigation feasibility none.
    const value = level.value;
    if (value === undefined) return;
    if (value < 0 || value > 1) report([...path, i, 'value'], `Level values must lie in [0, 1]; "${level.id}" has ${value}.`);
    else {
      const prev = levels[i - 1]?.value;
      if (prev !== undefined && value < prev) {
        report([...path, i, 'value'], `Level values must not decrease from least to most severe; "${level.id}" (${value}) is below "${levels[i - 1]!.id}" (${prev}).`, 'schema', [...path, i - 1, 'value']);
      }
    }
  });
}

export function checkCatalogRules(catalog: Catalog, report: Report): void {
  const fw = catalog.framework;
  for (const [factor, fixed] of Object.entries(FACTOR_LEVELS)) {
    const levels = fw.factors[factor as keyof typeof fw.factors].levels;
    checkLevels(['framework', 'factors', factor, 'levels'], levels, fixed, report);
  }
  checkLevels(['framework', 'vulnerability', 'levels'], fw.vulnerability.levels, VULNERABILITY_LEVELS, report);

  const w = fw.weights;
  if (Math.abs(w.scale + w.duration - 1) > EPSILON) report(['framework', 'weights', 'scale'], `weights.scale + weights.duration must equal 1; they add up to ${w.scale + w.duration}.`, 'schema', ['framework', 'weights', 'duration']);
  for (const key of ['attribution', 'likelihood'] as const) {
    if (w[key] < 0 || w[key] > 1) report(['framework', 'weights', key], `weights.${key} must lie in [0, 1]; it is ${w[key]}.`);
  }
  const bandIds = fw.bands.map((b) => b.id);
  if (bandIds.join() !== BAND_IDS.join()) report(['framework', 'bands'], `The bands must be exactly ${BAND_IDS.join(', ')}, in that order; found ${bandIds.join(', ')}.`);
  fw.bands.forEach((band, i) => {
    const prev = fw.bands[i - 1];
    if (band.min < 0 || band.min > 10) report(['framework', 'bands', i, 'min'], `Band minimums must lie in [0, 10]; "${band.id}" has ${band.min}.`);
    if (prev && band.min <= prev.min) {
      report(['framework', 'bands', i, 'min'], `Band minimums must increase; "${band.id}" (${band.min}) is not above "${prev.id}" (${prev.min}).`, 'schema', ['framework', 'bands', i - 1, 'min']);
    }
  });

  const dimensions = new Set(fw.dimensions.map((d) => d.id));
  const populations = new Set(fw.populations.map((p) => p.id));
  const categories = new Set(catalog.categories.map((c) => c.id));
  const checkDuplicates = (path: Path, list: readonly { id: string }[]) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.id)) report([...path, i, 'id'], `The id "${e.id}" is defined twice.`, 'duplicate-id');
      seen.add(e.id);
    });
  };
  checkDuplicates(['framework', 'dimensions'], fw.dimensions);
  checkDuplicates(['framework', 'populations'], fw.populations);
  checkDuplicates(['categories'], catalog.categories);
  checkDuplicates(['safeguards'], catalog.safeguards);
  if (fw.dimensions.length === 0) report(['framework', 'dimensions'], 'The catalog needs at least one dimension.');

  const checkRef = (path: Path, id: string, known: Set<string>, what: string) => {
    if (!known.has(id)) report(path, `Unknown ${what} "${id}".${didYouMean(id, known)}`, 'unknown-reference');
  };
  const checkRefs = (path: Path, value: string | string[] | undefined, known: Set<string>, what: string) => {
    if (value === undefined) return;
    if (Array.isArray(value)) value.forEach((id, i) => checkRef([...path, i], id, known, what));
    else checkRef(path, value, known, what);
  };
  catalog.categories.forEach((category, i) => checkRefs(['categories', i, 'dimensions'], category.dimensions, dimensions, 'dimension'));
  catalog.safeguards.forEach((safeguard, i) => {
    const base: Path = ['safeguards', i];
    safeguard.effects?.exclude_populations?.forEach((id, j) => checkRef([...base, 'effects', 'exclude_populations', j], id, populations, 'population'));
    for (const category of Object.keys(safeguard.raises ?? {})) {
      const at: Path = [...base, 'raises', category];
      if (!categories.has(category)) report(at, `Unknown category "${category}" in raises.${didYouMean(category, categories)}`, 'unknown-reference', undefined, 'key');
      else if (Object.keys(safeguard.raises![category]!).length === 0) report(at, `raises.${category} names no factor; give at least one positive step, e.g. { likelihood: 1 }.`);
    }
    for (const key of ['recommend_when', 'require_when', 'effects_when'] as const) {
      safeguard[key]?.forEach((condition: Condition, j) => {
        const at: Path = [...base, key, j];
        if (Object.keys(condition).length === 0 || (condition.factor && Object.keys(condition.factor).length === 0)) report(at, 'A condition must have at least one key; an empty one would match every harm.');
        checkRefs([...at, 'dimension'], condition.dimension, dimensions, 'dimension');
        checkRefs([...at, 'category'], condition.category, categories, 'category');
        checkRefs([...at, 'population'], condition.population, populations, 'population');
      });
    }
  });
}
