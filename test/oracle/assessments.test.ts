import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessDocument } from '../../src/core/assess.js';
import { nowhere } from '../../src/core/locator.js';
import type { Assessment } from '../../src/schema/assessment.js';
import type { Catalog } from '../../src/schema/catalog.js';
import type { GateLevel } from '../../src/schema/common.js';
import type { Report } from '../../src/schema/output.js';
import { assessmentArb, catalogArb, gateArb, TODAY } from './arbitraries.js';
import { specAssess, type OracleCatalog, type OracleCondition, type OracleFinding, type OracleHarm } from './spec-oracle.js';

/** The rules the oracle judges; the others (schema, dates of reviews, proportionality) are tested elsewhere. */
const JUDGED = new Set([
  'waiver-expired',
  'acceptance-expired',
  'recommended-safeguard',
  'missing-required-safeguard',
  'required-not-implemented',
  'escalation-required',
  'residual-risk',
  'unused-waiver',
  'unused-acceptance',
  'unassessed-tradeoff',
]);

function engine(assessment: Assessment, catalog: Catalog, gate: { failOn?: GateLevel | undefined; failOnSeverity?: GateLevel | undefined } = {}): Report {
  const doc = { file: 'a.harm.yaml', data: assessment, locator: nowhere, findings: [] };
  const options = { today: TODAY, version: '0.0.0', ...(gate.failOn ? { failOn: gate.failOn } : {}), ...(gate.failOnSeverity ? { failOnSeverity: gate.failOnSeverity } : {}) };
  return assessDocument(doc, catalog, options).report;
}

const findingKey = (f: OracleFinding) => `${f.rule} ${f.level} ${f.harm ?? '-'}`;

/** Words a reason must contain for a matched entry: each minimum, and each listed value the harm has. */
function evidence(entry: OracleCondition, harm: OracleHarm, assessment: Assessment): string[] {
  const has: Record<string, readonly string[]> = {
    dimension: harm.dimensions,
    category: [harm.category],
    capability: assessment.feature.capabilities ?? [],
    population: harm.factors.affected_populations,
    stage: [assessment.feature.stage],
  };
  const words: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'min_severity' || key === 'min_risk') words.push(value as string);
    else if (key === 'factor') words.push(...(Object.values(value as object) as string[]));
    else words.push(...[value].flat().filter((v: string) => has[key]!.includes(v)));
  }
  return words;
}

type Gate = { failOn?: GateLevel | undefined; failOnSeverity?: GateLevel | undefined };

/**
 * What the engine reports and what the oracle says it should, side by side in one shape:
 * scores, raises, profile, recommendations, the reasons' words, and the judged findings.
 */
export function sideBySide(assessment: Assessment, catalog: Catalog, gate: Gate = {}) {
  const report = engine(assessment, catalog, gate);
  const oracle = specAssess(assessment, catalog, { today: TODAY, ...(gate.failOn ? { failOn: gate.failOn } : {}), ...(gate.failOnSeverity ? { failOnSeverity: gate.failOnSeverity } : {}) });
  const recommendation = ({ safeguard, required, recommended, status, waived }: { safeguard: string; required: boolean; recommended: boolean; status: string; waived: boolean }) =>
    ({ safeguard, required, recommended, status, waived });
  const unnamed: string[] = [];
  report.harms.forEach((h, i) => {
    h.recommendations.forEach((r, k) => {
      const expected = oracle.harms[i]!.recommendations[k];
      // Reasons: the required entry in words, then the recommended one, each naming what matched.
      const matched = [expected?.requiredBy, expected?.recommendedBy].filter((e) => e !== undefined);
      matched.forEach((entry, j) => {
        for (const word of evidence(entry, assessment.harms[i]!, assessment)) {
          if (!r.reasons[j]?.includes(word)) unnamed.push(`${h.id} ${r.safeguard}: reason ${j + 1} does not name ${word}`);
        }
      });
    });
  });
  const actual = {
    harms: report.harms.map((h) => ({
      id: h.id,
      inherent: h.inherent,
      projected: h.projected,
      residual: h.residual,
      raisedBy: [...h.raisedBy].sort(),
      recommendations: h.recommendations.map(recommendation),
      reasons: h.recommendations.map((r) => r.reasons.length),
    })),
    profile: report.profile,
    findings: report.findings.filter((f) => JUDGED.has(f.rule)).map((f) => findingKey({ rule: f.rule, level: f.level, ...(f.harm ? { harm: f.harm } : {}) })).sort(),
    unnamed,
  };
  const expected = {
    harms: oracle.harms.map((h) => ({
      id: h.id,
      inherent: h.inherent,
      projected: h.projected,
      residual: h.residual,
      raisedBy: h.raisedBy,
      recommendations: h.recommendations.map(recommendation),
      reasons: h.recommendations.map((r) => (r.requiredBy ? 1 : 0) + (r.recommendedBy ? 1 : 0)),
    })),
    profile: oracle.profile,
    findings: oracle.findings.map(findingKey).sort(),
    unnamed: [],
  };
  return { actual, expected };
}

/** Compares cheaply, and through expect (with its diff) only when something differs. */
function agree(assessment: Assessment, catalog: Catalog, gate: Gate = {}): void {
  const { actual, expected } = sideBySide(assessment, catalog, gate);
  if (canonicalize(actual) !== canonicalize(expected)) expect(actual).toEqual(expected);
}

describe('the SPEC oracle against the engine on generated assessments', () => {
  it('agrees on scores, raises, profile, recommendations, gaps, waivers, acceptances and the gate', () => {
    fc.assert(
      // Eight assessments per catalog: a catalog is compiled and digested once, as in a real run.
      fc.property(catalogArb, fc.array(fc.tuple(assessmentArb, gateArb), { minLength: 8, maxLength: 8 }), (catalog, cases) => {
        for (const [assessment, gate] of cases) agree(assessment, catalog, gate);
      }),
      { seed: 20250301, numRuns: 250 },
    );
  });
});

describe('the oracle itself, on the worked example of SPEC §2.2', () => {
  const catalog: OracleCatalog = {
    framework: {},
    categories: [{ id: 'fraud_scams' }, { id: 'privacy' }, { id: 'over_refusal' }],
    safeguards: [
      { id: 's.a', effects: { scale: -1 } },
      { id: 's.b', effects: { scale: -1, likelihood: -1 } },
      { id: 's.c', effects: { scale: -1 }, effects_when: [{ category: 'fraud_scams' }] },
      { id: 's.d', raises: { over_refusal: { likelihood: 1 } } },
    ],
  };
  const factors = (likelihood: string, scale: string, duration: string, causality: string, technology_contribution: string) => ({
    likelihood,
    scale,
    duration,
    causality,
    technology_contribution,
    mitigation_feasibility: 'moderate',
    affected_populations: ['general_public'],
  });
  const abc = ['s.a', 's.b', 's.c'].map((id) => ({ id, status: 'implemented' }));
  const result = specAssess(
    {
      feature: { stage: 'ga' },
      harms: [
        { id: 'fraud', category: 'fraud_scams', dimensions: ['economic'], factors: factors('likely', 'societal', 'long_term', 'contributing', 'significant'), safeguards: abc },
        { id: 'privacy', category: 'privacy', dimensions: ['economic'], factors: factors('likely', 'societal', 'long_term', 'contributing', 'significant'), safeguards: abc },
        { id: 'refusal', category: 'over_refusal', dimensions: ['economic'], factors: factors('unlikely', 'widespread', 'transient', 'direct', 'essential'), safeguards: [{ id: 's.d', status: 'implemented' }] },
      ],
    },
    catalog,
    { today: TODAY },
  );
  const [fraud, privacy, refusal] = result.harms;

  it('caps scale at two steps down and lowers likelihood one: 7.6 / 6.7 → 5.8 / 4.4', () => {
    expect(fraud!.inherent).toMatchObject({ severity: 7.6, risk: 6.7 });
    expect(fraud!.residual).toMatchObject({ severity: 5.8, risk: 4.4, vector: 'HARM:1/L:P/S:C/D:L/V:N/C:C/T:S/M:M' });
  });

  it('skips s.c for the privacy harm and reaches the same residual', () => {
    expect(privacy!.residual).toEqual(fraud!.residual);
  });

  it('raises the over-refusal harm one step of likelihood: 5.0 / 3.3 → 5.0 / 3.8', () => {
    expect(refusal!.inherent).toMatchObject({ severity: 5.0, risk: 3.3 });
    expect(refusal!.residual).toMatchObject({ severity: 5.0, risk: 3.8 });
    expect(refusal!.raisedBy).toEqual(['s.d']);
  });
});
