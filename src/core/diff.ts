import { factorsSchema, type Assessment, type Harm } from '../schema/assessment.js';
import { API_VERSION } from '../schema/common.js';
import type { Diff, HarmChange, HarmReport, Report, Score, ScorePair } from '../schema/output.js';

/** One side of a comparison: an assessment that could be scored, and what it was scored with. */
export interface DiffSide {
  /** As the user named it: a path, or `REV:path`. */
  file: string;
  report: Report & { feature: NonNullable<Report['feature']>; profile: NonNullable<Report['profile']>; framework: NonNullable<Report['framework']> };
  assessment: Assessment;
  config: string | null;
}

/** In the order an assessment writes them. */
const FACTORS = Object.keys(factorsSchema.shape) as (keyof Harm['factors'])[];

function pair(s: { inherent: Score; residual: Score }): ScorePair {
  return { inherent: s.inherent, residual: s.residual };
}

function sameScore(a: Score, b: Score): boolean {
  return a.severity === b.severity && a.risk === b.risk && a.vector === b.vector;
}

function samePair(a: ScorePair, b: ScorePair): boolean {
  return sameScore(a.inherent, b.inherent) && sameScore(a.residual, b.residual);
}

/** Lists whose order carries no meaning (populations, dimensions, safeguards) compare as sets, element by element once sorted. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((id, i) => id === sortedB[i]);
}

/**
 * What changed between two scored assessments (SPEC §7 Diff): the profile, harms
 * added and removed, and for each harm in both the factors, safeguard statuses and
 * scores that moved. Pure: both sides are already read and scored.
 */
export function diffAssessments(oldSide: DiffSide, newSide: DiffSide, version: string): Diff {
  const oldHarms = new Map(oldSide.report.harms.map((h) => [h.id, h]));
  const newHarms = new Map(newSide.report.harms.map((h) => [h.id, h]));
  const oldInput = new Map(oldSide.assessment.harms.map((h) => [h.id, h]));
  const newInput = new Map(newSide.assessment.harms.map((h) => [h.id, h]));

  const changed: HarmChange[] = [];
  for (const harm of newSide.report.harms) {
    const before = oldHarms.get(harm.id);
    if (!before) continue;
    const change = compareHarm(before, harm, oldInput.get(harm.id)!, newInput.get(harm.id)!);
    if (change) changed.push(change);
  }
  const profile = compareProfiles(oldSide.report.profile, newSide.report.profile);
  return {
    apiVersion: API_VERSION,
    kind: 'Diff',
    tool: { name: 'harm', version },
    framework: newSide.report.framework,
    config: newSide.config,
    frameworkChanged: oldSide.report.framework.digest !== newSide.report.framework.digest,
    old: describeSide(oldSide),
    new: describeSide(newSide),
    overall: { old: pair(oldSide.report.profile.overall), new: pair(newSide.report.profile.overall) },
    profile,
    harms: {
      added: newSide.report.harms.filter((h) => !oldHarms.has(h.id)).map((h) => h.id),
      removed: oldSide.report.harms.filter((h) => !newHarms.has(h.id)).map((h) => h.id),
      changed,
    },
    // A dimension the old side did not have starts from nothing.
    riskIncreased: profile.some((d) => d.new !== null && d.new.residual.risk > (d.old?.residual.risk ?? 0)),
  };
}

function describeSide(side: DiffSide): Diff['old'] {
  return { file: side.file, feature: side.report.feature.id, stage: side.report.feature.stage, framework: side.report.framework, config: side.config };
}

/** Dimensions in the new side's order, then any only the old side's framework has. */
function compareProfiles(oldProfile: DiffSide['report']['profile'], newProfile: DiffSide['report']['profile']): Diff['profile'] {
  const oldById = new Map(oldProfile.dimensions.map((d) => [d.id, d]));
  const newIds = new Set(newProfile.dimensions.map((d) => d.id));
  const rows: Diff['profile'] = newProfile.dimensions.map((d) => {
    const before = oldById.get(d.id);
    return { id: d.id, old: before ? pair(before) : null, new: pair(d) };
  });
  for (const d of oldProfile.dimensions) if (!newIds.has(d.id)) rows.push({ id: d.id, old: pair(d), new: null });
  return rows;
}

function compareHarm(before: HarmReport, after: HarmReport, oldInput: Harm, newInput: Harm): HarmChange | undefined {
  const factors: HarmChange['factors'] = {};
  for (const factor of FACTORS) {
    const a = oldInput.factors[factor];
    const b = newInput.factors[factor];
    // A level compares as a set of one.
    if (!sameSet([a].flat(), [b].flat())) factors[factor] = { old: a, new: b };
  }
  const oldStatus = new Map(before.recommendations.map((r) => [r.safeguard, r.status]));
  const newStatus = new Map(after.recommendations.map((r) => [r.safeguard, r.status]));
  const safeguards: HarmChange['safeguards'] = [];
  for (const id of [...new Set([...oldStatus.keys(), ...newStatus.keys()])].sort()) {
    const a = oldStatus.get(id) ?? 'missing';
    const b = newStatus.get(id) ?? 'missing';
    if (a !== b) safeguards.push({ id, old: a, new: b });
  }
  const change: HarmChange = { id: after.id, title: after.title, factors, old: pair(before), new: pair(after), safeguards };
  if (before.category !== after.category) change.category = { old: before.category, new: after.category };
  if (!sameSet(before.dimensions, after.dimensions)) change.dimensions = { old: before.dimensions, new: after.dimensions };
  if (!sameSet(before.raisedBy, after.raisedBy)) change.raisedBy = { old: before.raisedBy, new: after.raisedBy };
  const moved = !samePair(change.old, change.new);
  const edited = Object.keys(factors).length > 0 || safeguards.length > 0 || change.category || change.dimensions || change.raisedBy;
  return moved || edited ? change : undefined;
}
