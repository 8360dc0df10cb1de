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

function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function formatNumber(x: number): string {
  return x.toFixed(1);
}

/** Whether a level is at least `min`; `none` never is, since a condition's levels start at low. */
function atLeast(level: Level, min: Level): boolean {
  return levelRank(level) >= levelRank(min);
}

function factorWords(factor: ConditionFactor, level: string, min: string): string {
  const name = factor.replace(/_/g, ' ');
  return factor === 'mitigation_feasibility' ? `${name} ${level} is at least as hard as ${min}` : `${name} ${level} is at least ${min}`;
}

/**
 * Whether every key of one condition entry holds. Returns the keys in words when it
 * matches (measured keys first, as people read them), or null when it does not.
 */
export function matchCondition(condition: Condition, subject: ConditionSubject): string[] | null {
  const reasons: string[] = [];
  if (condition.min_severity !== undefined) {
    if (!atLeast(subject.score.severityLevel, condition.min_severity)) return null;
    reasons.push(`inherent severity ${subject.score.severityLevel} (${formatNumber(subject.score.severity)}) is at least ${condition.min_severity}`);
  }
  if (condition.min_risk !== undefined) {
    if (!atLeast(subject.score.riskLevel, condition.min_risk)) return null;
    reasons.push(`inherent risk ${subject.score.riskLevel} (${formatNumber(subject.score.risk)}) is at least ${condition.min_risk}`);
  }
  if (condition.factor !== undefined) {
    for (const factor of FACTOR_ORDER) {
      const min = condition.factor[factor];
      if (min === undefined) continue;
      const level = subject.levels[factor];
      if (factorRank(factor, level) < factorRank(factor, min)) return null;
      reasons.push(factorWords(factor, level, min));
    }
  }
  const anyOf = (key: 'dimension' | 'category' | 'capability' | 'population' | 'stage', have: readonly string[]): boolean => {
    const wanted = condition[key];
    if (wanted === undefined) return true;
    const matched = asList<string>(wanted).filter((w) => have.includes(w));
    if (matched.length === 0) return false;
    reasons.push(`${key} ${[...new Set(matched)].join(', ')}`);
    return true;
  };
  if (!anyOf('dimension', subject.dimensions)) return null;
  if (!anyOf('category', [subject.category])) return null;
  if (!anyOf('capability', subject.capabilities)) return null;
  if (!anyOf('population', subject.populations)) return null;
  if (!anyOf('stage', [subject.stage])) return null;
  return reasons;
}

/** The first entry of a `recommend_when` or `require_when` list that matches: any entry will do. */
export function matchConditions(conditions: readonly Condition[] | undefined, subject: ConditionSubject): ConditionMatch | null {
  if (!conditions) return null;
  for (let index = 0; index < conditions.length; index++) {
    const reasons = matchCondition(conditions[index]!, subject);
    if (reasons) return { index, reasons };
  }
  return null;
}
