import type { Assessment, Feature, Harm, Waiver } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import type { GateLevel } from '../schema/common.js';
import type { HarmReport, Profile } from '../schema/output.js';
import { conditionSubject, type ConditionSubject } from './conditions.js';
import { indexSafeguards, mergeDeclarations, prepareFeatureDeclarations, type Counted, type EffectiveDeclaration } from './declarations.js';
import { collectRaises, inherentLevels, settleHarmStates, type AssessmentRaises, type HarmStates } from './effects.js';
import type { FindingSink } from './findings.js';
import { mappingTags } from './mappings.js';
import { acceptanceFor, DEFAULT_FAIL_ON, DEFAULT_FAIL_ON_SEVERITY, reportGate, reportUnusedAcceptances, type Gate } from './gate.js';
import {
  categoriesById,
  reportDisproportionate,
  reportEscalation,
  reportGaps,
  reportRecommended,
  reportUnassessedTradeoffs,
  reportUnusedWaivers,
} from './harm-rules.js';
import { buildProfile, type State } from './profile.js';
import { copyMappings, findGaps, matchSafeguards, recommendDeclared, toRecommendation, type Gap, type RecommendationEntry } from './recommend.js';
import { scoreLevels, scoreStates, toScore, type ScoreDetail } from './score.js';

/** Everything computed for one harm: states, scores, recommendations and gaps. */
export interface HarmEvaluation {
  harm: Harm;
  index: number;
  states: HarmStates;
  scores: Record<State, ScoreDetail>;
  subject: ConditionSubject;
  recommendations: RecommendationEntry[];
  gaps: Gap[];
}

/** The harms of one assessment, evaluated together, and the raises they share. */
export interface HarmsEvaluation {
  evaluations: HarmEvaluation[];
  raises: AssessmentRaises;
  /** The declarations that count for each harm, in harm order. */
  counted: readonly (readonly Counted[])[];
}

/**
 * Scores every harm of an assessment in its three states and works out recommendations
 * and gaps. Harms are evaluated together because a safeguard in effect for one harm
 * raises the harms of the categories its `raises` names (SPEC §2.2).
 */
export function evaluateHarms(input: {
  catalog: Catalog;
  feature: Pick<Feature, 'stage' | 'capabilities' | 'safeguards'>;
  harms: readonly Harm[];
  waivers: readonly Waiver[];
  today: string;
}): HarmsEvaluation {
  const { catalog, feature, harms, waivers, today } = input;
  const framework = catalog.framework;
  const index = indexSafeguards(catalog);
  const declared = prepareFeatureDeclarations(feature, index);
  const counted = harms.map((harm, i) => mergeDeclarations(declared, harm, i));
  const raises = collectRaises(counted);
  const evaluations = harms.map((harm, i): HarmEvaluation => {
    const inherent = inherentLevels(framework, harm.factors);
    const inherentScore = scoreLevels(framework, inherent);
    // Conditions, effects_when included, are evaluated on the inherent harm and the feature (SPEC §3.1).
    const subject = conditionSubject(harm, feature, inherent, inherentScore);
    const matches = matchSafeguards(catalog, subject);
    const harmCounted = counted[i]!;
    const states = settleHarmStates({
      framework,
      harm,
      inherent,
      counted: harmCounted,
      skippedWhen: (info) => (matches.effectsApply[info.rank] ? undefined : info.safeguard.effects_when),
      raises,
    });
    const [projected, residual] = scoreStates(framework, [states.projected.levels, states.residual.levels], inherentScore);
    const byRank: (EffectiveDeclaration | undefined)[] = [];
    for (const entry of harmCounted) if (entry.info) byRank[entry.info.rank] = entry.declaration;
    const recommendations = recommendDeclared({ catalog, harmId: harm.id, matches, byRank, waivers, today });
    const scores = { inherent: inherentScore, projected: projected!, residual: residual! };
    return { harm, index: i, states, scores, subject, recommendations, gaps: findGaps(recommendations) };
  });
  return { evaluations, raises, counted };
}

/**
 * Scores an assessment, builds its recommendations and profile, and reports the
 * rules that need the catalog's judgement (SPEC §3.3–§3.5 and the proportionality
 * check). Ids the catalog does not know are skipped: the document rules report them.
 */
export function evaluateAssessment(input: {
  assessment: Assessment;
  catalog: Catalog;
  sink: FindingSink;
  today: string;
  failOn?: GateLevel;
  failOnSeverity?: GateLevel;
}): { profile: Profile; harms: HarmReport[] } {
  const { assessment, catalog, sink, today } = input;
  const failOn = input.failOn ?? DEFAULT_FAIL_ON;
  const failOnSeverity = input.failOnSeverity ?? DEFAULT_FAIL_ON_SEVERITY;
  const feature = assessment.feature;
  const waivers = assessment.waivers ?? [];
  // A retired feature is still scored, but no longer gated (SPEC §3.5).
  const gated = feature.stage !== 'retired';

  const { evaluations, raises } = evaluateHarms({ catalog, feature, harms: assessment.harms, waivers, today });

  const gate: Gate = { stage: feature.stage, failOn, failOnSeverity, acceptances: assessment.acceptances ?? [], today };
  const categories = categoriesById(catalog);
  const used = new Set<number>();
  for (const evaluation of evaluations) {
    if (gated) {
      reportGaps(sink, evaluation, feature.stage);
      reportEscalation(sink, evaluation, catalog);
      const accepted = reportGate(sink, evaluation, gate, mappingTags(categories[evaluation.harm.category]?.mappings));
      if (accepted !== undefined) used.add(accepted);
    }
    reportRecommended(sink, evaluation);
  }
  reportDisproportionate(sink, evaluations);
  if (gated) {
    reportUnusedWaivers(sink, evaluations, waivers, catalog);
    reportUnusedAcceptances(sink, evaluations, gate, used);
    reportUnassessedTradeoffs(sink, assessment, raises);
  }

  const harms: HarmReport[] = evaluations.map(({ harm, scores, states, recommendations }) => ({
    id: harm.id,
    title: harm.title,
    category: harm.category,
    dimensions: [...harm.dimensions],
    inherent: toScore(scores.inherent),
    projected: toScore(scores.projected),
    residual: toScore(scores.residual),
    raisedBy: [...states.residual.raisedBy],
    acceptance: acceptanceFor(harm.id, gate.acceptances, used, today),
    mappings: copyMappings(categories[harm.category]?.mappings),
    recommendations: recommendations.map(toRecommendation),
  }));
  return { profile: buildProfile(catalog.framework, harms), harms };
}

