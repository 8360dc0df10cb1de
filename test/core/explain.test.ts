import { describe, expect, it } from 'vitest';
import { explainHarms, formatNumber } from '../../src/core/explain.js';
import { CATALOG, makeAssessment, makeHarm } from '../fixtures/framework.js';

describe('explainHarms', () => {
  const harm = makeHarm({
    factors: { affected_populations: ['general_public', 'older_adults', 'children'] },
    safeguards: [
      { id: 'enforcement.account-blocking', status: 'planned' },
      { id: 'product.age-assurance', status: 'implemented' },
      { id: 'enforcement.stricter-thresholds', status: 'not_applicable', note: 'n/a' },
    ],
  });
  // Explained inside the tests: code run while a file is collected counts, for mutation testing, as run by every test.
  let explained: string | undefined;
  const explain = () => (explained ??= explainHarms({ assessment: makeAssessment({ harms: [harm] }), catalog: CATALOG }));

  it('states the framework, weights, bands and rounding rule', () => {
    expect(explain()).toMatch(/Scored with framework harm-default version 1 \(catalog digest sha256:[0-9a-f]{64}\)\./);
    expect(explain()).toContain('Weights: scale 0.5, duration 0.5, attribution 0.3, likelihood 0.5.');
    expect(explain()).toContain('Bands: low from 0.1, medium from 4, high from 7, critical from 9; below 0.1 is none.');
    expect(explain()).toContain('Math.round(Math.round(x·1e5)/1e4)/10');
  });

  it('shows every level, value and intermediate number of the inherent state', () => {
    // L:P S:W D:L V:H C:C T:S: B 0.75, I 0.875, A 0.895 → 7.83125 → 7.8; 7.8·0.75 = 5.85 → 5.9
    expect(explain()).toContain('vulnerability high (the highest)');
    expect(explain()).toMatch(/scale\s+widespread\s+s = 0\.8/);
    expect(explain()).toMatch(/vulnerability\s+high\s+v = 0\.5/);
    expect(explain()).toMatch(/mitigation feasibility\s+moderate\s+\(not scored\)/);
    expect(explain()).toContain('B = 0.5·s + 0.5·d = 0.5·0.8 + 0.5·0.7 = 0.75');
    expect(explain()).toContain('I = B + (1 − B)·v = 0.75 + (1 − 0.75)·0.5 = 0.875');
    expect(explain()).toContain('A = 1 − 0.3·(1 − (c + t)/2) = 1 − 0.3·(1 − (0.6 + 0.7)/2) = 0.895');
    expect(explain()).toContain('10·I·A = 10·0.875·0.895 = 7.83125 → severity round1 = 7.8 (high)');
    expect(explain()).toContain('likelihood factor = 1 − 0.5·(1 − l) = 1 − 0.5·(1 − 0.5) = 0.75');
    expect(explain()).toContain('risk = severity·factor = 7.8·0.75 = 5.85 → risk round1 = 5.9 (medium)');
  });

  it('shows the safeguards and shifts of each state', () => {
    const text = explain();
    const projected = text.slice(text.indexOf('Projected:'), text.indexOf('Residual:'));
    expect(projected).toContain('enforcement.account-blocking (planned, declared for the harm): likelihood −2, scale −1');
    expect(projected).toContain('product.age-assurance (implemented, declared for the harm): removes children');
    expect(projected).toContain('likelihood possible → rare: down 2');
    expect(projected).toContain('scale widespread → community: down 1');
    expect(projected).toContain('Populations removed: children; remaining: general_public (none), older_adults (elevated) → vulnerability high → elevated');
    expect(projected).not.toContain('stricter-thresholds');
    const residual = text.slice(text.indexOf('Residual:'));
    expect(residual).not.toContain('account-blocking');
    expect(residual).toContain('HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M');
    expect(residual).toContain('10·I·A = 10·0.8125·0.895 = 7.271875 → severity round1 = 7.3 (high)');
  });

  it('shows the noise-free raw number that round1 rounds', () => {
    const edge = makeHarm({
      factors: { likelihood: 'rare', scale: 'societal', duration: 'irreversible', affected_populations: ['general_public'], causality: 'indirect', technology_contribution: 'marginal' },
    });
    const out = explainHarms({ assessment: makeAssessment({ harms: [edge] }), catalog: CATALOG });
    expect(out).toContain('= 8.05 → severity round1 = 8.1 (high)');
    expect(out).toContain('No declared safeguard is in effect in this state.');
  });

  it('is plain text', () => {
    expect(explain()).not.toMatch(/\u001b\[/);
  });

  it('formats numbers without floating-point noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(8.049999999999999)).toBe('8.05');
    expect(formatNumber(10)).toBe('10');
  });
});
