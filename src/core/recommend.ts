import type { Waiver } from '../schema/assessment.js';
import type { Catalog, CatalogSafeguard } from '../schema/catalog.js';
import type { Recommendation } from '../schema/output.js';
import {
  compileConditionLists,
  matchConditionLists,
  prepareSubject,
  type CompiledConditions,
  type ConditionSubject,
  type ValueSlots,
} from './conditions.js';
import { compareIds, type EffectiveDeclaration } from './effects.js';
import { createIdTable, type IdTable } from './score.js';

/** A recommendation with what the findings need to know about it. */
export interface RecommendationEntry extends Recommendation {
  safeguardData: CatalogSafeguard;
  /** The matched `require_when` entry in words, when required. */
  requiredReasons?: string[];
  /** The matched `recommend_when` entry in words, when recommended. */
  recommendedReasons?: string[];
  declaration?: EffectiveDeclaration;
  /** An unexpired waiver for this harm and safeguard. */
  waiver?: Waiver;
  /** A waiver for this harm and safeguard that has expired, so it no longer covers the gap. */
  expiredWaiver?: Waiver;
}

/** A required safeguard that is not satisfied for a harm (SPEC §3.3). */
export interface Gap {
  entry: RecommendationEntry;
  /** Not declared, or declared but not implemented (planned, in progress, not applicable). */
  kind: 'missing' | 'not-implemented';
}

/** A waiver covers its gap until the end of its `expires` day; ISO dates compare as strings. */
export function isWaiverActive(waiver: Pick<Waiver, 'expires'>, today: string): boolean {
  return waiver.expires >= today;
}

/** The reasons, as the report shows them: one sentence part per matched list. */
export function describeReasons(kind: 'required' | 'recommended', reasons: readonly string[]): string {
  if (reasons.length === 0) return `${kind}: always`;
  // Concatenated rather than joined: most of these texts are never printed, and V8 copies a concatenation only when it is read.
  let text = `${kind}: ${reasons[0]!}`;
  for (let i = 1; i < reasons.length; i++) text += ` and ${reasons[i]!}`;
  return text;
}

interface CompiledCatalog {
  /** Each id once (its first entry), sorted by id, so that recommendations come out in report order. */
  safeguards: readonly CatalogSafeguard[];
  /** The `require_when` and `recommend_when` lists of each of those safeguards, in turn. */
  lists: readonly CompiledConditions[];
  /** Position of each id in `safeguards`. */
  ranks: IdTable<number>;
  space: ValueSlots;
}

const compiledCatalogs = new WeakMap<Catalog, CompiledCatalog>();

function compileCatalog(catalog: Catalog): CompiledCatalog {
  let compiled = compiledCatalogs.get(catalog);
  if (compiled) return compiled;
  const seen = new Set<string>();
  const unique: CatalogSafeguard[] = [];
  for (const safeguard of catalog.safeguards) {
    // A catalog lists each id once after merging; be safe against a repeated one.
    if (seen.has(safeguard.id)) continue;
    seen.add(safeguard.id);
    unique.push(safeguard);
  }
  unique.sort((a, b) => compareIds(a.id, b.id));
  // All lists share one set of value slots, so one prepared subject serves every safeguard.
  const { space, lists } = compileConditionLists(unique.flatMap((s) => [s.require_when, s.recommend_when]));
  compiled = { safeguards: unique, lists, ranks: createIdTable(unique.map((s, i) => [s.id, i] as const)), space };
  compiledCatalogs.set(catalog, compiled);
  return compiled;
}

/**
 * Every safeguard the catalog requires or recommends for a harm, and every one declared
 * for it (SPEC §3.2): required first, then recommended, then declared-only, by id within each.
 * Declarations of ids the catalog does not define are left out (the document rules report them).
 */
export function recommendSafeguards(input: {
  catalog: Catalog;
  harmId: string;
  subject: ConditionSubject;
  declarations: readonly EffectiveDeclaration[];
  waivers: readonly Waiver[];
  today: string;
}): RecommendationEntry[] {
  const { catalog, harmId, subject, declarations, waivers, today } = input;
  const compiled = compileCatalog(catalog);
  const matches = matchConditionLists(compiled.lists, prepareSubject(subject, compiled.space));
  // The declaration of each catalog safeguard, by its position (the first of a repeated id counts).
  const list = compiled.safeguards;
  const declared = new Array<EffectiveDeclaration | undefined>(list.length);
  for (const d of declarations) {
    const rank = compiled.ranks[d.id];
    if (rank !== undefined && declared[rank] === undefined) declared[rank] = d;
  }
  const harmWaivers = waivers.filter((w) => w.harm === harmId);
  // Safeguards are visited in id order, so each group is already sorted.
  const entries: RecommendationEntry[] = [];
  const recommendedOnly: RecommendationEntry[] = [];
  const declaredOnly: RecommendationEntry[] = [];
  for (let rank = 0; rank < list.length; rank++) {
    const requiredMatch = matches[2 * rank] ?? null;
    const recommendedMatch = matches[2 * rank + 1] ?? null;
    const declaration = declared[rank];
    if (!requiredMatch && !recommendedMatch && !declaration) continue;
    const safeguard = list[rank]!;
    let waiver: Waiver | undefined;
    let expiredWaiver: Waiver | undefined;
    if (harmWaivers.length > 0) {
      const named = harmWaivers.filter((w) => w.safeguard === safeguard.id);
      waiver = named.find((w) => isWaiverActive(w, today));
      expiredWaiver = waiver ? undefined : named[0];
    }
    const reasons: string[] = [];
    if (requiredMatch) reasons.push(describeReasons('required', requiredMatch));
    if (recommendedMatch) reasons.push(describeReasons('recommended', recommendedMatch));
    const entry: RecommendationEntry = {
      safeguard: safeguard.id,
      title: safeguard.title,
      required: requiredMatch !== null,
      recommended: recommendedMatch !== null,
      status: declaration?.status ?? 'missing',
      // A waiver only matters where it sets aside a gap: a required safeguard not implemented.
      waived: requiredMatch !== null && declaration?.status !== 'implemented' && waiver !== undefined,
      reasons,
      safeguardData: safeguard,
    };
    if (requiredMatch) entry.requiredReasons = requiredMatch;
    if (recommendedMatch) entry.recommendedReasons = recommendedMatch;
    if (declaration) entry.declaration = declaration;
    if (waiver) entry.waiver = waiver;
    if (expiredWaiver) entry.expiredWaiver = expiredWaiver;
    (requiredMatch ? entries : recommendedMatch ? recommendedOnly : declaredOnly).push(entry);
  }
  for (const entry of recommendedOnly) entries.push(entry);
  for (const entry of declaredOnly) entries.push(entry);
  return entries;
}

/** The required safeguards neither implemented nor covered by an unexpired waiver. */
export function findGaps(entries: readonly RecommendationEntry[]): Gap[] {
  const gaps: Gap[] = [];
  for (const entry of entries) {
    if (!entry.required || entry.status === 'implemented' || entry.waived) continue;
    gaps.push({ entry, kind: entry.status === 'missing' ? 'missing' : 'not-implemented' });
  }
  return gaps;
}

/** The public part of a recommendation, in the order SPEC §7 shows its fields. */
export function toRecommendation(entry: RecommendationEntry): Recommendation {
  return {
    safeguard: entry.safeguard,
    title: entry.title,
    required: entry.required,
    recommended: entry.recommended,
    status: entry.status,
    waived: entry.waived,
    reasons: [...entry.reasons],
  };
}
