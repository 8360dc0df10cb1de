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
import { indexSafeguards, type EffectiveDeclaration, type SafeguardIndex } from './declarations.js';

/** A recommendation with what the findings need to know about it. */
export interface RecommendationEntry extends Recommendation {
  safeguardData: CatalogSafeguard;
  declaration: EffectiveDeclaration | undefined;
  /** A waiver for this harm and safeguard that has expired, so it no longer covers the gap. */
  expiredWaiver: Waiver | undefined;
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
  /** The catalog's safeguards in id order, so that recommendations come out in report order. */
  index: SafeguardIndex;
  /** The `require_when`, `recommend_when` and `effects_when` lists of each of those safeguards, in turn. */
  lists: readonly CompiledConditions[];
  space: ValueSlots;
}

const LISTS_PER_SAFEGUARD = 3;
const compiledCatalogs = new WeakMap<Catalog, CompiledCatalog>();

function compileCatalog(catalog: Catalog): CompiledCatalog {
  let compiled = compiledCatalogs.get(catalog);
  if (compiled) return compiled;
  const index = indexSafeguards(catalog);
  // All lists share one set of value slots, so one prepared subject serves every safeguard.
  const { space, lists } = compileConditionLists(
    index.list.flatMap(({ safeguard }) => [safeguard.require_when, safeguard.recommend_when, safeguard.effects_when]),
  );
  compiled = { index, lists, space };
  compiledCatalogs.set(catalog, compiled);
  return compiled;
}

/** How every catalog safeguard's conditions meet one harm, by the safeguard's rank (see indexSafeguards). */
export interface SafeguardMatches {
  /** The matched `require_when` entry in words, or null. */
  required: readonly (string[] | null)[];
  /** The matched `recommend_when` entry in words, or null. */
  recommended: readonly (string[] | null)[];
  /** Whether the safeguard's effects apply to the harm: it has no `effects_when`, or an entry matched. */
  effectsApply: readonly boolean[];
}

/** Matches every safeguard's conditions against a harm's inherent subject, once (SPEC §3.1). */
export function matchSafeguards(catalog: Catalog, subject: ConditionSubject): SafeguardMatches {
  const compiled = compileCatalog(catalog);
  const matches = matchConditionLists(compiled.lists, prepareSubject(subject, compiled.space));
  const list = compiled.index.list;
  const required = new Array<string[] | null>(list.length);
  const recommended = new Array<string[] | null>(list.length);
  const effectsApply = new Array<boolean>(list.length);
  for (let rank = 0; rank < list.length; rank++) {
    required[rank] = matches[LISTS_PER_SAFEGUARD * rank] ?? null;
    recommended[rank] = matches[LISTS_PER_SAFEGUARD * rank + 1] ?? null;
    effectsApply[rank] = list[rank]!.safeguard.effects_when === undefined || matches[LISTS_PER_SAFEGUARD * rank + 2] != null;
  }
  return { required, recommended, effectsApply };
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
  const { declarations, subject, ...rest } = input;
  const byId = indexSafeguards(input.catalog).byId;
  // The first declaration of a repeated id counts.
  const byRank: (EffectiveDeclaration | undefined)[] = [];
  for (const d of declarations) {
    const info = byId[d.id];
    if (info && byRank[info.rank] === undefined) byRank[info.rank] = d;
  }
  return recommendDeclared({ ...rest, matches: matchSafeguards(input.catalog, subject), byRank });
}

/** recommendSafeguards with the conditions already matched and each declaration given by the safeguard's rank. */
export function recommendDeclared(input: {
  catalog: Catalog;
  harmId: string;
  matches: SafeguardMatches;
  byRank: readonly (EffectiveDeclaration | undefined)[];
  waivers: readonly Waiver[];
  today: string;
}): RecommendationEntry[] {
  const { catalog, harmId, matches, byRank, waivers, today } = input;
  const list = compileCatalog(catalog).index.list;
  const harmWaivers = waivers.filter((w) => w.harm === harmId);
  // Safeguards are visited in id order, so each group is already sorted.
  const entries: RecommendationEntry[] = [];
  const recommendedOnly: RecommendationEntry[] = [];
  const declaredOnly: RecommendationEntry[] = [];
  for (let rank = 0; rank < list.length; rank++) {
    const requiredMatch = matches.required[rank] ?? null;
    const recommendedMatch = matches.recommended[rank] ?? null;
    const declaration = byRank[rank];
    if (!requiredMatch && !recommendedMatch && !declaration) continue;
    const safeguard = list[rank]!.safeguard;
    let waiver: Waiver | undefined;
    let expiredWaiver: Waiver | undefined;
    if (harmWaivers.length > 0) {
      const named = harmWaivers.filter((w) => w.safeguard === safeguard.id);
      waiver = named.find((w) => isWaiverActive(w, today));
      expiredWaiver = waiver ? undefined : named[0];
    }
    const required = requiredMatch && describeReasons('required', requiredMatch);
    const recommended = recommendedMatch && describeReasons('recommended', recommendedMatch);
    const reasons = required ? (recommended ? [required, recommended] : [required]) : recommended ? [recommended] : [];
    const entry: RecommendationEntry = {
      safeguard: safeguard.id,
      title: safeguard.title,
      required: requiredMatch !== null,
      recommended: recommendedMatch !== null,
      status: declaration?.status ?? 'missing',
      // A waiver only matters where it sets aside a gap: a required safeguard not implemented.
      waived: requiredMatch !== null && declaration?.status !== 'implemented' && waiver !== undefined,
      reasons,
      mappings: safeguard.mappings ?? NO_MAPPINGS,
      safeguardData: safeguard,
      declaration,
      expiredWaiver,
    };
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

const NO_MAPPINGS: Readonly<Record<string, string[]>> = Object.freeze({});

/** Mappings as a report carries them: a copy, so that reports never share the catalog's lists. */
export function copyMappings(mappings: Readonly<Record<string, readonly string[]>> | undefined): Record<string, string[]> {
  const copy: Record<string, string[]> = {};
  for (const [framework, clauses] of Object.entries(mappings ?? {})) copy[framework] = [...clauses];
  return copy;
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
    mappings: copyMappings(entry.mappings),
  };
}
