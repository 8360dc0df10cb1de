import type { Assessment, Waiver } from '../schema/assessment.js';
import type { Catalog, CatalogCategory } from '../schema/catalog.js';
import type { Stage } from '../schema/common.js';
import { hasSafeguard } from './declarations.js';
import type { AssessmentRaises } from './effects.js';
import type { HarmEvaluation } from './evaluate.js';
import type { FindingSink } from './findings.js';
import type { Path, Position } from './locator.js';
import { mappingTags } from './mappings.js';
import type { RecommendationEntry } from './recommend.js';
import { createIdTable, levelRank, type IdTable } from './score.js';

/*
 * The rules that judge an evaluated assessment, apart from the gate (gate.ts): gaps,
 * recommendations, escalation, proportionality, unused waivers and unassessed trade-offs
 * (SPEC §3.3, §3.4, §4).
 */

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

export function fixed1(x: number): string {
  return x.toFixed(1);
}

export function reportGaps(sink: FindingSink, evaluation: HarmEvaluation, stage: Stage): void {
  const { harm, index } = evaluation;
  for (const { entry } of evaluation.gaps) {
    // A gap is required, so its first reason is the matched `require_when` entry.
    const why = entry.reasons[0]!;
    const expired = entry.expiredWaiver ? `; its waiver expired on ${entry.expiredWaiver.expires}` : '';
    const declaration = entry.declaration;
    if (!declaration) {
      sink.at(
        'missing-required-safeguard',
        ['harms', index, 'id'],
        `Harm "${harm.id}" needs safeguard "${entry.safeguard}" (${why}), but it is not declared${expired}.`,
        { harm: harm.id, tags: mappingTags(entry.safeguardData.mappings) },
      );
      continue;
    }
    const where = declaration.level === 'feature' ? ' for the feature' : '';
    const status = declaration.status as keyof typeof STATUS_WORDS;
    const tail =
      status === 'not_applicable' ? '; only an approved waiver can set a required safeguard aside' : ', not implemented';
    sink.at(
      'required-not-implemented',
      [...declaration.path, 'status'],
      `Harm "${harm.id}" needs safeguard "${entry.safeguard}" (${why}), but it is ${STATUS_WORDS[status]}${where}${tail}${expired}.`,
      { harm: harm.id, level: isEarlyStage(stage) ? 'warning' : 'error', tags: mappingTags(entry.safeguardData.mappings) },
    );
  }
}

export function reportRecommended(sink: FindingSink, evaluation: HarmEvaluation): void {
  const { harm, index } = evaluation;
  for (const entry of evaluation.recommendations) {
    // A required safeguard is reported as a gap, never also as a recommendation.
    if (entry.required || !entry.recommended || entry.status !== 'missing') continue;
    sink.at(
      'recommended-safeguard',
      ['harms', index, 'id'],
      `Safeguard "${entry.safeguard}" (${entry.title}) is recommended for harm "${harm.id}" (${entry.reasons[0]!}), but it is not declared.`,
      { harm: harm.id, tags: mappingTags(entry.safeguardData.mappings) },
    );
  }
}

const categoryIndexes = new WeakMap<Catalog, IdTable<CatalogCategory>>();

/** The catalog's categories by id (the first of a repeated id counts, as a search would find it). */
export function categoriesById(catalog: Catalog): IdTable<CatalogCategory> {
  let byId = categoryIndexes.get(catalog);
  if (!byId) categoryIndexes.set(catalog, (byId = createIdTable(catalog.categories.map((c) => [c.id, c] as const))));
  return byId;
}

export function reportEscalation(sink: FindingSink, evaluation: HarmEvaluation, catalog: Catalog): void {
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
    { harm: harm.id, tags: mappingTags(category?.mappings) },
  );
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
export function reportDisproportionate(sink: FindingSink, evaluations: readonly HarmEvaluation[]): void {
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

export function reportUnusedWaivers(sink: FindingSink, evaluations: readonly HarmEvaluation[], waivers: readonly Waiver[], catalog: Catalog): void {
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
export function reportUnassessedTradeoffs(sink: FindingSink, assessment: Assessment, raises: AssessmentRaises): void {
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
        { tags: mappingTags(info.safeguard.mappings) },
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
