import { describe, expect, it } from 'vitest';
import { buildProfile, summarizeScores, type ScoredHarm } from '../../src/core/profile.js';
import type { Level } from '../../src/schema/common.js';
import type { Score } from '../../src/schema/output.js';
import { FRAMEWORK } from '../fixtures/framework.js';

/** A harm's score as SPEC §2.1 works it out. */
const score = (vector: string, severity: number, severityLevel: Level, risk: number, riskLevel: Level): Score => ({ severity, severityLevel, risk, riskLevel, vector });

// The worked examples of SPEC §2.1.
const A = score('HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', 7.3, 'high', 5.5, 'medium');
const B = score('HARM:1/L:L/S:W/D:L/V:N/C:C/T:S/M:M', 6.7, 'medium', 5.9, 'medium');
const C = score('HARM:1/L:R/S:S/D:I/V:N/C:I/T:M/M:M', 8.1, 'high', 4.5, 'medium');
const D = score('HARM:1/L:R/S:I/D:T/V:N/C:I/T:N/M:H', 1.5, 'low', 0.8, 'low');

function harm(dimensions: string[], inherent: Score, residual: Score = inherent): ScoredHarm {
  return { dimensions, inherent, projected: inherent, residual };
}

describe('summarizeScores', () => {
  it('takes the highest severity and the highest risk separately, with the highest-risk vector', () => {
    expect(summarizeScores(FRAMEWORK, [A, B, C])).toEqual({ severity: 8.1, severityLevel: 'high', risk: 5.9, riskLevel: 'medium', vector: B.vector });
  });

  it('breaks a risk tie by higher severity, then by the first listed', () => {
    const sameRiskLowerSeverity = { ...A, severity: 6.0, severityLevel: 'medium' as const, vector: 'first' };
    const sameRiskHigherSeverity = { ...A, vector: 'second' };
    expect(summarizeScores(FRAMEWORK, [sameRiskLowerSeverity, sameRiskHigherSeverity]).vector).toBe('second');
    expect(summarizeScores(FRAMEWORK, [{ ...A, vector: 'first' }, { ...A, vector: 'second' }]).vector).toBe('first');
  });

  it('gives 0.0 none and no vector when there is no harm', () => {
    expect(summarizeScores(FRAMEWORK, [])).toEqual({ severity: 0, severityLevel: 'none', risk: 0, riskLevel: 'none', vector: null });
  });
});

describe('buildProfile', () => {
  it('lists every framework dimension in framework order, and overall', () => {
    const profile = buildProfile(FRAMEWORK, [harm(['economic', 'societal'], A, D), harm(['economic'], C), harm(['physical'], D)]);
    expect(profile.dimensions.map((d) => [d.id, d.harms])).toEqual([
      ['physical', 1],
      ['psychological', 0],
      ['economic', 2],
      ['societal', 1],
      ['individual_autonomy', 0],
    ]);
    const economic = profile.dimensions[2]!;
    expect(economic.inherent).toEqual({ severity: 8.1, severityLevel: 'high', risk: 5.5, riskLevel: 'medium', vector: A.vector });
    expect(economic.residual).toEqual({ severity: 8.1, severityLevel: 'high', risk: 4.5, riskLevel: 'medium', vector: C.vector });
    expect(profile.dimensions[1]).toEqual({
      id: 'psychological',
      harms: 0,
      inherent: { severity: 0, severityLevel: 'none', risk: 0, riskLevel: 'none', vector: null },
      projected: { severity: 0, severityLevel: 'none', risk: 0, riskLevel: 'none', vector: null },
      residual: { severity: 0, severityLevel: 'none', risk: 0, riskLevel: 'none', vector: null },
    });
    expect(profile.overall).toEqual({
      harms: 3,
      inherent: { severity: 8.1, severityLevel: 'high', risk: 5.5, riskLevel: 'medium', vector: A.vector },
      projected: { severity: 8.1, severityLevel: 'high', risk: 5.5, riskLevel: 'medium', vector: A.vector },
      residual: { severity: 8.1, severityLevel: 'high', risk: 4.5, riskLevel: 'medium', vector: C.vector },
    });
    expect(Object.keys(profile.overall)).toEqual(['harms', 'inherent', 'projected', 'residual']);
    expect(Object.keys(profile.dimensions[0]!)).toEqual(['id', 'harms', 'inherent', 'projected', 'residual']);
  });

  it('counts a harm once per dimension and ignores dimensions the framework lacks', () => {
    const profile = buildProfile(FRAMEWORK, [harm(['economic', 'economic', 'environmental'], A)]);
    expect(profile.dimensions.find((d) => d.id === 'economic')!.harms).toBe(1);
    expect(profile.dimensions.map((d) => d.id)).not.toContain('environmental');
    expect(profile.overall.harms).toBe(1);
  });

  it('follows a framework with another dimension order', () => {
    const framework = { ...FRAMEWORK, dimensions: [...FRAMEWORK.dimensions].reverse() };
    expect(buildProfile(framework, [harm(['economic'], B)]).dimensions.map((d) => d.id)).toEqual([
      'individual_autonomy',
      'societal',
      'economic',
      'psychological',
      'physical',
    ]);
  });
});
