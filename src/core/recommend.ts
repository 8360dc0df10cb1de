import type { Waiver } from '../schema/assessment.js';
import type { Catalog, CatalogSafeguard } from '../schema/catalog.js';
import type { Recommendation } from '../schema/output.js';
import { matchConditions, type ConditionSubject } from './conditions.js';
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
  const entries: RecommendationEntry[] = [];
  const seen = new Set<string>();
  for (const safeguard of catalog.safeguards) {
    // A catalog lists each id once after merging; be safe against a repeated one.
    if (seen.has(safeguard.id)) continue;
    seen.add(safeguard.id);
    const required = matchConditions(safeguard.require_when, subject);
    const recommended = matchConditions(safeguard.recommend_when, subject);
    const declaration = declarations.find((d) => d.id === safeguard.id);
    if (!required && !recommended && !declaration) continue;
    const named = waivers.filter((w) => w.harm === harmId && w.safeguard === safeguard.id);
    const waiver = named.find((w) => isWaiverActive(w, today));
    const expiredWaiver = waiver ? undefined : named[0];
    const reasons: string[] = [];
    if (required) reasons.push(describeReasons('required', required.reasons));
    if (recommended) reasons.push(describeReasons('recommended', recommended.reasons));
    const entry: RecommendationEntry = {
      safeguard: safeguard.id,
      title: safeguard.title,
      required: required !== null,
      recommended: recommended !== null,
      status: declaration?.status ?? 'missing',
      // A waiver only matters where it sets aside a gap: a required safeguard not implemented.
      waived: required !== null && declaration?.status !== 'implemented' && waiver !== undefined,
      reasons,
      safeguardData: safeguard,
    };
    if (required) entry.requiredReasons = required.reasons;
    if (recommended) entry.recommendedReasons = recommended.reasons;
    if (declaration) entry.declaration = declaration;
    if (waiver) entry.waiver = waiver;
    if (expiredWaiver) entry.expiredWaiver = expiredWaiver;
    entries.push(entry);
  }
  const group = (e: RecommendationEntry) => (e.required ? 0 : e.recommended ? 1 : 2);
  return entries.sort((a, b) => group(a) - group(b) || compareIds(a.safeguard, b.safeguard));
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
