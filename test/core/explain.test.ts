import { describe, expect, it } from 'vitest';
import { explainHarms, formatNumber } from '../../src/core/explain.js';
import type { Harm } from '../../src/schema/assessment.js';
import type { Catalog, CatalogSafeguard, MaxShift } from '../../src/schema/catalog.js';
import { CATALOG, FRAMEWORK, makeAssessment, makeHarm } from '../fixtures/framework.js';

describe('explainHarms', () => {
  const harm = makeHarm({
    factors: { affected_populations: ['general_public', 'older_adults', 'children'] },
    safeguards: [
      { id: 'enforcement.account-blocking', status: 'planned' },
      { id: 'product.age-assurance', status: 'implemented' },
      { id: 'enforcement.stricter-thresholds', status: 'not_applicable', note: 'n/a' },
    ],
  });
  // Explained afresh inside each test: code run while a file is collected, or kept from an earlier test, is not
  // credited, in mutation testing, to the tests that check it.
  const explain = () => explainHarms({ assessment: makeAssessment({ harms: [harm] }), catalog: CATALOG });

  it('states the framework, weights, bands and rounding rule', () => {
    const text = explain();
    expect(text).toMatch(/Scored with framework harm-default version 1 \(catalog digest sha256:[0-9a-f]{64}\)\./);
    expect(text).toContain('Weights: scale 0.5, duration 0.5, attribution 0.3, likelihood 0.5.');
    expect(text).toContain('Bands: low from 0.1, medium from 4, high from 7, critical from 9; below 0.1 is none.');
    expect(text).toContain('Math.round(Math.round(x·1e5)/1e4)/10');
  });

  it('shows every level, value and intermediate number of the inherent state', () => {
    const text = explain();
    // L:P S:W D:L V:H C:C T:S: B 0.75, I 0.875, A 0.895 → 7.83125 → 7.8; 7.8·0.75 = 5.85 → 5.9
    expect(text).toContain('vulnerability high (the highest)');
    expect(text).toMatch(/scale\s+widespread\s+s = 0\.8/);
    expect(text).toMatch(/vulnerability\s+high\s+v = 0\.5/);
    expect(text).toMatch(/mitigation feasibility\s+moderate\s+\(not scored\)/);
    expect(text).toContain('B = 0.5·s + 0.5·d = 0.5·0.8 + 0.5·0.7 = 0.75');
    expect(text).toContain('I = B + (1 − B)·v = 0.75 + (1 − 0.75)·0.5 = 0.875');
    expect(text).toContain('A = 1 − 0.3·(1 − (c + t)/2) = 1 − 0.3·(1 − (0.6 + 0.7)/2) = 0.895');
    expect(text).toContain('10·I·A = 10·0.875·0.895 = 7.83125 → severity round1 = 7.8 (high)');
    expect(text).toContain('likelihood factor = 1 − 0.5·(1 − l) = 1 − 0.5·(1 − 0.5) = 0.75');
    expect(text).toContain('risk = severity·factor = 7.8·0.75 = 5.85 → risk round1 = 5.9 (medium)');
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
    expect(out).not.toContain('No level changes.');
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

/** CATALOG with a safeguard that moves no factor, one that removes two populations, and one whose trade-off raises over-refusal harms. */
function catalogWith(maxShift?: MaxShift): Catalog {
  const extra: CatalogSafeguard[] = [
    { id: 'product.notice', title: 'Notice', kind: 'product', stage: 'design', burden: 'low', description: 'Tells users.' },
    {
      id: 'product.adults-only',
      title: 'Adults only',
      kind: 'product',
      stage: 'design',
      burden: 'high',
      description: 'Keeps out children and people in crisis.',
      effects: { exclude_populations: ['children', 'individuals_in_crisis'] },
    },
    {
      id: 'detection.classifier',
      title: 'Classifier',
      kind: 'detection',
      stage: 'post_launch',
      burden: 'low',
      description: 'Flags requests.',
      raises: { over_refusal: { likelihood: 1, duration: 1 } },
    },
  ];
  return { ...CATALOG, framework: { ...FRAMEWORK, ...(maxShift ? { max_shift: maxShift } : {}) }, safeguards: [...CATALOG.safeguards, ...extra] };
}

/** The lines of one state of one harm in an explanation, from its title to the next blank line after its numbers. */
function stateBlock(text: string, harmId: string, state: 'Inherent' | 'Projected' | 'Residual'): string {
  const harm = text.slice(text.indexOf(`Harm ${harmId}:`));
  const from = harm.indexOf(`  ${state}:`);
  const end = harm.indexOf('\n\n', from);
  return end < 0 ? harm.slice(from) : harm.slice(from, end);
}

const implemented = (id: string) => ({ id, status: 'implemented' as const });

describe('explainHarms: the words of each kind of change (SPEC §2.2)', () => {
  const fraud = (ids: string[], factors: Partial<Harm['factors']> = {}) =>
    makeHarm({ id: 'fraud', category: 'fraud_scams', factors, safeguards: ids.map(implemented) });
  const overRefusal = makeHarm({ id: 'over-refusal', category: 'over_refusal', factors: { likelihood: 'almost_certain', duration: 'transient' } });

  it.each([
    {
      name: 'a safeguard in effect that moves nothing: no level changes, the inherent numbers',
      harms: [fraud(['product.notice'])],
      harm: 'fraud',
      // L:P/S:W/D:L/V:E/C:C/T:S, SPEC §2.1's first worked example: 7.3 high, 7.3·0.75 = 5.475 → 5.5 medium.
      present: [
        '      product.notice (implemented, declared for the harm): no effect on the factors',
        '    No level changes.',
        '    HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M',
        '      risk = severity·factor = 7.3·0.75 = 5.475 → risk round1 = 5.5 (medium)',
      ],
      absent: ['Populations removed', '→ possible'],
    },
    {
      name: 'a step down from the least severe level stops there',
      harms: [fraud(['product.human-confirmation'], { likelihood: 'rare' })],
      harm: 'fraud',
      // Likelihood stays rare: factor 1 − 0.5·(1 − 0.1) = 0.55; 7.3·0.55 = 4.015 → 4.0 medium.
      present: [
        '    likelihood rare → rare: down 1 (stopped at the least severe level)',
        '      risk = severity·factor = 7.3·0.55 = 4.015 → risk round1 = 4.0 (medium)',
      ],
      absent: ['No level changes.'],
    },
    {
      name: 'a raise from another harm: each factor it names, and a step up from the most severe level stops there',
      harms: [fraud(['detection.classifier']), overRefusal],
      harm: 'over-refusal',
      // L:A/S:W/D:S/V:E/C:C/T:S: B = 0.4 + 0.2 = 0.6, I = 0.6 + 0.4·0.25 = 0.7, 10·0.7·0.895 = 6.265 → 6.3; factor 1.
      present: [
        '    No declared safeguard is in effect in this state.',
        '    Raised by safeguards in effect in this assessment (their trade-off on over_refusal):',
        '      detection.classifier: likelihood +1, duration +1',
        '    likelihood almost_certain → almost_certain: up 1 (stopped at the most severe level)',
        '    duration transient → short_term: up 1',
        '      10·I·A = 10·0.7·0.895 = 6.265 → severity round1 = 6.3 (medium)',
        '      risk = severity·factor = 6.3·1 = 6.3 → risk round1 = 6.3 (medium)',
      ],
      absent: ['No level changes.', 'stopped at the least'],
    },
    {
      name: 'the only affected population removed: none remain, vulnerability none',
      harms: [fraud(['product.age-assurance'], { affected_populations: ['children'] })],
      harm: 'fraud',
      // L:P/S:W/D:L/V:N/C:C/T:S: I = B = 0.75, 10·0.75·0.895 = 6.7125 → 6.7; 6.7·0.75 = 5.025 → 5.0.
      present: [
        '      product.age-assurance (implemented, declared for the harm): removes children',
        '    Populations removed: children; remaining: none → vulnerability high → none',
        '      10·I·A = 10·0.75·0.895 = 6.7125 → severity round1 = 6.7 (medium)',
        '      risk = severity·factor = 6.7·0.75 = 5.025 → risk round1 = 5.0 (medium)',
      ],
      absent: ['No level changes.'],
    },
    {
      name: 'two populations removed: both named, the rest remain',
      harms: [fraud(['product.adults-only'], { affected_populations: ['children', 'general_public', 'individuals_in_crisis'] })],
      harm: 'fraud',
      // general_public remains: vulnerability none, the same numbers as above.
      present: [
        '      product.adults-only (implemented, declared for the harm): removes children, individuals_in_crisis',
        '    Populations removed: children, individuals_in_crisis; remaining: general_public (none) → vulnerability high → none',
        '    HARM:1/L:P/S:W/D:L/V:N/C:C/T:S/M:M',
        '      risk = severity·factor = 6.7·0.75 = 5.025 → risk round1 = 5.0 (medium)',
      ],
      absent: ['No level changes.'],
    },
  ])('$name', ({ harms, harm, present, absent }) => {
    const block = stateBlock(explainHarms({ assessment: makeAssessment({ harms }), catalog: catalogWith() }), harm, 'Residual');
    for (const line of present) expect(block.split('\n')).toContain(line);
    for (const text of absent) expect(block).not.toContain(text);
  });

  it('names a population the catalog does not know, and leaves it out of the vulnerability', () => {
    const harm = fraud([], { affected_populations: ['general_public', 'visitors_from_mars', 'older_adults'] });
    const text = explainHarms({ assessment: makeAssessment({ harms: [harm] }), catalog: CATALOG });
    expect(text).toContain('  Affected populations: general_public (none), visitors_from_mars (unknown, ignored), older_adults (elevated) → vulnerability elevated (the highest).');
  });

  it('gives each factor its cap when the caps differ, and the sum with the cap that bit', () => {
    const harm = fraud(['enforcement.account-blocking']);
    const text = explainHarms({ assessment: makeAssessment({ harms: [harm] }), catalog: catalogWith({ likelihood: 1, technology_contribution: 3 }) });
    expect(text).toContain(
      'Each factor moves at most 1 (likelihood), 2 (scale), 2 (duration), 2 (causality), 3 (technology contribution) levels down and as many up, however many safeguards act on it.',
    );
    // Likelihood −2 capped at 1: possible → unlikely; scale −1: widespread → community.
    const residual = stateBlock(text, 'fraud', 'Residual');
    expect(residual).toContain('    likelihood possible → unlikely: down 2, capped at 1');
    expect(residual).toContain('    scale widespread → community: down 1\n');
  });

  it('gives one number when every factor has the same cap', () => {
    const text = explainHarms({ assessment: makeAssessment({ harms: [fraud([])] }), catalog: catalogWith({ likelihood: 3, scale: 3, duration: 3, causality: 3, technology_contribution: 3 }) });
    expect(text).toContain('Each factor moves at most 3 levels down and as many up, however many safeguards act on it.');
  });
});
