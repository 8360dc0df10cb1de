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
import { formatVector, VECTOR_COMPONENTS, VECTOR_PREFIX, VECTOR_VERSION } from './vector.js';

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

/** Positions in a fixed list of ids, looked up once per call instead of searched. */
function rankMap(ids: readonly string[]): ReadonlyMap<string, number> {
  const ranks = new Map<string, number>();
  // The first position wins, as indexOf would find it.
  ids.forEach((id, i) => {
    if (!ranks.has(id)) ranks.set(id, i);
  });
  return ranks;
}

const LEVEL_RANKS = rankMap(LEVELS);
const VULNERABILITY_ORDER = VULNERABILITY_LEVELS.map(([id]) => id as VulnerabilityId);
const VULNERABILITY_RANKS = rankMap(VULNERABILITY_ORDER);
const idsOf = (levels: readonly (readonly [string, string])[]) => levels.map(([id]) => id);
const FACTOR_RANKS: Record<keyof typeof FACTOR_LEVELS | 'vulnerability', ReadonlyMap<string, number>> = {
  likelihood: rankMap(idsOf(FACTOR_LEVELS.likelihood)),
  scale: rankMap(idsOf(FACTOR_LEVELS.scale)),
  duration: rankMap(idsOf(FACTOR_LEVELS.duration)),
  causality: rankMap(idsOf(FACTOR_LEVELS.causality)),
  technology_contribution: rankMap(idsOf(FACTOR_LEVELS.technology_contribution)),
  mitigation_feasibility: rankMap(idsOf(FACTOR_LEVELS.mitigation_feasibility)),
  vulnerability: VULNERABILITY_RANKS,
};

/** The position of a level in LEVELS, for "at least" comparisons. */
export function levelRank(level: Level): number {
  return LEVEL_RANKS.get(level) ?? -1;
}

/** What scoring needs of a framework, indexed once; the framework itself is never changed. */
interface FrameworkIndex {
  /** Vulnerability rank of each population id (the first entry of an id counts). */
  populationRanks: ReadonlyMap<string, number>;
  /** Value of each level of each valued factor (the first entry of a level counts). */
  values: Record<ValuedFactor, ReadonlyMap<string, number>>;
}

const frameworkIndexes = new WeakMap<Framework, FrameworkIndex>();

function indexFramework(framework: Framework): FrameworkIndex {
  let index = frameworkIndexes.get(framework);
  if (index) return index;
  const populationRanks = new Map<string, number>();
  for (const population of framework.populations) {
    if (!populationRanks.has(population.id)) populationRanks.set(population.id, VULNERABILITY_RANKS.get(population.vulnerability) ?? -1);
  }
  const valueMap = (levels: readonly { id: string; value: number }[]) => {
    const map = new Map<string, number>();
    for (const level of levels) if (!map.has(level.id)) map.set(level.id, level.value);
    return map;
  };
  const f = framework.factors;
  index = {
    populationRanks,
    values: {
      likelihood: valueMap(f.likelihood.levels),
      scale: valueMap(f.scale.levels),
      duration: valueMap(f.duration.levels),
      vulnerability: valueMap(framework.vulnerability.levels),
      causality: valueMap(f.causality.levels),
      technology_contribution: valueMap(f.technology_contribution.levels),
    },
  };
  frameworkIndexes.set(framework, index);
  return index;
}

/** The highest vulnerability among the populations; ids the framework does not define are ignored. */
export function vulnerabilityOf(framework: Framework, populationIds: readonly string[]): VulnerabilityId {
  const ranks = indexFramework(framework).populationRanks;
  let rank = 0;
  for (const id of populationIds) {
    const found = ranks.get(id);
    if (found === undefined) continue;
    rank = Math.max(rank, found);
  }
  return VULNERABILITY_ORDER[rank] ?? 'none';
}

function valueOf(index: FrameworkIndex, factor: ValuedFactor, level: string): number {
  const value = index.values[factor].get(level);
  if (value === undefined) throw new Error(`The framework has no ${factor} level "${level}".`);
  return value;
}

/** The value the framework gives a level of a scored factor or of vulnerability. */
export function lookupValue(framework: Framework, factor: ValuedFactor, level: string): number {
  return valueOf(indexFramework(framework), factor, level);
}

/** Vector codes of every factor's levels, keyed by level id. */
const VECTOR_CODES: readonly (readonly [string, keyof LevelSet, ReadonlyMap<string, string>])[] = VECTOR_COMPONENTS.map(([letter, factor]) => {
  const levels: readonly (readonly [string, string])[] = factor === 'vulnerability' ? VULNERABILITY_LEVELS : FACTOR_LEVELS[factor];
  const codes = new Map<string, string>();
  for (const [id, code] of levels) if (!codes.has(id)) codes.set(id, code);
  return [letter, factor, codes] as const;
});
const VECTOR_HEAD = `${VECTOR_PREFIX}:${VECTOR_VERSION}`;

/** formatVector without searching the level lists; anything unusual goes to formatVector, which says what is wrong. */
function vectorOf(levels: LevelSet): string {
  let text = VECTOR_HEAD;
  for (const [letter, factor, codes] of VECTOR_CODES) {
    const code = codes.get(levels[factor]);
    if (code === undefined) return formatVector(levels);
    text += `/${letter}:${code}`;
  }
  return text;
}

/** Severity and risk of one state of a harm, from the framework's values, weights and bands (SPEC §2.1). */
export function scoreLevels(framework: Framework, levels: LevelSet): ScoreDetail {
  const w = framework.weights;
  const index = indexFramework(framework);
  const values: FactorValues = {
    likelihood: valueOf(index, 'likelihood', levels.likelihood),
    scale: valueOf(index, 'scale', levels.scale),
    duration: valueOf(index, 'duration', levels.duration),
    vulnerability: valueOf(index, 'vulnerability', levels.vulnerability),
    causality: valueOf(index, 'causality', levels.causality),
    technology_contribution: valueOf(index, 'technology_contribution', levels.technology_contribution),
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
    vector: vectorOf(levels),
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
  return FACTOR_RANKS[factor].get(level) ?? -1;
}
