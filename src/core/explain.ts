import type { Assessment } from '../schema/assessment.js';
import type { Catalog, Effects, Framework } from '../schema/catalog.js';
import { SCORED_FACTORS } from '../schema/common.js';
import { describeConditions } from './condition-words.js';
import { catalogDigest } from './digest.js';
import { DEFAULT_MAX_SHIFT, type FactorShift, type StateLevels } from './effects.js';
import { evaluateHarms } from './evaluate.js';
import { STATES, type State } from './profile.js';
import type { ScoreDetail, ValuedFactor } from './score.js';

/** Numbers as a reader would write them: no floating-point noise, no trailing zeros. */
export function formatNumber(x: number): string {
  return String(Number(x.toFixed(6)));
}

const STATE_TITLES: Record<State, string> = {
  inherent: 'Inherent: the factors as written',
  projected: 'Projected: after the safeguards declared implemented, in progress or planned',
  residual: 'Residual: after the safeguards declared implemented',
};

const ROWS: readonly (readonly [ValuedFactor | 'mitigation_feasibility', string | null])[] = [
  ['likelihood', 'l'],
  ['scale', 's'],
  ['duration', 'd'],
  ['vulnerability', 'v'],
  ['causality', 'c'],
  ['technology_contribution', 't'],
  ['mitigation_feasibility', null],
];

function words(id: string): string {
  return id.replace(/_/g, ' ');
}

function describeEffects(effects: Effects): string {
  const parts: string[] = [];
  for (const factor of SCORED_FACTORS) {
    const shift = effects[factor];
    if (shift !== undefined) parts.push(`${words(factor)} ${formatShift(shift)}`);
  }
  if (effects.exclude_populations?.length) parts.push(`removes ${effects.exclude_populations.join(', ')}`);
  return parts.length > 0 ? parts.join(', ') : 'no effect on the factors';
}

function formatShift(n: number): string {
  return n < 0 ? `−${-n}` : `+${n}`;
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

/** The arithmetic of one score, step by step, so that every number can be redone by hand. */
export function explainScore(detail: ScoreDetail, indent: string): string[] {
  const v = detail.values;
  const w = detail.weights;
  const n = formatNumber;
  const lines: string[] = [`${indent}${detail.vector}`];
  for (const [factor, symbol] of ROWS) {
    const level = detail.levels[factor];
    const value = symbol === null ? '(not scored)' : `${symbol} = ${n(v[factor as ValuedFactor])}`;
    lines.push(`${indent}  ${pad(words(factor), 24)} ${pad(level, 15)} ${value}`);
  }
  lines.push(
    `${indent}  B = ${n(w.scale)}·s + ${n(w.duration)}·d = ${n(w.scale)}·${n(v.scale)} + ${n(w.duration)}·${n(v.duration)} = ${n(detail.base)}`,
    `${indent}  I = B + (1 − B)·v = ${n(detail.base)} + (1 − ${n(detail.base)})·${n(v.vulnerability)} = ${n(detail.impact)}`,
    `${indent}  A = 1 − ${n(w.attribution)}·(1 − (c + t)/2) = 1 − ${n(w.attribution)}·(1 − (${n(v.causality)} + ${n(v.technology_contribution)})/2) = ${n(detail.attribution)}`,
    `${indent}  10·I·A = 10·${n(detail.impact)}·${n(detail.attribution)} = ${n(detail.rawSeverity)} → severity round1 = ${detail.severity.toFixed(1)} (${detail.severityLevel})`,
    `${indent}  likelihood factor = 1 − ${n(w.likelihood)}·(1 − l) = 1 − ${n(w.likelihood)}·(1 − ${n(v.likelihood)}) = ${n(detail.likelihoodFactor)}`,
    `${indent}  risk = severity·factor = ${detail.severity.toFixed(1)}·${n(detail.likelihoodFactor)} = ${n(detail.rawRisk)} → risk round1 = ${detail.risk.toFixed(1)} (${detail.riskLevel})`,
  );
  return lines;
}

function describeSteps(steps: readonly number[]): string {
  return SCORED_FACTORS.flatMap((factor, k) => (steps[k] ? [`${words(factor)} ${formatShift(steps[k]!)}`] : [])).join(', ');
}

function describeShift(shift: FactorShift): string {
  const parts: string[] = [];
  if (shift.down > 0) parts.push(`down ${shift.down}${shift.down > shift.cap ? `, capped at ${shift.cap}` : ''}`);
  if (shift.up > 0) parts.push(`up ${shift.up}${shift.up > shift.cap ? `, capped at ${shift.cap}` : ''}`);
  const net = Math.min(shift.up, shift.cap) - Math.min(shift.down, shift.cap);
  const stopped = shift.stopped ? ` (stopped at the ${net > 0 ? 'most' : 'least'} severe level)` : '';
  return `${words(shift.factor)} ${shift.from} → ${shift.to}: ${parts.join('; ')}${stopped}`;
}

function explainEffects(state: StateLevels, framework: Framework, inherentVulnerability: string, category: string): string[] {
  const lines: string[] = [];
  if (state.applied.length === 0) lines.push('    No declared safeguard is in effect in this state.');
  else {
    lines.push('    Safeguards in effect for this harm:');
    for (const s of state.applied) {
      const what =
        s.skippedWhen === undefined
          ? describeEffects(s.effects)
          : `effects skipped, they apply only when ${describeConditions(s.skippedWhen)}`;
      lines.push(`      ${s.id} (${s.status}, declared for the ${s.level}): ${what}`);
    }
  }
  if (state.raises.length > 0) {
    lines.push(`    Raised by safeguards in effect in this assessment (their trade-off on ${category}):`);
    for (const r of state.raises) lines.push(`      ${r.id}: ${describeSteps(r.steps)}`);
  }
  for (const shift of state.shifts) lines.push(`    ${describeShift(shift)}`);
  if (state.excluded.length > 0) {
    const remaining = state.populations.length > 0 ? describePopulations(framework, state.populations) : 'none';
    lines.push(
      `    Populations removed: ${state.excluded.join(', ')}; remaining: ${remaining} → vulnerability ${inherentVulnerability} → ${state.levels.vulnerability}`,
    );
  }
  // A raise always moves a factor (a raise names at least one positive step), so it always has a shift line.
  if (state.applied.length > 0 && state.shifts.length === 0 && state.excluded.length === 0) {
    lines.push('    No level changes.');
  }
  return lines;
}

/** "2" when every factor has the same cap, else each factor's. */
function describeCaps(framework: Framework): string {
  const caps = SCORED_FACTORS.map((factor) => framework.max_shift?.[factor] ?? DEFAULT_MAX_SHIFT);
  if (caps.every((cap) => cap === caps[0])) return String(caps[0]);
  return SCORED_FACTORS.map((factor, k) => `${caps[k]} (${words(factor)})`).join(', ');
}

function describePopulations(framework: Framework, ids: readonly string[]): string {
  const byId = new Map(framework.populations.map((p) => [p.id, p] as const));
  return ids
    .map((id) => {
      const population = byId.get(id);
      return population ? `${id} (${population.vulnerability})` : `${id} (unknown, ignored)`;
    })
    .join(', ');
}

/**
 * Plain text (no colour) that shows, per harm and state, every level, value, shift and
 * intermediate number of SPEC §2, so that a reader can redo each score by hand.
 */
export function explainHarms(input: { assessment: Assessment; catalog: Catalog; today?: string }): string {
  const { assessment, catalog } = input;
  const framework = catalog.framework;
  const w = framework.weights;
  // A valid catalog lists exactly low, medium, high, critical, in that order, with increasing minimums.
  const bands = framework.bands;
  const lines: string[] = [
    `Scored with framework ${framework.id} version ${framework.version} (catalog digest ${catalogDigest(catalog)}).`,
    `Weights: scale ${formatNumber(w.scale)}, duration ${formatNumber(w.duration)}, attribution ${formatNumber(w.attribution)}, likelihood ${formatNumber(w.likelihood)}.`,
    `Bands: ${bands.map((b) => `${b.id} from ${formatNumber(b.min)}`).join(', ')}; below ${formatNumber(bands[0]!.min)} is none.`,
    'round1(x) rounds half up to one decimal after removing floating-point noise: Math.round(Math.round(x·1e5)/1e4)/10.',
    'Risk multiplies the rounded severity.',
  ];
  const { evaluations } = evaluateHarms({
    catalog,
    feature: assessment.feature,
    harms: assessment.harms,
    waivers: assessment.waivers ?? [],
    today: input.today ?? '0000-01-01',
  });
  lines.push(`Each factor moves at most ${describeCaps(framework)} levels down and as many up, however many safeguards act on it.`);
  for (const evaluation of evaluations) {
    const harm = evaluation.harm;
    lines.push(
      '',
      `Harm ${harm.id}: ${harm.title}`,
      `  Category ${harm.category}; dimensions ${harm.dimensions.join(', ')}.`,
      `  Affected populations: ${describePopulations(framework, harm.factors.affected_populations)} → vulnerability ${evaluation.states.inherent.levels.vulnerability} (the highest).`,
    );
    for (const state of STATES) {
      lines.push('', `  ${STATE_TITLES[state]}`);
      if (state !== 'inherent') {
        lines.push(...explainEffects(evaluation.states[state], framework, evaluation.states.inherent.levels.vulnerability, harm.category));
      }
      lines.push(...explainScore(evaluation.scores[state], '    '));
    }
  }
  return `${lines.join('\n')}\n`;
}
