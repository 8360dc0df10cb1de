import type { Factors, Feature, Harm, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog, CatalogSafeguard, Condition, Effects, Framework } from '../schema/catalog.js';
import { FACTOR_LEVELS, SCORED_FACTORS, type DeclarationStatus, type ScoredFactor } from '../schema/common.js';
import type { Path } from './locator.js';
import { createIdTable, vulnerabilityOf, type IdTable, type LevelSet } from './score.js';

/** A safeguard declaration as it counts for one harm, with where it was written. */
export interface EffectiveDeclaration {
  id: string;
  status: DeclarationStatus;
  declaration: SafeguardDeclaration;
  /** Declared on the harm itself, or once for the whole feature. */
  level: 'harm' | 'feature';
  /** The declaration entry in the assessment, e.g. ['feature', 'safeguards', 0]. */
  path: Path;
}

/** A declared safeguard in effect for a harm in a state (SPEC §2.2). */
export interface AppliedSafeguard {
  id: string;
  status: DeclarationStatus;
  level: 'harm' | 'feature';
  effects: Effects;
  /**
   * The safeguard's `effects_when` when it did not match the harm: the safeguard is in
   * effect, but its effects do not address this harm's mechanism and are skipped.
   */
  skippedWhen?: readonly Condition[];
}

/** Steps a safeguard in effect somewhere in the assessment adds to this harm's category (its `raises`). */
export interface Raise {
  id: string;
  /** Positive steps by factor, in SCORED_FACTORS order. */
  steps: readonly number[];
}

/** How safeguards moved one factor: the steps down and up, each capped at max_shift, then kept within the levels. */
export interface FactorShift {
  factor: ScoredFactor;
  from: string;
  /** Sum of the steps down of the effects that apply. */
  down: number;
  /** Sum of the steps up of the raises on the harm's category. */
  up: number;
  /** The framework's max_shift for the factor. */
  cap: number;
  to: string;
  /** The level the effects alone would give: `to` differs from it when raises moved the factor. */
  withoutRaises: string;
  /** The capped sum went past the least or most severe level. */
  stopped: boolean;
}

export interface StateLevels {
  levels: LevelSet;
  /** The affected populations left after `exclude_populations`. */
  populations: string[];
  /** The populations the safeguards removed. */
  excluded: string[];
  applied: AppliedSafeguard[];
  /** What raised the harm's category in this state. */
  raises: Raise[];
  /** Every factor that a step down or up acted on. */
  shifts: FactorShift[];
  /** The safeguards whose raises moved a factor in this state, by id. */
  raisedBy: string[];
}

export interface HarmStates {
  inherent: StateLevels;
  projected: StateLevels;
  residual: StateLevels;
  declarations: EffectiveDeclaration[];
}

/** Statuses whose effects count in the projected state; the residual state counts only `implemented`. */
export const PROJECTED_STATUSES: readonly DeclarationStatus[] = ['implemented', 'in_progress', 'planned'];
export const RESIDUAL_STATUSES: readonly DeclarationStatus[] = ['implemented'];

/** The built-in framework's cap for a factor that `max_shift` leaves out. */
export const DEFAULT_MAX_SHIFT = 2;

/**
 * The declarations that count for a harm, by id. A harm-level declaration replaces a
 * feature-level one with the same id, so its status and effects count once.
 */
export function effectiveDeclarations(
  feature: Pick<Feature, 'safeguards'>,
  harm: Pick<Harm, 'safeguards'>,
  harmIndex: number,
): EffectiveDeclaration[] {
  return mergeDeclarations(prepareFeatureDeclarations(feature, undefined), harm, harmIndex).map((d) => d.declaration);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The inherent levels: the factors as written, with vulnerability derived from the populations. */
export function inherentLevels(framework: Framework, factors: Factors): LevelSet {
  return {
    likelihood: factors.likelihood,
    scale: factors.scale,
    duration: factors.duration,
    vulnerability: vulnerabilityOf(framework, factors.affected_populations),
    causality: factors.causality,
    technology_contribution: factors.technology_contribution,
    mitigation_feasibility: factors.mitigation_feasibility,
  };
}

interface FactorOrder {
  order: readonly string[];
  ranks: IdTable<number>;
}

function orderOf(levels: readonly (readonly [string, string])[]): FactorOrder {
  const order = levels.map(([id]) => id);
  return { order, ranks: createIdTable(order.map((id, i) => [id, i] as const)) };
}

/** Level ids of each scored factor in their fixed order, and each id's position, worked out once. */
const FACTOR_ORDERS: readonly FactorOrder[] = SCORED_FACTORS.map((factor) => orderOf(FACTOR_LEVELS[factor]));

/** What the engine needs of one catalog safeguard: its steps in SCORED_FACTORS order, so that states add numbers. */
export interface SafeguardInfo {
  safeguard: CatalogSafeguard;
  /** Position of the id among the catalog's ids, sorted. */
  rank: number;
  /** Steps down (positive numbers); undefined when the safeguard shifts no factor. */
  down: readonly number[] | undefined;
  exclude: readonly string[] | undefined;
  /** Category id → steps up; undefined when the safeguard raises nothing. */
  raises: ReadonlyMap<string, readonly number[]> | undefined;
}

/** The catalog's safeguards, each id once (its first entry, as a search would find it). */
export interface SafeguardIndex {
  /** Sorted by id. */
  list: readonly SafeguardInfo[];
  byId: IdTable<SafeguardInfo>;
}

function stepsOf(steps: Partial<Record<ScoredFactor, number>>, sign: 1 | -1): number[] | undefined {
  const list = SCORED_FACTORS.map((factor) => sign * (steps[factor] ?? 0));
  return list.some((x) => x !== 0) ? list : undefined;
}

function raisesOf(safeguard: CatalogSafeguard): Map<string, readonly number[]> | undefined {
  if (!safeguard.raises) return undefined;
  const raises = new Map<string, readonly number[]>();
  for (const [category, steps] of Object.entries(safeguard.raises)) {
    const list = stepsOf(steps, 1);
    if (list) raises.set(category, list);
  }
  return raises.size > 0 ? raises : undefined;
}

const safeguardIndexes = new WeakMap<Catalog, SafeguardIndex>();

export function indexSafeguards(catalog: Catalog): SafeguardIndex {
  let index = safeguardIndexes.get(catalog);
  if (!index) {
    const unique = new Map<string, CatalogSafeguard>();
    for (const safeguard of catalog.safeguards) if (!unique.has(safeguard.id)) unique.set(safeguard.id, safeguard);
    const list = [...unique.keys()].sort(compareIds).map((id, rank): SafeguardInfo => {
      const safeguard = unique.get(id)!;
      const effects = safeguard.effects ?? {};
      // Effects are written as negative steps; the engine sums their sizes.
      return { safeguard, rank, down: stepsOf(effects, -1), exclude: effects.exclude_populations, raises: raisesOf(safeguard) };
    });
    index = { list, byId: createIdTable(list.map((info) => [info.safeguard.id, info] as const)) };
    safeguardIndexes.set(catalog, index);
  }
  return index;
}

/** Whether the catalog defines a safeguard id. */
export function hasSafeguard(catalog: Catalog, id: string): boolean {
  return indexSafeguards(catalog).byId[id] !== undefined;
}

/** A declaration that counts, its catalog safeguard, and whether it is in effect in each state. */
export interface Counted {
  declaration: EffectiveDeclaration;
  /** Undefined for an id the catalog does not define: the document rules report it, and it has no effect. */
  info: SafeguardInfo | undefined;
  projected: boolean;
  residual: boolean;
}

/**
 * Whether `a` sorts after `b`. Catalog ids are ordered by their rank, which orders them
 * as comparing the ids would, without comparing characters.
 */
function sortsAfter(a: Counted, b: Counted): boolean {
  return a.info !== undefined && b.info !== undefined ? a.info.rank > b.info.rank : a.declaration.id > b.declaration.id;
}

function sameId(a: Counted, b: Counted): boolean {
  return a.info !== undefined && b.info !== undefined ? a.info === b.info : a.declaration.id === b.declaration.id;
}

/** The declarations of one list, each id once (a repeated id is a document problem; the first counts), sorted. */
function collectDeclarations(
  list: readonly SafeguardDeclaration[],
  level: 'harm' | 'feature',
  pathOf: (j: number) => Path,
  index: SafeguardIndex | undefined,
): Counted[] {
  const counted: Counted[] = [];
  const seen = new Set<string>();
  for (let j = 0; j < list.length; j++) {
    const declaration = list[j]!;
    const { id, status } = declaration;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = index?.byId[id];
    const entry: Counted = {
      declaration: { id, status, declaration, level, path: pathOf(j) },
      info,
      projected: info !== undefined && PROJECTED_STATUSES.includes(status),
      residual: info !== undefined && RESIDUAL_STATUSES.includes(status),
    };
    // An insertion sort: the lists are short.
    let i = counted.length;
    counted.push(entry);
    for (; i > 0 && sortsAfter(counted[i - 1]!, entry); i--) counted[i] = counted[i - 1]!;
    counted[i] = entry;
  }
  return counted;
}

/**
 * The feature's own declarations as every harm sees them, worked out once for all its
 * harms; they are the same objects in each harm's lists.
 */
export interface FeatureDeclarations {
  index: SafeguardIndex | undefined;
  counted: readonly Counted[];
}

export function prepareFeatureDeclarations(feature: Pick<Feature, 'safeguards'>, index: SafeguardIndex | undefined): FeatureDeclarations {
  return { index, counted: collectDeclarations(feature.safeguards ?? [], 'feature', (j) => ['feature', 'safeguards', j], index) };
}

/** A harm's declarations merged with the feature's, sorted: a harm-level declaration replaces a feature-level one. */
export function mergeDeclarations(feature: FeatureDeclarations, harm: Pick<Harm, 'safeguards'>, harmIndex: number): readonly Counted[] {
  if (!harm.safeguards || harm.safeguards.length === 0) return feature.counted;
  const own = collectDeclarations(harm.safeguards, 'harm', (j) => ['harms', harmIndex, 'safeguards', j], feature.index);
  const shared = feature.counted;
  const merged: Counted[] = [];
  let i = 0;
  let k = 0;
  while (i < own.length && k < shared.length) {
    const a = own[i]!;
    const b = shared[k]!;
    if (sameId(a, b)) {
      merged.push(a);
      i++;
      k++;
    } else if (sortsAfter(a, b)) {
      merged.push(b);
      k++;
    } else {
      merged.push(a);
      i++;
    }
  }
  while (i < own.length) merged.push(own[i++]!);
  while (k < shared.length) merged.push(shared[k++]!);
  return merged;
}

/** The raises on one category in one state: their summed steps and who contributed them. */
export interface CategoryRaises {
  totals: readonly number[];
  raises: readonly Raise[];
}

/** Category id → the raises on it, for the projected and the residual state. */
export interface AssessmentRaises {
  projected: ReadonlyMap<string, CategoryRaises>;
  residual: ReadonlyMap<string, CategoryRaises>;
  /** The safeguards with `raises` in effect in the projected state, in id order (for unassessed-tradeoff). */
  projectedRaisers: readonly SafeguardInfo[];
}

/**
 * The raises of the safeguards in effect, in each state, for at least one harm of the
 * assessment; each safeguard id counts once however many harms it is in effect for.
 */
export function collectRaises(perHarm: readonly (readonly Counted[])[]): AssessmentRaises {
  const projected = new Map<number, SafeguardInfo>();
  const residual = new Map<number, SafeguardInfo>();
  for (const counted of perHarm) {
    for (const entry of counted) {
      const info = entry.info;
      if (info?.raises === undefined) continue;
      if (entry.projected) projected.set(info.rank, info);
      if (entry.residual) residual.set(info.rank, info);
    }
  }
  const byRank = (infos: Map<number, SafeguardInfo>) => [...infos.values()].sort((a, b) => a.rank - b.rank);
  const projectedRaisers = byRank(projected);
  return { projected: tabulateRaises(projectedRaisers), residual: tabulateRaises(byRank(residual)), projectedRaisers };
}

function tabulateRaises(infos: readonly SafeguardInfo[]): Map<string, CategoryRaises> {
  const table = new Map<string, { totals: number[]; raises: Raise[] }>();
  for (const info of infos) {
    for (const [category, steps] of info.raises!) {
      let entry = table.get(category);
      if (!entry) table.set(category, (entry = { totals: SCORED_FACTORS.map(() => 0), raises: [] }));
      for (let k = 0; k < steps.length; k++) entry.totals[k]! += steps[k]!;
      entry.raises.push({ id: info.safeguard.id, steps });
    }
  }
  return table;
}

/** The framework's max_shift for each scored factor, in SCORED_FACTORS order. */
function capsOf(framework: Framework): readonly number[] {
  return SCORED_FACTORS.map((factor) => framework.max_shift?.[factor] ?? DEFAULT_MAX_SHIFT);
}

const NO_RAISES: CategoryRaises = { totals: SCORED_FACTORS.map(() => 0), raises: [] };

/**
 * The levels of one state: each factor moves down by the capped sum of the effects that
 * apply and up by the capped sum of the raises, and stays within its levels; populations
 * that applying effects exclude are removed.
 */
function settleState(input: {
  framework: Framework;
  inherent: LevelSet;
  populations: readonly string[];
  counted: readonly Counted[];
  state: 'projected' | 'residual';
  skippedWhen: (info: SafeguardInfo) => readonly Condition[] | undefined;
  raised: CategoryRaises;
}): StateLevels {
  const { framework, inherent, populations, counted, state, skippedWhen, raised } = input;
  const applied: AppliedSafeguard[] = [];
  const down = SCORED_FACTORS.map(() => 0);
  let excludedIds: Set<string> | undefined;
  for (const entry of counted) {
    const info = entry.info;
    if (info === undefined || !entry[state]) continue;
    const { id, status, level } = entry.declaration;
    const skipped = skippedWhen(info);
    const safeguard: AppliedSafeguard = { id, status, level, effects: info.safeguard.effects ?? {} };
    applied.push(safeguard);
    if (skipped !== undefined) {
      safeguard.skippedWhen = skipped;
      continue;
    }
    if (info.down) for (let k = 0; k < down.length; k++) down[k]! += info.down[k]!;
    if (info.exclude) for (const p of info.exclude) (excludedIds ??= new Set()).add(p);
  }

  const caps = capsOf(framework);
  const levels: LevelSet = { ...inherent };
  const shifts: FactorShift[] = [];
  const movedByRaises: boolean[] = [];
  for (let k = 0; k < SCORED_FACTORS.length; k++) {
    const factorDown = down[k]!;
    const factorUp = raised.totals[k]!;
    if (factorDown === 0 && factorUp === 0) continue;
    const factor = SCORED_FACTORS[k]!;
    const { order, ranks } = FACTOR_ORDERS[k]!;
    const cap = caps[k]!;
    const from = inherent[factor];
    const start = ranks[from] ?? 0;
    const wanted = start - Math.min(factorDown, cap) + Math.min(factorUp, cap);
    const top = order.length - 1;
    const to = order[Math.min(top, Math.max(0, wanted))]!;
    const withoutRaises = order[Math.max(0, start - Math.min(factorDown, cap))]!;
    (levels as unknown as Record<ScoredFactor, string>)[factor] = to;
    shifts.push({ factor, from, down: factorDown, up: factorUp, cap, to, withoutRaises, stopped: wanted < 0 || wanted > top });
    movedByRaises[k] = to !== withoutRaises;
  }
  const raisedBy = raised.raises.filter((r) => r.steps.some((step, k) => step > 0 && movedByRaises[k] === true)).map((r) => r.id);

  let remaining: string[];
  let excluded: string[];
  if (excludedIds === undefined) {
    remaining = populations.slice();
    excluded = [];
  } else {
    remaining = [];
    excluded = [];
    for (const p of populations) (excludedIds.has(p) ? excluded : remaining).push(p);
  }
  if (excluded.length > 0) levels.vulnerability = vulnerabilityOf(framework, remaining);
  return { levels, populations: remaining, excluded, applied, raises: [...raised.raises], shifts, raisedBy };
}

/**
 * The inherent, projected and residual levels of one harm (SPEC §2.2), from the
 * declarations that count for it, whether each safeguard's `effects_when` matches it
 * (`skippedWhen` gives the conditions that did not), and the raises of the assessment.
 */
export function settleHarmStates(input: {
  framework: Framework;
  harm: Pick<Harm, 'category' | 'factors'>;
  inherent: LevelSet;
  counted: readonly Counted[];
  skippedWhen: (info: SafeguardInfo) => readonly Condition[] | undefined;
  raises: AssessmentRaises;
}): HarmStates {
  const { framework, harm, inherent, counted, skippedWhen, raises } = input;
  const populations = [...harm.factors.affected_populations];
  const common = { framework, inherent, populations, counted, skippedWhen };
  return {
    inherent: { levels: inherent, populations, excluded: [], applied: [], raises: [], shifts: [], raisedBy: [] },
    projected: settleState({ ...common, state: 'projected', raised: raises.projected.get(harm.category) ?? NO_RAISES }),
    residual: settleState({ ...common, state: 'residual', raised: raises.residual.get(harm.category) ?? NO_RAISES }),
    declarations: counted.map((entry) => entry.declaration),
  };
}
