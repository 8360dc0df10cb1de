import type { Feature, Harm, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog, CatalogSafeguard } from '../schema/catalog.js';
import { SCORED_FACTORS, type DeclarationStatus, type ScoredFactor } from '../schema/common.js';
import type { Path } from './locator.js';
import { createIdTable, type IdTable } from './score.js';

/*
 * The safeguards an assessment declares, as they count for each harm (SPEC §2.2, §3.3):
 * a harm-level declaration replaces a feature-level one of the same id, and each id
 * counts once. The catalog's safeguards are indexed once, with their steps as numbers.
 */

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
  /** Whether the status puts the safeguard in effect in the projected state (with `info`, when the catalog defines it). */
  projected: boolean;
  /** Whether the status puts the safeguard in effect in the residual state. */
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
      projected: PROJECTED_STATUSES.includes(status),
      residual: RESIDUAL_STATUSES.includes(status),
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
