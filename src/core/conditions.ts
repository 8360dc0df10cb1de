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
 * Numbers for the values that conditions name, one slot per key and value, so that
 * matching a subject tests slots instead of comparing strings. Values no condition
 * names have no slot: they can never be the one a condition wants.
 */
export interface ValueSlots {
  slots: Record<ListKey, Record<string, number>>;
  size: number;
}

function createSlots(): ValueSlots {
  const table = () => Object.create(null) as Record<string, number>;
  return { slots: { dimension: table(), category: table(), capability: table(), population: table(), stage: table() }, size: 0 };
}

function slotOf(space: ValueSlots, key: ListKey, value: string): number {
  const slots = space.slots[key];
  return (slots[value] ??= space.size++);
}

/**
 * A condition entry prepared for matching many subjects: minimum levels as ranks,
 * and "any of" lists as slots, without repeats (a repeated value adds nothing to a
 * match or to its reason, which names each value once).
 */
interface CompiledCondition {
  minSeverity: Level | undefined;
  minSeverityRank: number;
  minRisk: Level | undefined;
  minRiskRank: number;
  factors: readonly { index: number; min: string; rank: number }[];
  lists: readonly CompiledList[];
  /** How many reasons a match gives: one per key. */
  size: number;
}

/**
 * An "any of" key: the values wanted, the bits of their slots (bit `slot % 32` of word
 * `slot / 32`), and the reason when only that value matches (written when first needed).
 */
interface CompiledList {
  key: ListKey;
  wanted: string[];
  /** The word and bit of each wanted value's slot. */
  wordOf: number[];
  bitOf: number[];
  /** All the wanted bits, gathered by word: any of them will do. */
  words: number[];
  masks: number[];
  alone: (string | undefined)[];
}

/** A condition list in the form matching uses; its values are numbered in the slots it was compiled with. */
export type CompiledConditions = readonly CompiledCondition[];

/** What matching needs of a subject, worked out once for all the conditions it meets. */
export interface PreparedSubject {
  subject: ConditionSubject;
  severityRank: number;
  riskRank: number;
  /** Rank of each factor's level, in FACTOR_ORDER. */
  factorRanks: readonly number[];
  /** The bits of the slots of the values the subject has. */
  has: number[];
  /** Reasons written once per subject, since many entries repeat them; by the minimum's rank. */
  severityWords: (string | undefined)[];
  riskWords: (string | undefined)[];
  factorWords: (string | undefined)[];
  /** The opening of the severity and risk reasons, which only the minimum then ends. */
  severityText?: string;
  riskText?: string;
}

function compileCondition(condition: Condition, space: ValueSlots): CompiledCondition {
  const factors: { index: number; min: string; rank: number }[] = [];
  if (condition.factor !== undefined) {
    const wanted = condition.factor;
    FACTOR_ORDER.forEach((factor, index) => {
      const min = wanted[factor];
      if (min !== undefined) factors.push({ index, min, rank: factorRank(factor, min) });
    });
  }
  const lists: CompiledList[] = [];
  for (const key of LIST_KEYS) {
    const value = condition[key];
    if (value === undefined) continue;
    const list: CompiledList = { key, wanted: [], wordOf: [], bitOf: [], words: [], masks: [], alone: [] };
    for (const w of Array.isArray(value) ? (value as readonly string[]) : [value as string]) {
      if (list.wanted.includes(w)) continue;
      const slot = slotOf(space, key, w);
      const word = slot >>> 5;
      const bit = 1 << (slot & 31);
      list.wanted.push(w);
      list.wordOf.push(word);
      list.bitOf.push(bit);
      const at = list.words.indexOf(word);
      if (at < 0) {
        list.words.push(word);
        list.masks.push(bit);
      } else list.masks[at]! |= bit;
    }
    lists.push(list);
  }
  return {
    minSeverity: condition.min_severity,
    minSeverityRank: condition.min_severity === undefined ? 0 : levelRank(condition.min_severity),
    minRisk: condition.min_risk,
    minRiskRank: condition.min_risk === undefined ? 0 : levelRank(condition.min_risk),
    factors,
    lists,
    size: (condition.min_severity === undefined ? 0 : 1) + (condition.min_risk === undefined ? 0 : 1) + factors.length + lists.length,
  };
}

/**
 * Prepares condition lists for matching. Lists compiled together share their value
 * slots, so that one prepared subject serves them all; a missing list matches nothing.
 */
export function compileConditionLists(lists: readonly (readonly Condition[] | undefined)[]): { space: ValueSlots; lists: CompiledConditions[] } {
  const space = createSlots();
  return { space, lists: lists.map((conditions) => (conditions ?? []).map((c) => compileCondition(c, space))) };
}

const compiledLists = new WeakMap<readonly Condition[], { space: ValueSlots; conditions: CompiledConditions }>();

/** One `recommend_when` or `require_when` list prepared once; catalogs are not changed after loading. */
function compileConditions(conditions: readonly Condition[]): { space: ValueSlots; conditions: CompiledConditions } {
  let compiled = compiledLists.get(conditions);
  if (!compiled) {
    const { space, lists } = compileConditionLists([conditions]);
    compiled = { space, conditions: lists[0]! };
    compiledLists.set(conditions, compiled);
  }
  return compiled;
}

function markValue(space: ValueSlots, has: number[], key: ListKey, value: string): void {
  if (typeof value !== 'string') return;
  const slot = space.slots[key][value];
  if (slot !== undefined) has[slot >>> 5]! |= 1 << (slot & 31);
}

/** A subject ready to be matched against the conditions compiled with `space`. */
export function prepareSubject(subject: ConditionSubject, space: ValueSlots): PreparedSubject {
  const has = new Array<number>((space.size + 31) >>> 5).fill(0);
  for (const value of subject.dimensions) markValue(space, has, 'dimension', value);
  markValue(space, has, 'category', subject.category);
  for (const value of subject.capabilities) markValue(space, has, 'capability', value);
  for (const value of subject.populations) markValue(space, has, 'population', value);
  markValue(space, has, 'stage', subject.stage);
  return {
    subject,
    severityRank: levelRank(subject.score.severityLevel),
    riskRank: levelRank(subject.score.riskLevel),
    factorRanks: FACTOR_ORDER.map((factor) => factorRank(factor, subject.levels[factor])),
    has,
    severityWords: [],
    riskWords: [],
    factorWords: [],
  };
}

/**
 * Whether every key holds: a `none` level never meets a minimum, since a condition's
 * levels start at low; no minimum is rank 0, which every level meets.
 */
function holds(c: CompiledCondition, p: PreparedSubject): boolean {
  if (p.severityRank < c.minSeverityRank || p.riskRank < c.minRiskRank) return false;
  for (const f of c.factors) if (p.factorRanks[f.index]! < f.rank) return false;
  const has = p.has;
  const lists = c.lists;
  for (let i = 0; i < lists.length; i++) {
    const { words, masks } = lists[i]!;
    let k = 0;
    while (k < words.length && (has[words[k]!]! & masks[k]!) === 0) k++;
    if (k === words.length) return false;
  }
  return true;
}

/** The keys of a matched entry in words: measured keys first, as people read them. */
function describeMatch(c: CompiledCondition, p: PreparedSubject): string[] {
  // Sized up front: a growing array reserves room for many more reasons than an entry has.
  const reasons = new Array<string>(c.size);
  let n = 0;
  const { subject } = p;
  const score = subject.score;
  // Cached by the minimum's rank: one text per known level (an unknown one, rank -1, is not cached).
  if (c.minSeverity !== undefined) {
    let words = p.severityWords[c.minSeverityRank];
    if (words === undefined) {
      p.severityText ??= `inherent severity ${score.severityLevel} (${score.severity.toFixed(1)}) is at least `;
      words = p.severityText + c.minSeverity;
      if (c.minSeverityRank >= 0) p.severityWords[c.minSeverityRank] = words;
    }
    reasons[n++] = words;
  }
  if (c.minRisk !== undefined) {
    let words = p.riskWords[c.minRiskRank];
    if (words === undefined) {
      p.riskText ??= `inherent risk ${score.riskLevel} (${score.risk.toFixed(1)}) is at least `;
      words = p.riskText + c.minRisk;
      if (c.minRiskRank >= 0) p.riskWords[c.minRiskRank] = words;
    }
    reasons[n++] = words;
  }
  for (const { index, min, rank } of c.factors) {
    const key = index * 8 + rank;
    let words = rank >= 0 ? p.factorWords[key] : undefined;
    if (words === undefined) {
      const factor = FACTOR_ORDER[index]!;
      const hard = factor === 'mitigation_feasibility' ? 'as hard as ' : '';
      words = `${FACTOR_WORDS[index]} ${subject.levels[factor]} is at least ${hard}${min}`;
      if (rank >= 0) p.factorWords[key] = words;
    }
    reasons[n++] = words;
  }
  for (const { key, wanted, wordOf, bitOf, alone } of c.lists) {
    let text: string | undefined;
    for (let i = 0; i < wanted.length; i++) {
      if ((p.has[wordOf[i]!]! & bitOf[i]!) === 0) continue;
      text = text === undefined ? (alone[i] ??= `${key} ${wanted[i]!}`) : `${text}, ${wanted[i]!}`;
    }
    reasons[n++] = text!;
  }
  return reasons;
}

/**
 * Whether every key of one condition entry holds. Returns the keys in words when it
 * matches (measured keys first, as people read them), or null when it does not.
 */
export function matchCondition(condition: Condition, subject: ConditionSubject): string[] | null {
  const { space, lists } = compileConditionLists([[condition]]);
  const compiled = lists[0]![0]!;
  const prepared = prepareSubject(subject, space);
  return holds(compiled, prepared) ? describeMatch(compiled, prepared) : null;
}

/**
 * The first compiled entry that matches a subject prepared in the same value slots;
 * reasons are written only for it.
 */
function matchCompiledConditions(conditions: CompiledConditions, subject: PreparedSubject): ConditionMatch | null {
  for (let index = 0; index < conditions.length; index++) {
    const condition = conditions[index]!;
    if (holds(condition, subject)) return { index, reasons: describeMatch(condition, subject) };
  }
  return null;
}

/**
 * For each of many lists compiled together, the reasons of its first matching entry,
 * or null: one call per subject.
 */
export function matchConditionLists(lists: readonly CompiledConditions[], subject: PreparedSubject): (string[] | null)[] {
  const matches = new Array<string[] | null>(lists.length);
  for (let i = 0; i < lists.length; i++) {
    const conditions = lists[i]!;
    let reasons: string[] | null = null;
    for (const condition of conditions) {
      if (holds(condition, subject)) {
        reasons = describeMatch(condition, subject);
        break;
      }
    }
    matches[i] = reasons;
  }
  return matches;
}

/** The first entry of a `recommend_when` or `require_when` list that matches: any entry will do. */
export function matchConditions(conditions: readonly Condition[] | undefined, subject: ConditionSubject): ConditionMatch | null {
  if (!conditions) return null;
  const compiled = compileConditions(conditions);
  return matchCompiledConditions(compiled.conditions, prepareSubject(subject, compiled.space));
}
