import { describe, expect, it } from 'vitest';
import { describeCondition, describeConditions } from '../../src/core/condition-words.js';
import type { Condition } from '../../src/schema/catalog.js';

describe('describeCondition', () => {
  it.each<[Condition, string]>([
    [{ min_severity: 'high' }, 'inherent severity at least high'],
    [{ min_risk: 'medium' }, 'inherent risk at least medium'],
    [{ factor: { likelihood: 'likely' } }, 'likelihood at least likely'],
    [{ factor: { technology_contribution: 'significant' } }, 'technology contribution at least significant'],
    [{ factor: { mitigation_feasibility: 'low' } }, 'mitigation feasibility at least as hard as low'],
    [{ category: 'fraud_scams' }, 'category fraud_scams'],
    [{ category: ['fraud_scams'] }, 'category fraud_scams'],
    [{ category: ['fraud_scams', 'privacy'] }, 'category one of fraud_scams, privacy'],
    [{ dimension: 'economic' }, 'dimension economic'],
    [{ capability: ['computer_use', 'tool_use'] }, 'capability one of computer_use, tool_use'],
    [{ population: 'children' }, 'population children'],
    [{ stage: ['beta', 'ga'] }, 'stage one of beta, ga'],
    // Measured keys first, then the lists in a fixed order, whatever the order written.
    [
      { stage: 'ga', category: ['cbrn', 'privacy'], factor: { scale: 'widespread', vulnerability: 'high' }, min_risk: 'low', min_severity: 'critical', dimension: 'physical' },
      'inherent severity at least critical and inherent risk at least low and scale at least widespread and vulnerability at least high and dimension physical and category one of cbrn, privacy and stage ga',
    ],
  ])('%j → %s', (condition, words) => {
    expect(describeCondition(condition)).toBe(words);
  });
});

describe('describeConditions', () => {
  it('joins the entries with "or": any of them will do', () => {
    expect(describeConditions([{ category: 'privacy' }, { min_risk: 'high', capability: 'memory' }])).toBe(
      'category privacy; or inherent risk at least high and capability memory',
    );
  });

  it('says nothing for no entries', () => {
    expect(describeConditions([])).toBe('');
  });
});
