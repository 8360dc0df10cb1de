import {
  FACTOR_LEVELS,
  LEVELS,
  VULNERABILITY_LEVELS,
  type FactorLevelId,
  type Level,
  type ScoredFactor,
  type VulnerabilityId,
} from '../schema/common.js';
import type { Band, Framework } from '../schema/catalog.js';
import type { Score } from '../schema/output.js';
import { formatVector } from './vector.js';

/** The seven level ids that describe one state of a harm; a vector says the same thing. */
export interface LevelSet {
  likelihood: FactorLevelId<'likelihood'>;
  scale: FactorLevelId<'scale'>;
  duration: FactorLevelId<'duration'>;
  vulnerability: VulnerabilityId;
  causality: FactorLevelId<'causality'>;
  technology_contribution: FactorLevelId<'technology_contribution'>;
  mitigation_feasibility: FactorLevelId<'mitigation_feasibility'>;
}

/** The factors that carry a value: the scored factors plus the derived vulnerability. */
export type ValuedFactor = ScoredFactor | 'vulnerability';
export type FactorValues = Record<ValuedFactor, number>;

/** A score with every intermediate number, so that `--explain` can show how it was reached. */
export interface ScoreDetail extends Score {
  vector: string;
  levels: LevelSet;
  values: FactorValues;
  weights: Framework['weights'];
  /** B = w.scale·s + w.duration·d */
  base: number;
  /** I = B + (1 − B)·v */
  impact: number;
  /** A = 1 − w.attribution·(1 − (c + t)/2) */
  attribution: number;
  /** 10·I·A before rounding. */
  rawSeverity: number;
  /** 1 − w.likelihood·(1 − l) */
  likelihoodFactor: number;
  /** The rounded severity times the likelihood factor, before rounding. */
  rawRisk: number;
}

/**
 * Rounds half up to one decimal after removing floating-point noise, so that a
 * raw 8.04999… (really 8.05) becomes 8.1, as a reader computing by hand expects.
 */
export function round1(x: number): number {
  return Math.round(Math.round(x * 1e5) / 1e4) / 10;
}

/** The band a score falls in: the one with the highest minimum not above it; below every band is `none`. */
export function levelOf(score: number, bands: readonly Band[]): Level {
  let best: Band | undefined;
  for (const band of bands) {
    if (score >= band.min && (best === undefined || band.min > best.min)) best = band;
  }
  return best ? best.id : 'none';
}

/** The position of a level in LEVELS, for "at least" comparisons. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** The highest vulnerability among the populations; ids the framework does not define are ignored. */
export function vulnerabilityOf(framework: Framework, populationIds: readonly string[]): VulnerabilityId {
  const order = VULNERABILITY_LEVELS.map(([id]) => id as VulnerabilityId);
  let rank = 0;
  for (const id of populationIds) {
    const population = framework.populations.find((p) => p.id === id);
    if (!population) continue;
    rank = Math.max(rank, order.indexOf(population.vulnerability));
  }
  return order[rank] ?? 'none';
}

/** The value the framework gives a level of a scored factor or of vulnerability. */
export function lookupValue(framework: Framework, factor: ValuedFactor, level: string): number {
  const levels = factor === 'vulnerability' ? framework.vulnerability.levels : framework.factors[factor].levels;
  const found = (levels as readonly { id: string; value: number }[]).find((l) => l.id === level);
  if (!found) throw new Error(`The framework has no ${factor} level "${level}".`);
  return found.value;
}

/** Severity and risk of one state of a harm, from the framework's values, weights and bands (SPEC §2.1). */
export function scoreLevels(framework: Framework, levels: LevelSet): ScoreDetail {
  const w = framework.weights;
  const values: FactorValues = {
    likelihood: lookupValue(framework, 'likelihood', levels.likelihood),
    scale: lookupValue(framework, 'scale', levels.scale),
    duration: lookupValue(framework, 'duration', levels.duration),
    vulnerability: lookupValue(framework, 'vulnerability', levels.vulnerability),
    causality: lookupValue(framework, 'causality', levels.causality),
    technology_contribution: lookupValue(framework, 'technology_contribution', levels.technology_contribution),
  };
  const base = w.scale * values.scale + w.duration * values.duration;
  const impact = base + (1 - base) * values.vulnerability;
  const attribution = 1 - w.attribution * (1 - (values.causality + values.technology_contribution) / 2);
  const rawSeverity = 10 * impact * attribution;
  const severity = round1(rawSeverity);
  const likelihoodFactor = 1 - w.likelihood * (1 - values.likelihood);
  // Risk multiplies the rounded severity so that a reader can check it by hand.
  const rawRisk = severity * likelihoodFactor;
  const risk = round1(rawRisk);
  return {
    severity,
    severityLevel: levelOf(severity, framework.bands),
    risk,
    riskLevel: levelOf(risk, framework.bands),
    vector: formatVector(levels),
    levels,
    values,
    weights: w,
    base,
    impact,
    attribution,
    rawSeverity,
    likelihoodFactor,
    rawRisk,
  };
}

/** The public part of a score, with the fields in the order SPEC §7 shows them. */
export function toScore(detail: Score): Score {
  return {
    severity: detail.severity,
    severityLevel: detail.severityLevel,
    risk: detail.risk,
    riskLevel: detail.riskLevel,
    vector: detail.vector,
  };
}

/** The score of a dimension no harm lists. */
export const EMPTY_SCORE: Readonly<Score> = Object.freeze({
  severity: 0,
  severityLevel: 'none',
  risk: 0,
  riskLevel: 'none',
  vector: null,
});

/** Index of a factor level in its fixed order (least severe, or easiest to mitigate, first). */
export function factorRank(factor: keyof typeof FACTOR_LEVELS | 'vulnerability', level: string): number {
  const levels: readonly (readonly [string, string])[] = factor === 'vulnerability' ? VULNERABILITY_LEVELS : FACTOR_LEVELS[factor];
  return levels.findIndex(([id]) => id === level);
}
