import type { Factors, Feature, Harm, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog, CatalogSafeguard, Effects, Framework } from '../schema/catalog.js';
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

/** A declared safeguard whose effects count in a state. */
export interface AppliedSafeguard {
  id: string;
  status: DeclarationStatus;
  level: 'harm' | 'feature';
  effects: Effects;
}

/** How the declared safeguards moved one factor: the sum of their shifts, stopped at the least severe level. */
export interface FactorShift {
  factor: ScoredFactor;
  from: string;
  /** The sum of the shifts (negative). */
  total: number;
  to: string;
  /** The sum would have gone below the least severe level. */
  stopped: boolean;
}

export interface StateLevels {
  levels: LevelSet;
  /** The affected populations left after `exclude_populations`. */
  populations: string[];
  /** The populations the safeguards removed. */
  excluded: string[];
  applied: AppliedSafeguard[];
  shifts: FactorShift[];
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
const FACTOR_ORDERS: Record<ScoredFactor, FactorOrder> = {
  likelihood: orderOf(FACTOR_LEVELS.likelihood),
  scale: orderOf(FACTOR_LEVELS.scale),
  duration: orderOf(FACTOR_LEVELS.duration),
  causality: orderOf(FACTOR_LEVELS.causality),
  technology_contribution: orderOf(FACTOR_LEVELS.technology_contribution),
};

/** What the engine needs of one catalog safeguard: its effects as shifts in SCORED_FACTORS order, so that states add numbers. */
export interface SafeguardInfo {
  safeguard: CatalogSafeguard;
  /** Position of the id among the catalog's ids, sorted. */
  rank: number;
  /** Undefined when the safeguard shifts no factor. */
  shifts: readonly number[] | undefined;
  exclude: readonly string[] | undefined;
}

/** The catalog's safeguards, each id once (its first entry, as a search would find it). */
export interface SafeguardIndex {
  /** Sorted by id. */
  list: readonly SafeguardInfo[];
  byId: IdTable<SafeguardInfo>;
}

function shiftsOf(effects: Effects): number[] {
  return SCORED_FACTORS.map((factor) => effects[factor] ?? 0);
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
      const shifts = shiftsOf(effects);
      return { safeguard, rank, shifts: shifts.some((x) => x !== 0) ? shifts : undefined, exclude: effects.exclude_populations };
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

/** A declaration that counts, its catalog safeguard, and how it counts in the two states. */
export interface Counted {
  declaration: EffectiveDeclaration;
  /** Undefined for an id the catalog does not define: the document rules report it, and it has no effect. */
  info: SafeguardInfo | undefined;
  projected: AppliedSafeguard | undefined;
  residual: AppliedSafeguard | undefined;
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
  let seenIds: Set<string> | undefined;
  let seenRanks: boolean[] | undefined;
  for (let j = 0; j < list.length; j++) {
    const declaration = list[j]!;
    const { id, status } = declaration;
    const info = index?.byId[id];
    if (info !== undefined) {
      seenRanks ??= [];
      if (seenRanks[info.rank] === true) continue;
      seenRanks[info.rank] = true;
    } else {
      seenIds ??= new Set();
      if (seenIds.has(id)) continue;
      seenIds.add(id);
    }
    const entry: Counted = {
      declaration: { id, status, declaration, level, path: pathOf(j) },
      info,
      projected: undefined,
      residual: undefined,
    };
    if (info !== undefined) {
      const effects = info.safeguard.effects;
      if (PROJECTED_STATUSES.includes(status)) entry.projected = { id, status, level, effects: effects ?? {} };
      if (RESIDUAL_STATUSES.includes(status)) entry.residual = { id, status, level, effects: effects ?? {} };
    }
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
function mergeDeclarations(feature: FeatureDeclarations, harm: Pick<Harm, 'safeguards'>, harmIndex: number): readonly Counted[] {
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

/**
 * The levels after the summed shifts and the removed populations. Shifts add up in
 * the order the safeguards are listed.
 */
function settleState(
  framework: Framework,
  inherent: LevelSet,
  populations: readonly string[],
  applied: AppliedSafeguard[],
  totals: readonly number[],
  excludedIds: ReadonlySet<string> | undefined,
): StateLevels {
  const levels: LevelSet = { ...inherent };
  const shifts: FactorShift[] = [];
  for (let k = 0; k < SCORED_FACTORS.length; k++) {
    const total = totals[k]!;
    if (total === 0) continue;
    const factor = SCORED_FACTORS[k]!;
    const { order, ranks } = FACTOR_ORDERS[factor];
    const from = inherent[factor];
    const wanted = (ranks[from] ?? -1) + total;
    const to = order[Math.max(0, wanted)]!;
    (levels as unknown as Record<ScoredFactor, string>)[factor] = to;
    shifts.push({ factor, from, total, to, stopped: wanted < 0 });
  }
  let remaining: string[];
  let excluded: string[];
  if (excludedIds === undefined || excludedIds.size === 0) {
    remaining = populations.slice();
    excluded = [];
  } else {
    remaining = [];
    excluded = [];
    for (const p of populations) (excludedIds.has(p) ? excluded : remaining).push(p);
  }
  if (excluded.length > 0) levels.vulnerability = vulnerabilityOf(framework, remaining);
  return { levels, populations: remaining, excluded, applied, shifts };
}

/** Adds one safeguard's effects to a state's running totals and removed populations. */
function addEffects(
  totals: number[],
  shifts: readonly number[] | undefined,
  exclude: readonly string[] | undefined,
  excludedIds: Set<string> | undefined,
): Set<string> | undefined {
  if (shifts !== undefined) for (let k = 0; k < totals.length; k++) totals[k]! += shifts[k]!;
  if (exclude === undefined) return excludedIds;
  const ids = excludedIds ?? new Set<string>();
  for (const id of exclude) ids.add(id);
  return ids;
}

/** The inherent, projected and residual levels of one harm, from its declarations and the feature's. */
export function computeHarmStates(input: { catalog: Catalog; feature: Pick<Feature, 'safeguards'>; harm: Harm; harmIndex: number }): HarmStates {
  const { catalog, feature, harm, harmIndex } = input;
  return computeStatesWith(catalog.framework, prepareFeatureDeclarations(feature, indexSafeguards(catalog)), harm, harmIndex).states;
}

/**
 * computeHarmStates with the feature's declarations prepared once for all its harms; also
 * each declaration of a catalog safeguard by the safeguard's rank.
 */
export function computeStatesWith(
  framework: Framework,
  feature: FeatureDeclarations,
  harm: Harm,
  harmIndex: number,
): { states: HarmStates; byRank: (EffectiveDeclaration | undefined)[] } {
  const counted = mergeDeclarations(feature, harm, harmIndex);
  const inherent = inherentLevels(framework, harm.factors);
  const populations = [...harm.factors.affected_populations];
  const declarations = new Array<EffectiveDeclaration>(counted.length);
  const byRank: (EffectiveDeclaration | undefined)[] = [];
  const projected: AppliedSafeguard[] = [];
  const residual: AppliedSafeguard[] = [];
  const projectedTotals = [0, 0, 0, 0, 0];
  const residualTotals = [0, 0, 0, 0, 0];
  let projectedExcluded: Set<string> | undefined;
  let residualExcluded: Set<string> | undefined;
  for (let i = 0; i < counted.length; i++) {
    const entry = counted[i]!;
    declarations[i] = entry.declaration;
    const info = entry.info;
    if (info === undefined) continue;
    byRank[info.rank] = entry.declaration;
    if (entry.projected !== undefined) {
      projected.push(entry.projected);
      projectedExcluded = addEffects(projectedTotals, info.shifts, info.exclude, projectedExcluded);
    }
    if (entry.residual !== undefined) {
      residual.push(entry.residual);
      residualExcluded = addEffects(residualTotals, info.shifts, info.exclude, residualExcluded);
    }
  }
  return {
    states: {
      inherent: { levels: inherent, populations, excluded: [], applied: [], shifts: [] },
      projected: settleState(framework, inherent, populations, projected, projectedTotals, projectedExcluded),
      residual: settleState(framework, inherent, populations, residual, residualTotals, residualExcluded),
      declarations,
    },
    byRank,
  };
}
