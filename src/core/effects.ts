import type { Factors, Feature, Harm, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog, CatalogSafeguard, Effects, Framework } from '../schema/catalog.js';
import { FACTOR_LEVELS, SCORED_FACTORS, type DeclarationStatus, type ScoredFactor } from '../schema/common.js';
import type { Path } from './locator.js';
import { vulnerabilityOf, type LevelSet } from './score.js';

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
  const byId = new Map<string, EffectiveDeclaration>();
  (harm.safeguards ?? []).forEach((declaration, j) => {
    // A repeated id is a document problem; the first declaration is the one that counts.
    if (!byId.has(declaration.id)) {
      byId.set(declaration.id, { id: declaration.id, status: declaration.status, declaration, level: 'harm', path: ['harms', harmIndex, 'safeguards', j] });
    }
  });
  (feature.safeguards ?? []).forEach((declaration, j) => {
    if (!byId.has(declaration.id)) {
      byId.set(declaration.id, { id: declaration.id, status: declaration.status, declaration, level: 'feature', path: ['feature', 'safeguards', j] });
    }
  });
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
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

/** Level ids of each scored factor in their fixed order, and each id's position. */
const FACTOR_ORDERS = Object.fromEntries(
  SCORED_FACTORS.map((factor) => {
    const order = FACTOR_LEVELS[factor].map(([id]) => id as string);
    const ranks = new Map<string, number>();
    order.forEach((id, i) => {
      if (!ranks.has(id)) ranks.set(id, i);
    });
    return [factor, { order, ranks }];
  }),
) as Record<ScoredFactor, { order: readonly string[]; ranks: ReadonlyMap<string, number> }>;

/** Applies the effects of the given safeguards to the inherent levels (SPEC §2.2). */
export function applyEffects(
  framework: Framework,
  inherent: LevelSet,
  populations: readonly string[],
  safeguards: readonly AppliedSafeguard[],
): StateLevels {
  const levels: LevelSet = { ...inherent };
  const shifts: FactorShift[] = [];
  for (const factor of SCORED_FACTORS) {
    let total = 0;
    for (const s of safeguards) total += s.effects[factor] ?? 0;
    if (total === 0) continue;
    const { order, ranks } = FACTOR_ORDERS[factor];
    const from = inherent[factor];
    const wanted = (ranks.get(from) ?? -1) + total;
    const to = order[Math.max(0, wanted)]!;
    (levels as unknown as Record<ScoredFactor, string>)[factor] = to;
    shifts.push({ factor, from, total, to, stopped: wanted < 0 });
  }
  let excludedIds: Set<string> | undefined;
  for (const s of safeguards) {
    const ids = s.effects.exclude_populations;
    if (ids === undefined) continue;
    excludedIds ??= new Set();
    for (const id of ids) excludedIds.add(id);
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
  return { levels, populations: remaining, excluded, applied: safeguards.slice(), shifts };
}

const safeguardIndexes = new WeakMap<Catalog, ReadonlyMap<string, CatalogSafeguard>>();

/** The catalog's safeguards by id (the first of a repeated id counts, as a search would find it). */
export function safeguardsById(catalog: Catalog): ReadonlyMap<string, CatalogSafeguard> {
  let byId = safeguardIndexes.get(catalog);
  if (!byId) {
    const map = new Map<string, CatalogSafeguard>();
    for (const safeguard of catalog.safeguards) if (!map.has(safeguard.id)) map.set(safeguard.id, safeguard);
    safeguardIndexes.set(catalog, (byId = map));
  }
  return byId;
}

/** The inherent, projected and residual levels of one harm, from its declarations and the feature's. */
export function computeHarmStates(input: { catalog: Catalog; feature: Pick<Feature, 'safeguards'>; harm: Harm; harmIndex: number }): HarmStates {
  const { catalog, feature, harm, harmIndex } = input;
  const framework = catalog.framework;
  const declarations = effectiveDeclarations(feature, harm, harmIndex);
  const inherent = inherentLevels(framework, harm.factors);
  const populations = [...harm.factors.affected_populations];
  const byId = safeguardsById(catalog);
  const projected: AppliedSafeguard[] = [];
  const residual: AppliedSafeguard[] = [];
  for (const d of declarations) {
    const inProjected = PROJECTED_STATUSES.includes(d.status);
    const inResidual = RESIDUAL_STATUSES.includes(d.status);
    if (!inProjected && !inResidual) continue;
    // Unknown safeguard ids are reported by the document rules; here they have no effect.
    const safeguard = byId.get(d.id);
    if (!safeguard) continue;
    if (inProjected) projected.push({ id: d.id, status: d.status, level: d.level, effects: safeguard.effects ?? {} });
    if (inResidual) residual.push({ id: d.id, status: d.status, level: d.level, effects: safeguard.effects ?? {} });
  }
  return {
    inherent: { levels: inherent, populations, excluded: [], applied: [], shifts: [] },
    projected: applyEffects(framework, inherent, populations, projected),
    residual: applyEffects(framework, inherent, populations, residual),
    declarations,
  };
}
