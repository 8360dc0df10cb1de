import type { Waiver } from '../schema/assessment.js';
import type { Catalog, CatalogSafeguard } from '../schema/catalog.js';
import type { Recommendation } from '../schema/output.js';
import { compileConditions, matchCompiledConditions, prepareSubject, type CompiledConditions, type ConditionSubject } from './conditions.js';
import { compareIds, type EffectiveDeclaration } from './effects.js';

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
  return `${kind}: ${reasons.length > 0 ? reasons.join(' and ') : 'always'}`;
}

/** A catalog safeguard with its conditions prepared for matching. */
interface CompiledSafeguard {
  safeguard: CatalogSafeguard;
  require: CompiledConditions | undefined;
  recommend: CompiledConditions | undefined;
}

const compiledCatalogs = new WeakMap<Catalog, readonly CompiledSafeguard[]>();

/**
 * The catalog's safeguards, each id once (its first entry), sorted by id so that
 * recommendations come out in report order without sorting them per harm.
 */
function compileSafeguards(catalog: Catalog): readonly CompiledSafeguard[] {
  let compiled = compiledCatalogs.get(catalog);
  if (!compiled) {
    const seen = new Set<string>();
    const list: CompiledSafeguard[] = [];
    for (const safeguard of catalog.safeguards) {
      // A catalog lists each id once after merging; be safe against a repeated one.
      if (seen.has(safeguard.id)) continue;
      seen.add(safeguard.id);
      list.push({
        safeguard,
        require: safeguard.require_when && compileConditions(safeguard.require_when),
        recommend: safeguard.recommend_when && compileConditions(safeguard.recommend_when),
      });
    }
    compiled = list.sort((a, b) => compareIds(a.safeguard.id, b.safeguard.id));
    compiledCatalogs.set(catalog, compiled);
  }
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
  const prepared = prepareSubject(subject);
  const declared = new Map<string, EffectiveDeclaration>();
  for (const d of declarations) if (!declared.has(d.id)) declared.set(d.id, d);
  const harmWaivers = waivers.filter((w) => w.harm === harmId);
  // Safeguards are visited in id order, so each group is already sorted.
  const required: RecommendationEntry[] = [];
  const recommendedOnly: RecommendationEntry[] = [];
  const declaredOnly: RecommendationEntry[] = [];
  for (const { safeguard, require, recommend } of compileSafeguards(catalog)) {
    const requiredMatch = matchCompiledConditions(require, prepared);
    const recommendedMatch = matchCompiledConditions(recommend, prepared);
    const declaration = declared.get(safeguard.id);
    if (!requiredMatch && !recommendedMatch && !declaration) continue;
    let waiver: Waiver | undefined;
    let expiredWaiver: Waiver | undefined;
    if (harmWaivers.length > 0) {
      const named = harmWaivers.filter((w) => w.safeguard === safeguard.id);
      waiver = named.find((w) => isWaiverActive(w, today));
      expiredWaiver = waiver ? undefined : named[0];
    }
    const reasons: string[] = [];
    if (requiredMatch) reasons.push(describeReasons('required', requiredMatch.reasons));
    if (recommendedMatch) reasons.push(describeReasons('recommended', recommendedMatch.reasons));
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
    if (requiredMatch) entry.requiredReasons = requiredMatch.reasons;
    if (recommendedMatch) entry.recommendedReasons = recommendedMatch.reasons;
    if (declaration) entry.declaration = declaration;
    if (waiver) entry.waiver = waiver;
    if (expiredWaiver) entry.expiredWaiver = expiredWaiver;
    (requiredMatch ? required : recommendedMatch ? recommendedOnly : declaredOnly).push(entry);
  }
  return required.concat(recommendedOnly, declaredOnly);
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
