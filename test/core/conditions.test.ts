import { describe, expect, it } from 'vitest';
import {
  compileConditionLists,
  conditionSubject,
  matchCondition,
  matchConditionLists,
  matchConditions,
  prepareSubject,
  type ConditionSubject,
} from '../../src/core/conditions.js';
import { inherentLevels } from '../../src/core/effects.js';
import { scoreLevels } from '../../src/core/score.js';
import type { Feature } from '../../src/schema/assessment.js';
import type { Condition } from '../../src/schema/catalog.js';
import { FRAMEWORK, makeHarm } from '../fixtures/framework.js';
import { freshImport } from '../helpers/fresh-import.js';

/** The default harm: L:P S:W D:L V:E C:C T:S M:M → severity 7.3 high, risk 5.5 medium. */
function subject(feature: Partial<Pick<Feature, 'stage' | 'capabilities'>> = {}, harm = makeHarm()): ConditionSubject {
  const levels = inherentLevels(FRAMEWORK, harm.factors);
  return conditionSubject(harm, { stage: 'beta', capabilities: ['computer_use', 'tool_use'], ...feature }, levels, scoreLevels(FRAMEWORK, levels));
}

const MATCHES: [string, Condition, string[] | null][] = [
  ['min_risk met', { min_risk: 'medium' }, ['inherent risk medium (5.5) is at least medium']],
  ['min_risk not met', { min_risk: 'high' }, null],
  ['min_severity met', { min_severity: 'high' }, ['inherent severity high (7.3) is at least high']],
  ['min_severity not met', { min_severity: 'critical' }, null],
  ['capability', { capability: 'computer_use' }, ['capability computer_use']],
  ['capability list: any of', { capability: ['browser', 'tool_use'] }, ['capability tool_use']],
  ['capability absent', { capability: 'voice' }, null],
  ['category', { category: 'fraud_scams' }, ['category fraud_scams']],
  ['category list without it', { category: ['cbrn', 'privacy'] }, null],
  ['dimension', { dimension: ['economic', 'physical'] }, ['dimension economic']],
  ['dimensions, several matched', { dimension: ['economic', 'individual_autonomy'] }, ['dimension economic, individual_autonomy']],
  ['population', { population: 'older_adults' }, ['population older_adults']],
  ['population absent', { population: 'children' }, null],
  ['stage', { stage: ['beta', 'ga'] }, ['stage beta']],
  ['stage absent', { stage: 'concept' }, null],
  ['factor at the level', { factor: { likelihood: 'possible' } }, ['likelihood possible is at least possible']],
  ['factor above the level', { factor: { scale: 'group' } }, ['scale widespread is at least group']],
  ['factor below the level', { factor: { likelihood: 'likely' } }, null],
  ['vulnerability', { factor: { vulnerability: 'elevated' } }, ['vulnerability elevated is at least elevated']],
  ['vulnerability too low', { factor: { vulnerability: 'high' } }, null],
  ['mitigation at least as hard', { factor: { mitigation_feasibility: 'high' } }, ['mitigation feasibility moderate is at least as hard as high']],
  ['mitigation not hard enough', { factor: { mitigation_feasibility: 'low' } }, null],
  ['all keys must hold', { min_risk: 'medium', capability: 'voice' }, null],
  [
    'all keys hold: measured keys first',
    { capability: 'computer_use', min_risk: 'medium', factor: { technology_contribution: 'marginal' } },
    ['inherent risk medium (5.5) is at least medium', 'technology contribution significant is at least marginal', 'capability computer_use'],
  ],
  ['the SPEC example', { dimension: 'economic', min_severity: 'high' }, ['inherent severity high (7.3) is at least high', 'dimension economic']],
];

describe('matchCondition', () => {
  it.each(MATCHES)('%s', (_name, condition, expected) => {
    expect(matchCondition(condition, subject())).toEqual(expected);
  });

  it('gives the same answers from a module loaded in the test, whose key and factor tables are built then', async () => {
    const fresh = await freshImport(() => import('../../src/core/conditions.js'));
    for (const [name, condition, expected] of MATCHES) expect([name, fresh.matchCondition(condition, subject())]).toEqual([name, expected]);
  });

  it('uses the feature stage and capabilities', () => {
    expect(matchCondition({ stage: 'concept', capability: 'voice' }, subject({ stage: 'concept', capabilities: ['voice'] }))).toEqual([
      'capability voice',
      'stage concept',
    ]);
    expect(matchCondition({ capability: 'computer_use' }, subject({ capabilities: undefined }))).toBeNull();
  });

  it('a harm of level none never meets a minimum', () => {
    const harm = makeHarm({
      factors: { likelihood: 'rare', scale: 'individual', duration: 'transient', causality: 'indirect', technology_contribution: 'negligible', affected_populations: ['general_public'] },
    });
    const s = subject({}, harm);
    expect(s.score.severityLevel).toBe('low');
    expect(matchCondition({ min_severity: 'low' }, s)).toEqual(['inherent severity low (1.5) is at least low']);
    expect(matchCondition({ min_risk: 'medium' }, s)).toBeNull();
  });
});

describe('matchConditions', () => {
  it('matches when any entry matches and returns the first matching one', () => {
    const conditions: Condition[] = [{ min_risk: 'critical' }, { category: 'fraud_scams' }, { capability: 'computer_use' }];
    expect(matchConditions(conditions, subject())).toEqual({ index: 1, reasons: ['category fraud_scams'] });
  });

  it('does not match when no entry matches, or there are none', () => {
    expect(matchConditions([{ min_risk: 'critical' }, { category: 'cbrn' }], subject())).toBeNull();
    expect(matchConditions([], subject())).toBeNull();
    expect(matchConditions(undefined, subject())).toBeNull();
  });
});

describe('conditionSubject', () => {
  it('a feature that lists no capabilities has none', () => {
    const harm = makeHarm();
    const levels = inherentLevels(FRAMEWORK, harm.factors);
    expect(conditionSubject(harm, { stage: 'ga' }, levels, scoreLevels(FRAMEWORK, levels)).capabilities).toEqual([]);
  });
});

describe('a value repeated in an "any of" list', () => {
  it.each<[string, Condition, string[]]>([
    ['is named once in the reason', { dimension: ['economic', 'economic', 'individual_autonomy'] }, ['dimension economic, individual_autonomy']],
    ['is named once when alone', { capability: ['tool_use', 'tool_use'] }, ['capability tool_use']],
  ])('%s', (_name, condition, expected) => {
    expect(matchCondition(condition, subject())).toEqual(expected);
  });
});

describe('matchConditionLists', () => {
  it('gives each list the reasons of its own first matching entry', () => {
    // The default harm has likelihood possible and scale widespread.
    const { space, lists } = compileConditionLists([
      [{ factor: { likelihood: 'possible' } }],
      [{ factor: { likelihood: 'unlikely' } }],
      [{ factor: { likelihood: 'likely' } }, { factor: { scale: 'group' } }],
      [{ factor: { scale: 'community' } }],
      undefined,
    ]);
    const prepared = prepareSubject(subject(), space);
    expect(matchConditionLists(lists, prepared)).toEqual([
      ['likelihood possible is at least possible'],
      ['likelihood possible is at least unlikely'],
      ['scale widespread is at least group'],
      ['scale widespread is at least community'],
      null,
    ]);
  });
});
