import type { Feature, Harm } from '../schema/assessment.js';
import type { Condition } from '../schema/catalog.js';
import type { Level, Stage } from '../schema/common.js';
import type { Score } from '../schema/output.js';
import { factorRank, levelRank, type LevelSet } from './score.js';

/** What conditions are evaluated on: the inherent harm and its feature (SPEC §3.1). */
export interface ConditionSubject {
  category: string;
  dimensions: readonly string[];
  populations: readonly string[];
  capabilities: readonly string[];
  stage: Stage;
  /** Inherent levels. */
  levels: LevelSet;
  /** Inherent severity and risk. */
  score: Pick<Score, 'severity' | 'severityLevel' | 'risk' | 'riskLevel'>;
}

export interface ConditionMatch {
  /** Index of the first entry that matched. */
  index: number;
  /** That entry's keys, in words. */
  reasons: string[];
}

type ConditionFactor = keyof NonNullable<Condition['factor']>;

const FACTOR_ORDER: readonly ConditionFactor[] = [
  'likelihood',
  'scale',
  'duration',
  'vulnerability',
  'causality',
  'technology_contribution',
  'mitigation_feasibility',
];

export function conditionSubject(
  harm: Pick<Harm, 'category' | 'dimensions' | 'factors'>,
  feature: Pick<Feature, 'stage' | 'capabilities'>,
  levels: LevelSet,
  score: ConditionSubject['score'],
): ConditionSubject {
  return {
    category: harm.category,
    dimensions: harm.dimensions,
    populations: harm.factors.affected_populations,
    capabilities: feature.capabilities ?? [],
    stage: feature.stage,
    levels,
    score,
  };
}

type ListKey = 'dimension' | 'category' | 'capability' | 'population' | 'stage';

/** The "any of" keys, in the order their reasons are written. */
const LIST_KEYS: readonly ListKey[] = ['dimension', 'category', 'capability', 'population', 'stage'];

const FACTOR_WORDS: readonly string[] = FACTOR_ORDER.map((factor) => factor.replace(/_/g, ' '));

/**
 * A condition entry prepared for matching many subjects: minimum levels as ranks,
 * and "any of" lists without repeats (a repeated value adds nothing to a match or
 * to its reason, which names each value once).
 */
interface CompiledCondition {
  minSeverity: Level | undefined;
  minSeverityRank: number;
  minRisk: Level | undefined;
  minRiskRank: number;
  factors: readonly { index: number; min: string; rank: number }[];
  lists: readonly { key: ListKey; wanted: readonly string[] }[];
}

/** What matching needs of a subject, worked out once for all the conditions it meets. */
export interface PreparedSubject {
  subject: ConditionSubject;
  severityRank: number;
  riskRank: number;
  /** Rank of each factor's level, in FACTOR_ORDER. */
  factorRanks: readonly number[];
  /** Reason openings written once per subject, since many entries repeat them. */
  severityWords?: string;
  riskWords?: string;
  factorWords: (string | undefined)[];
}

/** Conditions in the form matching uses; build with compileConditions. */
export type CompiledConditions = readonly CompiledCondition[];

function compileCondition(condition: Condition): CompiledCondition {
  const factors: { index: number; min: string; rank: number }[] = [];
  if (condition.factor !== undefined) {
    FACTOR_ORDER.forEach((factor, index) => {
      const min = condition.factor![factor];
      if (min !== undefined) factors.push({ index, min, rank: factorRank(factor, min) });
    });
  }
  const lists: { key: ListKey; wanted: readonly string[] }[] = [];
  for (const key of LIST_KEYS) {
    const wanted = condition[key];
    if (wanted === undefined) continue;
    const values: readonly string[] = Array.isArray(wanted) ? wanted : [wanted as string];
    lists.push({ key, wanted: values.filter((w, i) => values.indexOf(w) === i) });
  }
  return {
    minSeverity: condition.min_severity,
    minSeverityRank: condition.min_severity === undefined ? 0 : levelRank(condition.min_severity),
    minRisk: condition.min_risk,
    minRiskRank: condition.min_risk === undefined ? 0 : levelRank(condition.min_risk),
    factors,
    lists,
  };
}

const compiledLists = new WeakMap<readonly Condition[], CompiledConditions>();

/** A `recommend_when` or `require_when` list prepared once; catalogs are not changed after loading. */
export function compileConditions(conditions: readonly Condition[]): CompiledConditions {
  let compiled = compiledLists.get(conditions);
  if (!compiled) {
    compiled = conditions.map(compileCondition);
    compiledLists.set(conditions, compiled);
  }
  return compiled;
}

export function prepareSubject(subject: ConditionSubject): PreparedSubject {
  return {
    subject,
    severityRank: levelRank(subject.score.severityLevel),
    riskRank: levelRank(subject.score.riskLevel),
    factorRanks: FACTOR_ORDER.map((factor) => factorRank(factor, subject.levels[factor])),
    factorWords: [],
  };
}

/** Whether the subject has a wanted value: one of its lists holds it, or its category or stage is it. */
function has(subject: ConditionSubject, key: ListKey, value: string): boolean {
  switch (key) {
    case 'dimension':
      return subject.dimensions.includes(value);
    case 'category':
      return subject.category === value;
    case 'capability':
      return subject.capabilities.includes(value);
    case 'population':
      return subject.populations.includes(value);
    case 'stage':
      return subject.stage === value;
  }
}

/** Whether every key holds: a `none` level never meets a minimum, since a condition's levels start at low. */
function holds(c: CompiledCondition, p: PreparedSubject): boolean {
  if (c.minSeverity !== undefined && p.severityRank < c.minSeverityRank) return false;
  if (c.minRisk !== undefined && p.riskRank < c.minRiskRank) return false;
  for (const f of c.factors) if (p.factorRanks[f.index]! < f.rank) return false;
  for (const { key, wanted } of c.lists) {
    let any = false;
    for (const w of wanted) {
      if (has(p.subject, key, w)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/** The keys of a matched entry in words: measured keys first, as people read them. */
function describeMatch(c: CompiledCondition, p: PreparedSubject): string[] {
  const reasons: string[] = [];
  const { subject } = p;
  const score = subject.score;
  if (c.minSeverity !== undefined) {
    p.severityWords ??= `inherent severity ${score.severityLevel} (${score.severity.toFixed(1)}) is at least `;
    reasons.push(p.severityWords + c.minSeverity);
  }
  if (c.minRisk !== undefined) {
    p.riskWords ??= `inherent risk ${score.riskLevel} (${score.risk.toFixed(1)}) is at least `;
    reasons.push(p.riskWords + c.minRisk);
  }
  for (const { index, min } of c.factors) {
    let words = p.factorWords[index];
    if (words === undefined) {
      const factor = FACTOR_ORDER[index]!;
      const hard = factor === 'mitigation_feasibility' ? 'as hard as ' : '';
      words = p.factorWords[index] = `${FACTOR_WORDS[index]} ${subject.levels[factor]} is at least ${hard}`;
    }
    reasons.push(words + min);
  }
  for (const { key, wanted } of c.lists) {
    let text = key;
    let separator = ' ';
    for (const w of wanted) {
      if (!has(subject, key, w)) continue;
      text += separator + w;
      separator = ', ';
    }
    reasons.push(text);
  }
  return reasons;
}

/**
 * Whether every key of one condition entry holds. Returns the keys in words when it
 * matches (measured keys first, as people read them), or null when it does not.
 */
export function matchCondition(condition: Condition, subject: ConditionSubject): string[] | null {
  const compiled = compileCondition(condition);
  const prepared = prepareSubject(subject);
  return holds(compiled, prepared) ? describeMatch(compiled, prepared) : null;
}

/** The first compiled entry that matches a prepared subject; reasons are written only for it. */
export function matchCompiledConditions(conditions: CompiledConditions | undefined, subject: PreparedSubject): ConditionMatch | null {
  if (!conditions) return null;
  for (let index = 0; index < conditions.length; index++) {
    const condition = conditions[index]!;
    if (holds(condition, subject)) return { index, reasons: describeMatch(condition, subject) };
  }
  return null;
}

/** The first entry of a `recommend_when` or `require_when` list that matches: any entry will do. */
export function matchConditions(conditions: readonly Condition[] | undefined, subject: ConditionSubject): ConditionMatch | null {
  if (!conditions) return null;
  return matchCompiledConditions(compileConditions(conditions), prepareSubject(subject));
}
