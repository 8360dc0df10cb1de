import {
  FACTOR_LEVELS,
  LEVELS,
  VULNERABILITY_LEVELS,
  type Level,
  type ScoredFactor,
  type VulnerabilityId,
} from '../schema/common.js';
import type { Band, Framework } from '../schema/catalog.js';
import type { Score } from '../schema/output.js';
import { formatVector, VECTOR_COMPONENTS, VECTOR_PREFIX, VECTOR_VERSION, type LevelSet } from './vector.js';

export type { LevelSet } from './vector.js';

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

/**
 * Values by id in a prototype-free object. Ids read from a file are new strings each
 * time; as property keys V8 interns them on first use, so further lookups compare no
 * characters, which a Map keyed by strings would do on every lookup.
 */
export type IdTable<T> = { readonly [id: string]: T | undefined };

/** An IdTable of the entries; the first entry of a repeated id counts, as a search would find it. */
export function createIdTable<T>(entries: Iterable<readonly [string, T]>): IdTable<T> {
  const table = Object.create(null) as Record<string, T>;
  for (const [id, value] of entries) if (!(id in table)) table[id] = value;
  return table;
}

/** Positions in a fixed list of ids, looked up instead of searched. */
function rankTable(ids: readonly string[]): IdTable<number> {
  return createIdTable(ids.map((id, i) => [id, i] as const));
}

const LEVEL_RANKS = rankTable(LEVELS);
const VULNERABILITY_ORDER = VULNERABILITY_LEVELS.map(([id]) => id as VulnerabilityId);
const VULNERABILITY_RANKS = rankTable(VULNERABILITY_ORDER);
const idsOf = (levels: readonly (readonly [string, string])[]) => levels.map(([id]) => id);
const FACTOR_RANKS: Record<keyof typeof FACTOR_LEVELS | 'vulnerability', IdTable<number>> = {
  likelihood: rankTable(idsOf(FACTOR_LEVELS.likelihood)),
  scale: rankTable(idsOf(FACTOR_LEVELS.scale)),
  duration: rankTable(idsOf(FACTOR_LEVELS.duration)),
  causality: rankTable(idsOf(FACTOR_LEVELS.causality)),
  technology_contribution: rankTable(idsOf(FACTOR_LEVELS.technology_contribution)),
  mitigation_feasibility: rankTable(idsOf(FACTOR_LEVELS.mitigation_feasibility)),
  vulnerability: VULNERABILITY_RANKS,
};

/** The position of a level in LEVELS, for "at least" comparisons. */
export function levelRank(level: Level): number {
  return LEVEL_RANKS[level] ?? -1;
}

/** What scoring needs of a framework, indexed once; the framework itself is never changed. */
interface FrameworkIndex {
  /** Vulnerability rank of each population id (the first entry of an id counts). */
  populationRanks: IdTable<number>;
  /** Value of each level of each valued factor (the first entry of a level counts). */
  values: Record<ValuedFactor, IdTable<number>>;
}

const frameworkIndexes = new WeakMap<Framework, FrameworkIndex>();

function indexFramework(framework: Framework): FrameworkIndex {
  let index = frameworkIndexes.get(framework);
  if (index) return index;
  const valueTable = (levels: readonly { id: string; value: number }[]) => createIdTable(levels.map((l) => [l.id, l.value] as const));
  const f = framework.factors;
  index = {
    populationRanks: createIdTable(framework.populations.map((p) => [p.id, VULNERABILITY_RANKS[p.vulnerability] ?? -1] as const)),
    values: {
      likelihood: valueTable(f.likelihood.levels),
      scale: valueTable(f.scale.levels),
      duration: valueTable(f.duration.levels),
      vulnerability: valueTable(framework.vulnerability.levels),
      causality: valueTable(f.causality.levels),
      technology_contribution: valueTable(f.technology_contribution.levels),
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
    const found = ranks[id];
    if (found === undefined) continue;
    rank = Math.max(rank, found);
  }
  // Ranks come from VULNERABILITY_RANKS, so every one names a level.
  return VULNERABILITY_ORDER[rank]!;
}

function valueOf(index: FrameworkIndex, factor: ValuedFactor, level: string): number {
  const value = index.values[factor][level];
  if (value === undefined) throw new Error(`The framework has no ${factor} level "${level}".`);
  return value;
}

/** Vector codes of every factor's levels, keyed by level id. */
const VECTOR_CODES: readonly (readonly [string, keyof LevelSet, IdTable<string>])[] = VECTOR_COMPONENTS.map(([letter, factor]) => {
  const levels: readonly (readonly [string, string])[] = factor === 'vulnerability' ? VULNERABILITY_LEVELS : FACTOR_LEVELS[factor];
  return [letter, factor, createIdTable(levels)] as const;
});
const VECTOR_HEAD = `${VECTOR_PREFIX}:${VECTOR_VERSION}`;

/** formatVector without searching the level lists; anything unusual goes to formatVector, which says what is wrong. */
function vectorOf(levels: LevelSet): string {
  let text = VECTOR_HEAD;
  for (const [letter, factor, codes] of VECTOR_CODES) {
    const code = codes[levels[factor]];
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

function sameLevels(a: LevelSet, b: LevelSet): boolean {
  return (
    a.likelihood === b.likelihood &&
    a.scale === b.scale &&
    a.duration === b.duration &&
    a.vulnerability === b.vulnerability &&
    a.causality === b.causality &&
    a.technology_contribution === b.technology_contribution &&
    a.mitigation_feasibility === b.mitigation_feasibility
  );
}

/**
 * scoreLevels for the states of one harm, which often have the same levels: a score
 * of the same levels with the same framework (one already computed, or `known`) is
 * copied instead of computed again.
 */
export function scoreStates(framework: Framework, states: readonly LevelSet[], known?: ScoreDetail): ScoreDetail[] {
  const scores: ScoreDetail[] = [];
  for (const levels of states) {
    const same = (known && sameLevels(known.levels, levels) ? known : undefined) ?? scores.find((s) => sameLevels(s.levels, levels));
    scores.push(same ? { ...same, levels, values: { ...same.values } } : scoreLevels(framework, levels));
  }
  return scores;
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
  return FACTOR_RANKS[factor][level] ?? -1;
}
