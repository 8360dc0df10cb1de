import type { Acceptance, Assessment, Feature, Harm, Waiver } from '../schema/assessment.js';
import type { Catalog, CatalogCategory } from '../schema/catalog.js';
import type { GateLevel, Level, Stage } from '../schema/common.js';
import type { AcceptanceReport, HarmReport, Profile } from '../schema/output.js';
import { conditionSubject, type ConditionSubject } from './conditions.js';
import {
  collectRaises,
  hasSafeguard,
  indexSafeguards,
  inherentLevels,
  mergeDeclarations,
  prepareFeatureDeclarations,
  settleHarmStates,
  type AssessmentRaises,
  type Counted,
  type EffectiveDeclaration,
  type HarmStates,
} from './effects.js';
import type { FindingSink } from './findings.js';
import type { Path, Position } from './locator.js';
import { buildProfile, type State } from './profile.js';
import { copyMappings, describeReasons, findGaps, matchSafeguards, recommendDeclared, toRecommendation, type Gap, type RecommendationEntry } from './recommend.js';
import { createIdTable, levelRank, scoreLevels, scoreStates, toScore, type IdTable, type ScoreDetail } from './score.js';

export const DEFAULT_FAIL_ON: GateLevel = 'high';
export const DEFAULT_FAIL_ON_SEVERITY: GateLevel = 'critical';

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

/** The state the gate looks at: residual once users have the feature (beta, ga), projected before. */
export function gatedState(stage: Stage): 'residual' | 'projected' {
  return stage === 'concept' || stage === 'development' ? 'projected' : 'residual';
}

/** Whether a score reaches the gate; `off` never does. */
export function reachesGate(level: Level, gate: GateLevel): boolean {
  return gate !== 'off' && levelRank(level) >= levelRank(gate);
}

function isEarlyStage(stage: Stage): boolean {
  return stage === 'concept' || stage === 'development';
}

const STATUS_WORDS = {
  planned: 'only planned',
  in_progress: 'still in progress',
  not_applicable: 'marked not_applicable',
} as const;

function stripPeriod(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function fixed1(x: number): string {
  return x.toFixed(1);
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

  const gate = { stage: feature.stage, failOn, failOnSeverity, acceptances: assessment.acceptances ?? [], today };
  const used = new Set<number>();
  for (const evaluation of evaluations) {
    if (gated) {
      reportGaps(sink, evaluation, feature.stage);
      reportEscalation(sink, evaluation, catalog);
      const accepted = reportGate(sink, evaluation, gate);
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
  const categories = categoriesById(catalog);

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

function reportGaps(sink: FindingSink, evaluation: HarmEvaluation, stage: Stage): void {
  const { harm, index } = evaluation;
  for (const { entry, kind } of evaluation.gaps) {
    const why = describeReasons('required', entry.requiredReasons ?? []);
    const expired = entry.expiredWaiver ? `; its waiver expired on ${entry.expiredWaiver.expires}` : '';
    if (kind === 'missing' || !entry.declaration) {
      sink.at(
        'missing-required-safeguard',
        ['harms', index, 'id'],
        `Harm "${harm.id}" needs safeguard "${entry.safeguard}" (${why}), but it is not declared${expired}.`,
        { harm: harm.id },
      );
      continue;
    }
    const declaration = entry.declaration;
    const where = declaration.level === 'feature' ? ' for the feature' : '';
    const status = declaration.status as keyof typeof STATUS_WORDS;
    const tail =
      status === 'not_applicable' ? '; only an approved waiver can set a required safeguard aside' : ', not implemented';
    sink.at(
      'required-not-implemented',
      [...declaration.path, 'status'],
      `Harm "${harm.id}" needs safeguard "${entry.safeguard}" (${why}), but it is ${STATUS_WORDS[status]}${where}${tail}${expired}.`,
      { harm: harm.id, level: isEarlyStage(stage) ? 'warning' : 'error' },
    );
  }
}

function reportRecommended(sink: FindingSink, evaluation: HarmEvaluation): void {
  const { harm, index } = evaluation;
  for (const entry of evaluation.recommendations) {
    // A required safeguard is reported as a gap, never also as a recommendation.
    if (entry.required || !entry.recommended || entry.status !== 'missing') continue;
    sink.at(
      'recommended-safeguard',
      ['harms', index, 'id'],
      `Safeguard "${entry.safeguard}" (${entry.title}) is recommended for harm "${harm.id}" (${describeReasons('recommended', entry.recommendedReasons ?? [])}), but it is not declared.`,
      { harm: harm.id },
    );
  }
}

const categoryIndexes = new WeakMap<Catalog, IdTable<CatalogCategory>>();

/** The catalog's categories by id (the first of a repeated id counts, as a search would find it). */
function categoriesById(catalog: Catalog): IdTable<CatalogCategory> {
  let byId = categoryIndexes.get(catalog);
  if (!byId) categoryIndexes.set(catalog, (byId = createIdTable(catalog.categories.map((c) => [c.id, c] as const))));
  return byId;
}

function reportEscalation(sink: FindingSink, evaluation: HarmEvaluation, catalog: Catalog): void {
  const { harm, index, scores } = evaluation;
  if (harm.escalation) return;
  const causes: string[] = [];
  const category = categoriesById(catalog)[harm.category];
  if (category?.escalate) {
    const note = category.escalation_message ? ` (${stripPeriod(category.escalation_message)})` : '';
    causes.push(`its category "${category.id}" must be escalated${note}`);
  }
  const feasibility = harm.factors.mitigation_feasibility;
  if (scores.inherent.severityLevel === 'critical' && (feasibility === 'low' || feasibility === 'infeasible')) {
    causes.push(`its inherent severity is critical (${fixed1(scores.inherent.severity)}) and its mitigation feasibility is ${feasibility}`);
  }
  if (causes.length === 0) return;
  sink.at(
    'escalation-required',
    ['harms', index, 'id'],
    `Harm "${harm.id}" needs an escalation record (ticket, decided_by, date) because ${causes.join(' and ')}.`,
    { harm: harm.id },
  );
}

/** An acceptance counts until the end of its `expires` day; ISO dates compare as strings. */
export function isAcceptanceActive(acceptance: Pick<Acceptance, 'expires'>, today: string): boolean {
  return acceptance.expires >= today;
}

/**
 * The gate of SPEC §3.5. An unexpired acceptance stops the risk part while the gated risk
 * level is at or below its `up_to`; severity is never accepted away. Returns the index of
 * the acceptance that stopped the risk gate, if one did.
 */
function reportGate(
  sink: FindingSink,
  evaluation: HarmEvaluation,
  gate: { stage: Stage; failOn: GateLevel; failOnSeverity: GateLevel; acceptances: readonly Acceptance[]; today: string },
): number | undefined {
  const { harm, index } = evaluation;
  const state = gatedState(gate.stage);
  const score = evaluation.scores[state];
  const riskOver = reachesGate(score.riskLevel, gate.failOn);
  const accepted = riskOver
    ? gate.acceptances.findIndex((a) => a.harm === harm.id && isAcceptanceActive(a, gate.today) && levelRank(score.riskLevel) <= levelRank(a.up_to))
    : -1;
  const over: string[] = [];
  if (riskOver && accepted < 0) over.push(`${state} risk ${score.riskLevel} (${fixed1(score.risk)}) is at or above the risk gate ${gate.failOn}`);
  if (reachesGate(score.severityLevel, gate.failOnSeverity)) {
    const note = accepted < 0 ? '' : ' (an acceptance covers its risk, never its severity)';
    over.push(`${state} severity ${score.severityLevel} (${fixed1(score.severity)}) is at or above the severity gate ${gate.failOnSeverity}${note}`);
  }
  if (over.length > 0) sink.at('residual-risk', ['harms', index, 'id'], `Harm "${harm.id}" fails the gate: its ${over.join(' and its ')}.`, { harm: harm.id });
  return accepted < 0 ? undefined : accepted;
}

/**
 * An acceptance that stopped no `residual-risk` (SPEC §4). Acceptances of harms that do not
 * exist, and expired ones, have findings of their own.
 */
function reportUnusedAcceptances(
  sink: FindingSink,
  evaluations: readonly HarmEvaluation[],
  gate: { stage: Stage; failOn: GateLevel; acceptances: readonly Acceptance[]; today: string },
  used: ReadonlySet<number>,
): void {
  const byHarm = new Map(evaluations.map((e) => [e.harm.id, e] as const));
  const state = gatedState(gate.stage);
  gate.acceptances.forEach((acceptance, k) => {
    const evaluation = byHarm.get(acceptance.harm);
    if (used.has(k) || !evaluation || !isAcceptanceActive(acceptance, gate.today)) return;
    const score = evaluation.scores[state];
    const risk = `its ${state} risk ${score.riskLevel} (${fixed1(score.risk)})`;
    const why = !reachesGate(score.riskLevel, gate.failOn)
      ? `${risk} does not reach the risk gate ${gate.failOn}`
      : levelRank(score.riskLevel) > levelRank(acceptance.up_to)
        ? `${risk} is above the accepted level ${acceptance.up_to}`
        : 'another acceptance of the same harm already covers it';
    sink.at(
      'unused-acceptance',
      ['acceptances', k, 'harm'],
      `The acceptance of risk up to ${acceptance.up_to} for harm "${acceptance.harm}" stops nothing: ${why}.`,
      { harm: acceptance.harm },
    );
  });
}

/** The acceptance a report shows for a harm: the one in use, else the first unexpired, else the first. */
function acceptanceFor(harmId: string, acceptances: readonly Acceptance[], used: ReadonlySet<number>, today: string): AcceptanceReport | null {
  let chosen: Acceptance | undefined;
  let fallback: Acceptance | undefined;
  acceptances.forEach((a, k) => {
    if (a.harm !== harmId) return;
    if (used.has(k)) chosen ??= a;
    else if (isAcceptanceActive(a, today)) fallback ??= a;
  });
  const acceptance = chosen ?? fallback ?? acceptances.find((a) => a.harm === harmId);
  if (!acceptance) return null;
  return {
    upTo: acceptance.up_to,
    approvedBy: acceptance.approved_by,
    expires: acceptance.expires,
    active: isAcceptanceActive(acceptance, today),
    reason: acceptance.reason,
  };
}

/** Inherent risk low or none: a high-burden safeguard costs legitimate users more than the harm warrants. */
function isLowRisk(evaluation: HarmEvaluation): boolean {
  return levelRank(evaluation.scores.inherent.riskLevel) <= levelRank('low');
}

function describeRisk(evaluation: HarmEvaluation): string {
  const s = evaluation.scores.inherent;
  return `inherent risk ${s.riskLevel} (${fixed1(s.risk)})`;
}

/**
 * A harm-level declaration is judged against its harm. A feature-level declaration
 * serves every harm that does not declare the safeguard itself, so it is
 * disproportionate only when all of those harms are low risk.
 */
function reportDisproportionate(sink: FindingSink, evaluations: readonly HarmEvaluation[]): void {
  const featureLevel = new Map<string, { entry: RecommendationEntry; harms: HarmEvaluation[] }>();
  for (const evaluation of evaluations) {
    for (const entry of evaluation.recommendations) {
      const declaration = entry.declaration;
      if (!declaration || declaration.status === 'not_applicable' || entry.safeguardData.burden !== 'high') continue;
      if (declaration.level === 'feature') {
        const key = JSON.stringify(declaration.path);
        const group = featureLevel.get(key) ?? { entry, harms: [] };
        group.harms.push(evaluation);
        featureLevel.set(key, group);
        continue;
      }
      if (!isLowRisk(evaluation)) continue;
      sink.at(
        'disproportionate-safeguard',
        [...declaration.path, 'id'],
        `Safeguard "${entry.safeguard}" has a high burden on legitimate users, but harm "${evaluation.harm.id}" has only ${describeRisk(evaluation)}.`,
        { harm: evaluation.harm.id },
      );
    }
  }
  for (const { entry, harms } of featureLevel.values()) {
    if (!harms.every(isLowRisk)) continue;
    const list = harms.map((h) => `"${h.harm.id}" ${describeRisk(h)}`).join(', ');
    const opts = harms.length === 1 ? { harm: harms[0]!.harm.id } : {};
    sink.at(
      'disproportionate-safeguard',
      [...entry.declaration!.path, 'id'],
      `Safeguard "${entry.safeguard}" has a high burden on legitimate users, but every harm it is declared for has low or no inherent risk: ${list}.`,
      opts,
    );
  }
}

function reportUnusedWaivers(sink: FindingSink, evaluations: readonly HarmEvaluation[], waivers: readonly Waiver[], catalog: Catalog): void {
  waivers.forEach((waiver, k) => {
    const evaluation = evaluations.find((e) => e.harm.id === waiver.harm);
    // Unknown harms and safeguards are unknown-reference findings, not unused waivers.
    if (!evaluation || !hasSafeguard(catalog, waiver.safeguard)) return;
    const entry = evaluation.recommendations.find((r) => r.safeguard === waiver.safeguard);
    let why: string | undefined;
    if (!entry?.required) why = 'the safeguard is not required for that harm';
    else if (entry.status === 'implemented') why = 'the safeguard is already implemented for that harm';
    if (!why) return;
    sink.at(
      'unused-waiver',
      ['waivers', k, 'harm'],
      `The waiver for safeguard "${waiver.safeguard}" on harm "${waiver.harm}" covers no gap: ${why}.`,
      { harm: waiver.harm },
    );
  });
}

function isEarlier(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/**
 * A safeguard in effect in the projected state that raises a category no harm of the
 * assessment has: its cost is real but unassessed (SPEC §4). One finding per safeguard
 * and category, at the safeguard's first declaration in the file.
 */
function reportUnassessedTradeoffs(sink: FindingSink, assessment: Assessment, raises: AssessmentRaises): void {
  const assessed = new Set(assessment.harms.map((h) => h.category));
  for (const info of raises.projectedRaisers) {
    const missing = [...info.raises!.keys()].filter((category) => !assessed.has(category));
    if (missing.length === 0) continue;
    const id = info.safeguard.id;
    const path = firstDeclaration(sink, assessment, id);
    for (const category of missing) {
      sink.at(
        'unassessed-tradeoff',
        path,
        `Safeguard "${id}" raises the harms of category "${category}", but this assessment has no "${category}" harm: add one so that the trade-off is scored.`,
      );
    }
  }
}

/** The path of the `id` of a safeguard's first declaration in the file, by position. */
function firstDeclaration(sink: FindingSink, assessment: Assessment, id: string): Path {
  const candidates: Path[] = [];
  const add = (list: readonly { id: string }[] | undefined, base: Path) => {
    const j = list?.findIndex((d) => d.id === id) ?? -1;
    if (j >= 0) candidates.push([...base, j, 'id']);
  };
  add(assessment.feature.safeguards, ['feature', 'safeguards']);
  assessment.harms.forEach((harm, i) => add(harm.safeguards, ['harms', i, 'safeguards']));
  let first = candidates[0]!;
  let at = sink.locator.value(first);
  for (const path of candidates.slice(1)) {
    const here = sink.locator.value(path);
    if (isEarlier(here, at)) [first, at] = [path, here];
  }
  return first;
}
