import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTOR_LEVELS, VULNERABILITY_LEVELS } from '../../src/schema/common.js';
import { catalogSchema, type Framework } from '../../src/schema/catalog.js';
import { createIdTable, EMPTY_SCORE, factorRank, levelOf, levelRank, round1, scoreLevels, scoreStates, vulnerabilityOf, type LevelSet } from '../../src/core/score.js';
import type { Level } from '../../src/schema/common.js';
import { parseVector } from '../../src/core/vector.js';
import { CATALOG, FRAMEWORK } from '../fixtures/framework.js';
import { TESTDATA } from '../helpers/testdata.js';

interface VectorCase {
  vector: string;
  severity: number;
  severityLevel: string;
  risk: number;
  riskLevel: string;
}

const vectors: VectorCase[] = JSON.parse(readFileSync(path.resolve(TESTDATA, 'score-vectors.json'), 'utf8'));

describe('scoreLevels', () => {
  it('has all 60 shared test vectors', () => {
    expect(vectors).toHaveLength(60);
  });

  it.each(vectors)('$vector → $severity $severityLevel / $risk $riskLevel', (c) => {
    const score = scoreLevels(FRAMEWORK, parseVector(c.vector));
    expect(score.severity).toBe(c.severity);
    expect(score.severityLevel).toBe(c.severityLevel);
    expect(score.risk).toBe(c.risk);
    expect(score.riskLevel).toBe(c.riskLevel);
    expect(score.vector).toBe(c.vector);
  });

  it.each([
    ['HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', 7.3, 'high', 5.5, 'medium'],
    ['HARM:1/L:L/S:W/D:L/V:N/C:C/T:S/M:M', 6.7, 'medium', 5.9, 'medium'],
    ['HARM:1/L:A/S:S/D:I/V:H/C:D/T:E/M:I', 10.0, 'critical', 10.0, 'critical'],
    ['HARM:1/L:R/S:I/D:T/V:N/C:I/T:N/M:H', 1.5, 'low', 0.8, 'low'],
    ['HARM:1/L:R/S:S/D:I/V:N/C:I/T:M/M:M', 8.1, 'high', 4.5, 'medium'],
  ] as const)('SPEC §2.1 worked example %s', (vector, severity, severityLevel, risk, riskLevel) => {
    const score = scoreLevels(FRAMEWORK, parseVector(vector));
    expect([score.severity, score.severityLevel, score.risk, score.riskLevel]).toEqual([severity, severityLevel, risk, riskLevel]);
  });

  it('rounds the raw 8.04999… of the last worked example up to 8.1', () => {
    const score = scoreLevels(FRAMEWORK, parseVector('HARM:1/L:R/S:S/D:I/V:N/C:I/T:M/M:M'));
    expect(score.rawSeverity).toBeLessThan(8.05);
    expect(score.rawSeverity).toBeCloseTo(8.05, 10);
    expect(Math.round(score.rawSeverity * 10) / 10).toBe(8);
    expect(score.severity).toBe(8.1);
  });

  it('exposes the intermediate numbers of the first worked example', () => {
    const s = scoreLevels(FRAMEWORK, parseVector('HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M'));
    expect(s.values).toEqual({ likelihood: 0.5, scale: 0.8, duration: 0.7, vulnerability: 0.25, causality: 0.6, technology_contribution: 0.7 });
    expect(s.base).toBeCloseTo(0.75, 12);
    expect(s.impact).toBeCloseTo(0.8125, 12);
    expect(s.attribution).toBeCloseTo(0.895, 12);
    expect(s.rawSeverity).toBeCloseTo(7.271875, 12);
    expect(s.likelihoodFactor).toBeCloseTo(0.75, 12);
    // Risk multiplies the rounded severity, not the raw one.
    expect(s.rawRisk).toBeCloseTo(7.3 * 0.75, 12);
  });

  it('takes every number from the framework data', () => {
    const levels = parseVector('HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M');
    const changed: Framework = structuredClone(FRAMEWORK);
    changed.weights = { scale: 1, duration: 0, attribution: 0, likelihood: 1 };
    changed.factors.likelihood.levels.find((l) => l.id === 'possible')!.value = 0.2;
    changed.vulnerability.levels.find((l) => l.id === 'elevated')!.value = 0;
    changed.bands = [
      { id: 'low', min: 1 },
      { id: 'medium', min: 2 },
      { id: 'high', min: 5 },
      { id: 'critical', min: 8 },
    ];
    const s = scoreLevels(changed, levels);
    // B = 1·0.8, I = B, A = 1 → 8.0; risk = 8·(1 − 1·0.8) = 1.6
    expect(s.severity).toBe(8);
    expect(s.severityLevel).toBe('critical');
    expect(s.risk).toBe(1.6);
    expect(s.riskLevel).toBe('low');
  });
});

describe('round1', () => {
  it.each([
    [8.049999999999999, 8.1],
    [0.05, 0.1],
    [0.04999, 0],
    [7.271875, 7.3],
    [5.475, 5.5],
    [1.45, 1.5],
    [10, 10],
    [0, 0],
    [4.35, 4.4],
  ])('round1(%s) = %s', (x, expected) => {
    expect(round1(x)).toBe(expected);
  });

  it('is exactly Math.round(Math.round(x * 1e5) / 1e4) / 10', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (x) => {
        expect(round1(x)).toBe(Math.round(Math.round(x * 1e5) / 1e4) / 10);
      }),
    );
  });
});

describe('levelOf', () => {
  it.each([
    [0, 'none'],
    [0.05, 'none'],
    [0.1, 'low'],
    [3.9, 'low'],
    [4.0, 'medium'],
    [6.9, 'medium'],
    [7.0, 'high'],
    [8.9, 'high'],
    [9.0, 'critical'],
    [10, 'critical'],
  ] as const)('%s is %s', (score, level) => {
    expect(levelOf(score, FRAMEWORK.bands)).toBe(level);
  });

  it('does not depend on the order of the bands', () => {
    const reversed = [...FRAMEWORK.bands].reverse();
    for (const score of [0, 0.1, 4, 6.9, 7, 9.5]) expect(levelOf(score, reversed)).toBe(levelOf(score, FRAMEWORK.bands));
  });
});

describe('vulnerabilityOf', () => {
  it.each([
    [[], 'none'],
    [['general_public'], 'none'],
    [['general_public', 'older_adults'], 'elevated'],
    [['older_adults', 'children', 'organizations'], 'high'],
    [['no_such_population'], 'none'],
    [['no_such_population', 'low_digital_literacy'], 'elevated'],
  ] as const)('%j → %s', (populations, expected) => {
    expect(vulnerabilityOf(FRAMEWORK, populations)).toBe(expected);
  });
});

const levelSetArb: fc.Arbitrary<LevelSet> = fc.record({
  likelihood: fc.constantFrom(...FACTOR_LEVELS.likelihood.map(([id]) => id)),
  scale: fc.constantFrom(...FACTOR_LEVELS.scale.map(([id]) => id)),
  duration: fc.constantFrom(...FACTOR_LEVELS.duration.map(([id]) => id)),
  vulnerability: fc.constantFrom(...VULNERABILITY_LEVELS.map(([id]) => id)),
  causality: fc.constantFrom(...FACTOR_LEVELS.causality.map(([id]) => id)),
  technology_contribution: fc.constantFrom(...FACTOR_LEVELS.technology_contribution.map(([id]) => id)),
  mitigation_feasibility: fc.constantFrom(...FACTOR_LEVELS.mitigation_feasibility.map(([id]) => id)),
});

const RAISABLE = ['likelihood', 'scale', 'duration', 'vulnerability', 'causality', 'technology_contribution'] as const;

function raise(levels: LevelSet, factor: (typeof RAISABLE)[number]): LevelSet | null {
  const order: string[] = factor === 'vulnerability' ? VULNERABILITY_LEVELS.map(([id]) => id) : FACTOR_LEVELS[factor].map(([id]) => id);
  const next = order[order.indexOf(levels[factor]) + 1];
  return next === undefined ? null : ({ ...levels, [factor]: next } as LevelSet);
}

describe('scoreLevels properties', () => {
  it('keeps severity and risk within 0–10', () => {
    fc.assert(
      fc.property(levelSetArb, (levels) => {
        const s = scoreLevels(FRAMEWORK, levels);
        expect(s.severity).toBeGreaterThanOrEqual(0);
        expect(s.severity).toBeLessThanOrEqual(10);
        expect(s.risk).toBeGreaterThanOrEqual(0);
        expect(s.risk).toBeLessThanOrEqual(s.severity);
      }),
    );
  });

  it('never lowers severity or risk when a factor is raised', () => {
    fc.assert(
      fc.property(levelSetArb, fc.constantFrom(...RAISABLE), (levels, factor) => {
        const raised = raise(levels, factor);
        fc.pre(raised !== null);
        const before = scoreLevels(FRAMEWORK, levels);
        const after = scoreLevels(FRAMEWORK, raised!);
        expect(after.severity).toBeGreaterThanOrEqual(before.severity);
        expect(after.risk).toBeGreaterThanOrEqual(before.risk);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores mitigation feasibility', () => {
    fc.assert(
      fc.property(levelSetArb, fc.constantFrom(...FACTOR_LEVELS.mitigation_feasibility.map(([id]) => id)), (levels, m) => {
        const a = scoreLevels(FRAMEWORK, levels);
        const b = scoreLevels(FRAMEWORK, { ...levels, mitigation_feasibility: m });
        expect([b.severity, b.risk]).toEqual([a.severity, a.risk]);
      }),
    );
  });
});

describe('scoreStates', () => {
  // HARM:1/L:L/S:W/D:L/V:E/C:C/T:S/M:M
  const inherent: LevelSet = {
    likelihood: 'likely',
    scale: 'widespread',
    duration: 'long_term',
    vulnerability: 'elevated',
    causality: 'contributing',
    technology_contribution: 'significant',
    mitigation_feasibility: 'moderate',
  };
  /** One level lower in each field in turn: a state that differs from another in that field alone. */
  const lowered: [keyof LevelSet, string][] = [
    ['likelihood', 'possible'],
    ['scale', 'community'],
    ['duration', 'short_term'],
    ['vulnerability', 'none'],
    ['causality', 'indirect'],
    ['technology_contribution', 'marginal'],
    ['mitigation_feasibility', 'high'],
  ];

  it.each(lowered)('scores a state that differs from the known one only in %s as its own levels', (factor, level) => {
    const state = { ...inherent, [factor]: level } as LevelSet;
    const [score] = scoreStates(FRAMEWORK, [state], scoreLevels(FRAMEWORK, inherent));
    expect(score).toEqual(scoreLevels(FRAMEWORK, state));
  });

  it.each(lowered)('scores a second state that differs from the first only in %s as its own levels', (factor, level) => {
    const state = { ...inherent, [factor]: level } as LevelSet;
    const [first, second] = scoreStates(FRAMEWORK, [inherent, state]);
    expect(first).toEqual(scoreLevels(FRAMEWORK, inherent));
    expect(second).toEqual(scoreLevels(FRAMEWORK, state));
  });

  it('gives equal levels the same score', () => {
    const known = scoreLevels(FRAMEWORK, inherent);
    const [a, b] = scoreStates(FRAMEWORK, [{ ...inherent }, { ...inherent }], known);
    expect(a).toEqual(known);
    expect(b).toEqual(known);
  });
});

describe('test fixture', () => {
  it('is a valid full catalog', () => {
    expect(catalogSchema().safeParse(CATALOG).success).toBe(true);
  });
});

describe('levels in their fixed order', () => {
  it.each([
    ['likelihood', 'rare', 0],
    ['likelihood', 'almost_certain', 4],
    ['scale', 'community', 2],
    ['duration', 'irreversible', 3],
    ['causality', 'direct', 2],
    ['technology_contribution', 'essential', 3],
    ['mitigation_feasibility', 'infeasible', 3],
    ['vulnerability', 'elevated', 1],
    ['vulnerability', 'high', 2],
    ['scale', 'bogus', -1],
    ['vulnerability', 'bogus', -1],
  ] as const)('%s %s is at %i', (factor, level, rank) => {
    expect(factorRank(factor, level)).toBe(rank);
  });

  it.each([
    ['none', 0],
    ['low', 1],
    ['critical', 4],
    ['bogus', -1],
  ] as const)('the level %s is at %i', (level, rank) => {
    expect(levelRank(level as Level)).toBe(rank);
  });
});

describe('createIdTable', () => {
  it('keeps the first entry of a repeated id', () => {
    const table = createIdTable([
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ]);
    expect([table.a, table.b, table.c]).toEqual([1, 2, undefined]);
  });
});

describe('scoreLevels with a level the framework lacks', () => {
  const LEVELS = 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M';
  it.each([
    ['likelihood', 'The framework has no likelihood level "bogus".'],
    ['technology_contribution', 'The framework has no technology_contribution level "bogus".'],
    // Mitigation feasibility has no value: only the vector reads it.
    ['mitigation_feasibility', '"bogus" is not a mitigation feasibility level.'],
  ] as const)('refuses a %s of "bogus"', (factor, message) => {
    const levels = { ...parseVector(LEVELS), [factor]: 'bogus' } as LevelSet;
    expect(() => scoreLevels(FRAMEWORK, levels)).toThrow(new Error(message));
  });
});

describe('EMPTY_SCORE', () => {
  it('is the score of a dimension no harm lists (SPEC §7): zero, none, no vector', () => {
    expect(EMPTY_SCORE).toStrictEqual({ severity: 0, severityLevel: 'none', risk: 0, riskLevel: 'none', vector: null });
  });
});
