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
  return collectDeclarations(feature, harm, harmIndex).declarations;
}

/**
 * effectiveDeclarations, and with a catalog index also each declaration's catalog
 * entry. Known ids are ordered by their position in the id-sorted catalog, which
 * orders them as comparing the ids would, without comparing strings.
 */
function collectDeclarations(
  feature: Pick<Feature, 'safeguards'>,
  harm: Pick<Harm, 'safeguards'>,
  harmIndex: number,
  index?: EffectsIndex,
): { declarations: EffectiveDeclaration[]; known: (SafeguardEffects | undefined)[] } {
  const declarations: EffectiveDeclaration[] = [];
  const known: (SafeguardEffects | undefined)[] = [];
  let seenUnknown: Set<string> | undefined;
  let seenKnown: Uint8Array | undefined;
  // An insertion sort: the lists are short, and this runs once per harm.
  const add = (entry: EffectiveDeclaration, found: SafeguardEffects | undefined) => {
    let i = declarations.length;
    declarations.push(entry);
    known.push(found);
    for (; i > 0; i--) {
      const before = known[i - 1];
      const after = found && before ? before.rank > found.rank : declarations[i - 1]!.id > entry.id;
      if (!after) break;
      declarations[i] = declarations[i - 1]!;
      known[i] = before;
    }
    declarations[i] = entry;
    known[i] = found;
  };
  // A repeated id is a document problem; the first declaration is the one that counts.
  const isNew = (id: string, found: SafeguardEffects | undefined): boolean => {
    if (found) {
      seenKnown ??= new Uint8Array(index!.size);
      if (seenKnown[found.rank] === 1) return false;
      seenKnown[found.rank] = 1;
      return true;
    }
    seenUnknown ??= new Set();
    if (seenUnknown.has(id)) return false;
    seenUnknown.add(id);
    return true;
  };
  const harmList = harm.safeguards ?? [];
  for (let j = 0; j < harmList.length; j++) {
    const declaration = harmList[j]!;
    const found = index?.byId[declaration.id];
    if (!isNew(declaration.id, found)) continue;
    add({ id: declaration.id, status: declaration.status, declaration, level: 'harm', path: ['harms', harmIndex, 'safeguards', j] }, found);
  }
  const featureList = feature.safeguards ?? [];
  for (let j = 0; j < featureList.length; j++) {
    const declaration = featureList[j]!;
    const found = index?.byId[declaration.id];
    if (!isNew(declaration.id, found)) continue;
    add({ id: declaration.id, status: declaration.status, declaration, level: 'feature', path: ['feature', 'safeguards', j] }, found);
  }
  return { declarations, known };
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

/** A catalog safeguard with its effects as shifts in SCORED_FACTORS order, so that states add numbers. */
interface SafeguardEffects {
  safeguard: CatalogSafeguard;
  /** Position of the id among the catalog's ids sorted. */
  rank: number;
  /** Undefined when the safeguard shifts no factor. */
  shifts: readonly number[] | undefined;
  exclude: readonly string[] | undefined;
}

function shiftsOf(effects: Effects): number[] {
  return SCORED_FACTORS.map((factor) => effects[factor] ?? 0);
}

/**
 * The levels after the summed shifts and the removed populations. Shifts add up in
 * the order the safeguards are listed, so totals are the same however they were summed.
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

/** Applies the effects of the given safeguards to the inherent levels (SPEC §2.2). */
export function applyEffects(
  framework: Framework,
  inherent: LevelSet,
  populations: readonly string[],
  safeguards: readonly AppliedSafeguard[],
): StateLevels {
  const totals = SCORED_FACTORS.map(() => 0);
  let excludedIds: Set<string> | undefined;
  for (const s of safeguards) excludedIds = addEffects(totals, shiftsOf(s.effects), s.effects.exclude_populations, excludedIds);
  return settleState(framework, inherent, populations, safeguards.slice(), totals, excludedIds);
}

interface EffectsIndex {
  byId: IdTable<SafeguardEffects>;
  /** How many distinct ids the catalog defines. */
  size: number;
}

const effectIndexes = new WeakMap<Catalog, EffectsIndex>();

/** The catalog's safeguards by id with their effects as shifts (the first of a repeated id counts, as a search would find it). */
function indexEffects(catalog: Catalog): EffectsIndex {
  let index = effectIndexes.get(catalog);
  if (!index) {
    const unique = new Map<string, CatalogSafeguard>();
    for (const safeguard of catalog.safeguards) if (!unique.has(safeguard.id)) unique.set(safeguard.id, safeguard);
    const ids = [...unique.keys()].sort(compareIds);
    const byId = createIdTable(
      ids.map((id, rank) => {
        const safeguard = unique.get(id)!;
        const effects = safeguard.effects ?? {};
        const shifts = shiftsOf(effects);
        return [id, { safeguard, rank, shifts: shifts.some((x) => x !== 0) ? shifts : undefined, exclude: effects.exclude_populations }] as const;
      }),
    );
    effectIndexes.set(catalog, (index = { byId, size: ids.length }));
  }
  return index;
}

/** Whether the catalog defines a safeguard id. */
export function hasSafeguard(catalog: Catalog, id: string): boolean {
  return indexEffects(catalog).byId[id] !== undefined;
}

/** The inherent, projected and residual levels of one harm, from its declarations and the feature's. */
export function computeHarmStates(input: { catalog: Catalog; feature: Pick<Feature, 'safeguards'>; harm: Harm; harmIndex: number }): HarmStates {
  const { catalog, feature, harm, harmIndex } = input;
  const framework = catalog.framework;
  const { declarations, known } = collectDeclarations(feature, harm, harmIndex, indexEffects(catalog));
  const inherent = inherentLevels(framework, harm.factors);
  const populations = [...harm.factors.affected_populations];
  const projected: AppliedSafeguard[] = [];
  const residual: AppliedSafeguard[] = [];
  const projectedTotals = [0, 0, 0, 0, 0];
  const residualTotals = [0, 0, 0, 0, 0];
  let projectedExcluded: Set<string> | undefined;
  let residualExcluded: Set<string> | undefined;
  for (let i = 0; i < declarations.length; i++) {
    const d = declarations[i]!;
    const inProjected = PROJECTED_STATUSES.includes(d.status);
    const inResidual = RESIDUAL_STATUSES.includes(d.status);
    if (!inProjected && !inResidual) continue;
    // Unknown safeguard ids are reported by the document rules; here they have no effect.
    const found = known[i];
    if (!found) continue;
    const { safeguard, shifts, exclude } = found;
    if (inProjected) {
      projected.push({ id: d.id, status: d.status, level: d.level, effects: safeguard.effects ?? {} });
      projectedExcluded = addEffects(projectedTotals, shifts, exclude, projectedExcluded);
    }
    if (inResidual) {
      residual.push({ id: d.id, status: d.status, level: d.level, effects: safeguard.effects ?? {} });
      residualExcluded = addEffects(residualTotals, shifts, exclude, residualExcluded);
    }
  }
  return {
    inherent: { levels: inherent, populations, excluded: [], applied: [], shifts: [] },
    projected: settleState(framework, inherent, populations, projected, projectedTotals, projectedExcluded),
    residual: settleState(framework, inherent, populations, residual, residualTotals, residualExcluded),
    declarations,
  };
}
