import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreLevels } from '../../src/core/score.js';
import { parseVector } from '../../src/core/vector.js';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { TESTDATA } from '../helpers/testdata.js';
import { SPEC_LEVELS, specScore, specVector, VECTOR_ORDER, type OracleFactor, type OracleLevels, type OracleScore } from './spec-oracle.js';

/** Every combination of the seven factors' levels, in vector order. */
function* everyLevelSet(): Generator<OracleLevels> {
  const factors = VECTOR_ORDER.map(([, factor]) => factor);
  const walk = function* (i: number, partial: Partial<OracleLevels>): Generator<OracleLevels> {
    if (i === factors.length) {
      yield partial as OracleLevels;
      return;
    }
    const factor: OracleFactor = factors[i]!;
    for (const [id] of SPEC_LEVELS[factor]) yield* walk(i + 1, { ...partial, [factor]: id });
  };
  yield* walk(0, {});
}

/** The levels of a vector, read with the oracle's own tables. */
function byCode(vector: string): OracleLevels {
  const codes = vector.split('/').slice(1);
  const levels: Partial<OracleLevels> = {};
  VECTOR_ORDER.forEach(([, factor], i) => {
    levels[factor] = SPEC_LEVELS[factor].find(([, code]) => code === codes[i]!.split(':')[1])![0];
  });
  return levels as OracleLevels;
}

/** What `harm score <vector>` computes: the vector read, then scored with the built-in framework. */
function engineScore(vector: string): OracleScore {
  const { severity, severityLevel, risk, riskLevel, vector: written } = scoreLevels(loadBuiltinCatalog().framework, parseVector(vector));
  return { severity, severityLevel, risk, riskLevel, vector: written };
}

describe('the SPEC oracle against `harm score`', () => {
  it('agrees on all 14,400 vectors (5 × 5 × 4 × 3 × 3 × 4 scored levels × 4 mitigation feasibilities)', () => {
    let count = 0;
    const differences: string[] = [];
    for (const levels of everyLevelSet()) {
      count++;
      const expected = specScore(levels);
      const actual = engineScore(specVector(levels));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(`${expected.vector}: ${JSON.stringify(actual)}`);
    }
    expect(count).toBe(14_400);
    // One assertion over the whole set keeps the run fast; the list names every vector that differs.
    expect(differences.slice(0, 20)).toEqual([]);
  });

  const shared: OracleScore[] = JSON.parse(readFileSync(path.resolve(TESTDATA, 'score-vectors.json'), 'utf8'));

  it.each(shared)('agrees with the shared test data on $vector', (c) => {
        const expected = { severity: c.severity, severityLevel: c.severityLevel, risk: c.risk, riskLevel: c.riskLevel, vector: c.vector };
    expect(specScore(byCode(c.vector!))).toEqual(expected);
    expect(engineScore(c.vector!)).toEqual(expected);
  });
});

describe('the oracle itself, on the worked examples of SPEC §2.1', () => {
  it.each([
    ['HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', 7.3, 'high', 5.5, 'medium'],
    ['HARM:1/L:L/S:W/D:L/V:N/C:C/T:S/M:M', 6.7, 'medium', 5.9, 'medium'],
    ['HARM:1/L:A/S:S/D:I/V:H/C:D/T:E/M:I', 10.0, 'critical', 10.0, 'critical'],
    ['HARM:1/L:R/S:I/D:T/V:N/C:I/T:N/M:H', 1.5, 'low', 0.8, 'low'],
    ['HARM:1/L:R/S:S/D:I/V:N/C:I/T:M/M:M', 8.1, 'high', 4.5, 'medium'],
  ] as const)('%s → %s %s / %s %s', (vector, severity, severityLevel, risk, riskLevel) => {
    expect(specScore(byCode(vector))).toEqual({ severity, severityLevel, risk, riskLevel, vector });
  });
});
