import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAssessment, evaluateHarms } from '../../src/core/evaluate.js';
import { explainHarms } from '../../src/core/explain.js';
import { FindingSink } from '../../src/core/findings.js';
import { nowhere, type Locator } from '../../src/core/locator.js';
import type { Assessment, Harm, SafeguardDeclaration } from '../../src/schema/assessment.js';
import type { Catalog, CatalogSafeguard, MaxShift } from '../../src/schema/catalog.js';
import { DECLARATION_STATUSES, FACTOR_LEVELS, SCORED_FACTORS, type FactorLevelId, type ScoredFactor } from '../../src/schema/common.js';
import type { HarmReport } from '../../src/schema/output.js';
import { CATALOG, FRAMEWORK, makeAssessment, makeHarm } from '../fixtures/framework.js';

function safeguard(id: string, extra: Partial<CatalogSafeguard> = {}): CatalogSafeguard {
  return { id, title: id, kind: 'product', stage: 'design', burden: 'low', description: `${id}.`, ...extra };
}

function catalogWith(safeguards: CatalogSafeguard[], maxShift?: MaxShift): Catalog {
  return { ...CATALOG, framework: { ...FRAMEWORK, version: 2, ...(maxShift ? { max_shift: maxShift } : {}) }, safeguards };
}

function evaluate(assessment: Assessment, catalog: Catalog, locator: Locator = nowhere) {
  const sink = new FindingSink('a.harm.yaml', locator);
  const result = evaluateAssessment({ assessment, catalog, sink, today: '2025-05-01' });
  return { ...result, findings: sink.findings };
}

const implemented = (id: string): SafeguardDeclaration => ({ id, status: 'implemented' });

/** The catalog of the worked example of SPEC §2.2. */
const WORKED = catalogWith([
  safeguard('product.s-a', { effects: { scale: -1 } }),
  safeguard('product.s-b', { effects: { scale: -1, likelihood: -1 } }),
  safeguard('product.s-c', { effects: { scale: -1 }, effects_when: [{ category: 'fraud_scams' }] }),
  safeguard('product.s-d', { raises: { over_refusal: { likelihood: 1 } } }),
]);
const WORKED_FACTORS: Partial<Harm['factors']> = {
  likelihood: 'likely',
  scale: 'societal',
  duration: 'long_term',
  affected_populations: ['general_public'],
  causality: 'contributing',
  technology_contribution: 'significant',
};

describe('SPEC §2.2 worked example', () => {
  const abc = ['product.s-a', 'product.s-b', 'product.s-c'].map(implemented);

  it('caps three steps off scale at two, and applies s.c only to the fraud harm', () => {
    const fraud = makeHarm({ id: 'fraud', category: 'fraud_scams', factors: WORKED_FACTORS, safeguards: abc });
    const privacy = makeHarm({ id: 'privacy', category: 'privacy', factors: WORKED_FACTORS, safeguards: abc });
    const { harms } = evaluate(makeAssessment({ harms: [fraud, privacy] }), WORKED);
    expect(harms[0]!.inherent).toMatchObject({ severity: 7.6, risk: 6.7, vector: 'HARM:1/L:L/S:S/D:L/V:N/C:C/T:S/M:M' });
    expect(harms[0]!.residual).toMatchObject({ severity: 5.8, risk: 4.4, vector: 'HARM:1/L:P/S:C/D:L/V:N/C:C/T:S/M:M' });
    expect(harms[1]!.residual).toEqual(harms[0]!.residual);
  });

  it('says in --explain that the cap bit for the fraud harm and that s.c was skipped for the privacy harm', () => {
    const fraud = makeHarm({ id: 'fraud', category: 'fraud_scams', factors: WORKED_FACTORS, safeguards: abc });
    const privacy = makeHarm({ id: 'privacy', category: 'privacy', factors: WORKED_FACTORS, safeguards: abc });
    const text = explainHarms({ assessment: makeAssessment({ harms: [fraud, privacy] }), catalog: WORKED });
    const fraudPart = text.slice(text.indexOf('Harm fraud'), text.indexOf('Harm privacy'));
    const privacyPart = text.slice(text.indexOf('Harm privacy'));
    expect(fraudPart).toContain('scale societal → community: down 3, capped at 2');
    expect(fraudPart).toContain('likelihood likely → possible: down 1');
    expect(privacyPart).toContain('product.s-c (implemented, declared for the harm): effects skipped, they apply only when category fraud_scams');
    expect(privacyPart).toContain('scale societal → community: down 2');
    expect(text).toContain('Each factor moves at most 2 levels down and as many up');
  });

  it('raises an over-refusal harm by the trade-off of s.d, in effect for another harm', () => {
    const other = makeHarm({ id: 'fraud', category: 'fraud_scams', safeguards: [implemented('product.s-d')] });
    const overRefusal = makeHarm({
      id: 'over-refusal',
      category: 'over_refusal',
      factors: { likelihood: 'unlikely', scale: 'widespread', duration: 'transient', affected_populations: ['general_public'], causality: 'direct', technology_contribution: 'essential' },
    });
    const { harms } = evaluate(makeAssessment({ harms: [other, overRefusal] }), WORKED);
    expect(harms[1]!.inherent).toMatchObject({ severity: 5.0, risk: 3.3 });
    expect(harms[1]!.residual).toMatchObject({ severity: 5.0, risk: 3.8, vector: 'HARM:1/L:P/S:W/D:T/V:N/C:D/T:E/M:M' });
    expect(harms[1]!.raisedBy).toEqual(['product.s-d']);
    expect(harms[0]!.raisedBy).toEqual([]);
    const text = explainHarms({ assessment: makeAssessment({ harms: [other, overRefusal] }), catalog: WORKED });
    expect(text).toContain('Raised by safeguards in effect in this assessment (their trade-off on over_refusal):');
    expect(text).toContain('product.s-d: likelihood +1');
    expect(text).toContain('likelihood unlikely → possible: up 1');
  });
});

describe('trade-offs', () => {
  const catalog = catalogWith([
    safeguard('detection.classifier', { effects: { likelihood: -1 }, effects_when: [{ category: 'fraud_scams' }], raises: { over_refusal: { likelihood: 1 } } }),
    safeguard('enforcement.block', { raises: { over_refusal: { duration: 1, likelihood: 1 }, misinformation: { scale: 1 } } }),
    safeguard('evaluation.calibration', { effects: { likelihood: -1 }, effects_when: [{ category: 'over_refusal' }] }),
  ]);
  const overRefusal = (safeguards: SafeguardDeclaration[] = []) =>
    makeHarm({ id: 'over-refusal', category: 'over_refusal', factors: { likelihood: 'unlikely', duration: 'transient' }, safeguards });
  const fraud = (safeguards: SafeguardDeclaration[]) => makeHarm({ id: 'fraud', category: 'fraud_scams', safeguards });

  it('counts a safeguard in effect for several harms once, and caps the sum', () => {
    const both = [implemented('detection.classifier'), implemented('enforcement.block')];
    const { harms } = evaluate(makeAssessment({ feature: { safeguards: both }, harms: [fraud([]), overRefusal()] }), catalog);
    // likelihood up 1 (classifier) + 1 (block) = 2; duration up 1.
    expect(harms[1]!.residual.vector).toBe('HARM:1/L:L/S:W/D:S/V:E/C:C/T:S/M:M');
    expect(harms[1]!.raisedBy).toEqual(['detection.classifier', 'enforcement.block']);
  });

  it('counts raises in the projected state for planned safeguards, and not in the residual state', () => {
    const { harms } = evaluate(makeAssessment({ harms: [fraud([{ id: 'detection.classifier', status: 'planned' }]), overRefusal()] }), catalog);
    expect(harms[1]!.projected.vector).toContain('L:P');
    expect(harms[1]!.residual.vector).toContain('L:U');
    expect(harms[1]!.raisedBy).toEqual([]);
  });

  it('lets a calibration safeguard on the raised harm bring it down', () => {
    const { harms } = evaluate(
      makeAssessment({ harms: [fraud([implemented('detection.classifier')]), overRefusal([implemented('evaluation.calibration')])] }),
      catalog,
    );
    // Calibration takes one step off, the classifier's trade-off puts it back: unlikely as written.
    expect(harms[1]!.residual.vector).toContain('L:U');
    // Without the raise it would be rare, so the classifier still raised it.
    expect(harms[1]!.raisedBy).toEqual(['detection.classifier']);
  });

  it('never counts a not_applicable declaration as in effect', () => {
    const { harms, findings } = evaluate(
      makeAssessment({ harms: [fraud([{ id: 'enforcement.block', status: 'not_applicable', note: 'n/a' }]), overRefusal()] }),
      catalog,
    );
    expect(harms[1]!.residual).toEqual(harms[1]!.inherent);
    expect(findings.filter((f) => f.rule === 'unassessed-tradeoff')).toEqual([]);
  });

  it('warns once per safeguard and category that no harm assesses, at the first declaration in the file', () => {
    const lines: Record<string, number> = { 'feature.safeguards.0.id': 20, 'harms.0.safeguards.0.id': 9, 'harms.1.safeguards.0.id': 30 };
    const locator: Locator = { ...nowhere, value: (path) => ({ line: lines[path.join('.')] ?? 1, column: 9 }) };
    const assessment = makeAssessment({
      feature: { safeguards: [implemented('enforcement.block')] },
      harms: [fraud([{ id: 'enforcement.block', status: 'planned' }]), makeHarm({ id: 'fraud-2', safeguards: [implemented('detection.classifier')] })],
    });
    const { findings } = evaluate(assessment, catalog, locator);
    const tradeoffs = findings.filter((f) => f.rule === 'unassessed-tradeoff');
    expect(tradeoffs.map((f) => [f.line, f.level, f.message])).toEqual([
      [30, 'warning', 'Safeguard "detection.classifier" raises the harms of category "over_refusal", but this assessment has no "over_refusal" harm: add one so that the trade-off is scored.'],
      [9, 'warning', 'Safeguard "enforcement.block" raises the harms of category "over_refusal", but this assessment has no "over_refusal" harm: add one so that the trade-off is scored.'],
      [9, 'warning', 'Safeguard "enforcement.block" raises the harms of category "misinformation", but this assessment has no "misinformation" harm: add one so that the trade-off is scored.'],
    ]);
  });

  // Positions of the three declarations of enforcement.block: the feature's, then harms 0 and 2 (harm 1 declares
  // nothing). Several on one line happen in flow style or JSON; a path not listed is at 1:1.
  it.each([
    ['on different lines', [20, 9], [9, 9], [30, 9], [9, 9]],
    ['on one line, the first in the file first', [1, 10], [1, 40], [1, 90], [1, 10]],
    ['on one line, the first in the file in between', [1, 90], [1, 10], [1, 40], [1, 10]],
    ['on earlier lines with later columns', [9, 9], [20, 3], [30, 5], [9, 9]],
  ])('places the warning at the first declaration by position, %s', (_case, feature, harm0, harm2, expected) => {
    const at: Record<string, number[]> = { 'feature.safeguards.0.id': feature, 'harms.0.safeguards.0.id': harm0, 'harms.2.safeguards.0.id': harm2 };
    const locator: Locator = {
      ...nowhere,
      value: (path) => {
        const [line, column] = at[path.join('.')] ?? [1, 1];
        return { line: line!, column: column! };
      },
    };
    const block = [implemented('enforcement.block')];
    const assessment = makeAssessment({
      feature: { safeguards: block },
      harms: [fraud(block), makeHarm({ id: 'fraud-2' }), makeHarm({ id: 'fraud-3', safeguards: block })],
    });
    const tradeoffs = evaluate(assessment, catalog, locator).findings.filter((f) => f.rule === 'unassessed-tradeoff');
    expect(tradeoffs.map((f) => [f.line, f.column])).toEqual([expected, expected]);
  });

  it("tags the warning with the safeguard's framework clauses", () => {
    const mapped = catalogWith(catalog.safeguards.map((s) => ({ ...s, mappings: { 'eu-ai-act': ['Art. 9', 'Art. 14'], 'nist-ai-rmf': [`MAP ${s.id}`] } })));
    const assessment = makeAssessment({ harms: [fraud([implemented('detection.classifier')])] });
    const tradeoffs = evaluate(assessment, mapped).findings.filter((f) => f.rule === 'unassessed-tradeoff');
    expect(tradeoffs.map((f) => f.tags)).toEqual([['eu-ai-act:Art. 9', 'eu-ai-act:Art. 14', 'nist-ai-rmf:MAP detection.classifier']]);
  });

  it('does not warn when the raised category is assessed, or for a retired feature', () => {
    const assessed = makeAssessment({ harms: [fraud([implemented('detection.classifier')]), overRefusal()] });
    expect(evaluate(assessed, catalog).findings.filter((f) => f.rule === 'unassessed-tradeoff')).toEqual([]);
    const retired = makeAssessment({ feature: { stage: 'retired' }, harms: [fraud([implemented('detection.classifier')])] });
    expect(evaluate(retired, catalog).findings.filter((f) => f.rule === 'unassessed-tradeoff')).toEqual([]);
  });
});

describe('max_shift', () => {
  it('applies a catalog cap per factor; 0 stops a factor from moving at all', () => {
    const catalog = catalogWith(
      [safeguard('product.big', { effects: { likelihood: -4, scale: -4, duration: -4 } })],
      { likelihood: 0, scale: 3 },
    );
    const { harms } = evaluate(makeAssessment({ harms: [makeHarm({ safeguards: [implemented('product.big')] })] }), catalog);
    // possible stays; widespread − 3 = individual; long_term − 2 (default cap) = transient.
    expect(harms[0]!.residual.vector).toBe('HARM:1/L:P/S:I/D:T/V:E/C:C/T:S/M:M');
  });

  it('keeps catalogs written for framework 1 working: no max_shift means 2 per factor', () => {
    const { harms } = evaluate(
      makeAssessment({ harms: [makeHarm({ safeguards: [implemented('enforcement.account-blocking'), implemented('product.human-confirmation')] })] }),
      CATALOG,
    );
    // likelihood −2 −1 = −3, capped at 2: possible → rare.
    expect(CATALOG.framework.max_shift).toBeUndefined();
    expect(harms[0]!.residual.vector).toContain('L:R');
  });
});

// --- Properties over generated catalogs and assessments -----------------------------------

const CATEGORIES = ['cbrn', 'fraud_scams', 'privacy', 'misinformation', 'over_refusal'] as const;
const POPULATIONS = ['general_public', 'older_adults', 'children', 'individuals_in_crisis'] as const;
const levelOf = <F extends keyof typeof FACTOR_LEVELS>(factor: F) =>
  fc.constantFrom(...(FACTOR_LEVELS[factor].map(([id]) => id) as FactorLevelId<F>[]));

const stepsArb = (sign: 1 | -1) =>
  fc.record(
    { likelihood: fc.integer({ min: 1, max: 3 }), scale: fc.integer({ min: 1, max: 3 }), duration: fc.integer({ min: 1, max: 3 }), causality: fc.integer({ min: 1, max: 2 }), technology_contribution: fc.integer({ min: 1, max: 2 }) },
    { requiredKeys: [] },
  ).map((steps) => Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, sign * v])));

const safeguardArb = (i: number) =>
  fc
    .record(
      {
        effects: fc.option(stepsArb(-1), { nil: undefined }),
        exclude: fc.option(fc.subarray([...POPULATIONS], { minLength: 1 }), { nil: undefined }),
        effectsWhen: fc.option(fc.subarray([...CATEGORIES], { minLength: 1 }), { nil: undefined }),
        raises: fc.option(fc.dictionary(fc.constantFrom(...CATEGORIES), stepsArb(1).filter((s) => Object.keys(s).length > 0), { maxKeys: 2 }), { nil: undefined }),
      },
      { requiredKeys: ['effects', 'exclude', 'effectsWhen', 'raises'] },
    )
    .map(({ effects, exclude, effectsWhen, raises }) =>
      safeguard(`product.s${i}`, {
        ...(effects || exclude ? { effects: { ...effects, ...(exclude ? { exclude_populations: exclude } : {}) } } : {}),
        ...(effectsWhen ? { effects_when: [{ category: effectsWhen }] } : {}),
        ...(raises && Object.keys(raises).length > 0 ? { raises } : {}),
      }),
    );

const catalogArb = fc
  .tuple(
    fc.tuple(...[0, 1, 2, 3, 4, 5].map(safeguardArb)),
    fc.option(fc.record({ likelihood: fc.nat(3), scale: fc.nat(3), duration: fc.nat(3), causality: fc.nat(3), technology_contribution: fc.nat(3) }, { requiredKeys: [] }), { nil: undefined }),
  )
  .map(([safeguards, maxShift]) => catalogWith(safeguards, maxShift));

const declarationsArb = fc.uniqueArray(
  fc.record({ id: fc.constantFrom(...[0, 1, 2, 3, 4, 5].map((i) => `product.s${i}`)), status: fc.constantFrom(...DECLARATION_STATUSES) }),
  { selector: (d) => d.id, maxLength: 4 },
).map((list) => list.map((d): SafeguardDeclaration => (d.status === 'not_applicable' ? { ...d, note: 'n/a' } : d)));

const harmArb = (i: number) =>
  fc
    .record({
      category: fc.constantFrom(...CATEGORIES),
      likelihood: levelOf('likelihood'),
      scale: levelOf('scale'),
      duration: levelOf('duration'),
      populations: fc.subarray([...POPULATIONS], { minLength: 1 }),
      causality: levelOf('causality'),
      technology_contribution: levelOf('technology_contribution'),
      safeguards: declarationsArb,
    })
    .map((h): Harm =>
      makeHarm({
        id: `harm-${i}`,
        category: h.category,
        factors: { likelihood: h.likelihood, scale: h.scale, duration: h.duration, affected_populations: h.populations, causality: h.causality, technology_contribution: h.technology_contribution },
        ...(h.safeguards.length > 0 ? { safeguards: h.safeguards } : {}),
      }),
    );

const assessmentArb = fc
  .tuple(fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => harmArb(i)))), declarationsArb)
  .map(([harms, feature]) => makeAssessment({ harms, feature: feature.length > 0 ? { safeguards: feature } : {} }));

const STATES = ['inherent', 'projected', 'residual'] as const;
const numbers = (harms: readonly HarmReport[]) => harms.flatMap((h) => STATES.flatMap((s) => [h[s].severity, h[s].risk]));
const rankIn = (factor: ScoredFactor, id: string) => FACTOR_LEVELS[factor].findIndex(([level]) => level === id);

describe('properties of framework version 2', () => {
  it('moves no factor more than max_shift levels, either way', () => {
    fc.assert(
      fc.property(catalogArb, assessmentArb, (catalog, assessment) => {
        const { evaluations } = evaluateHarms({ catalog, feature: assessment.feature, harms: assessment.harms, waivers: [], today: '2025-05-01' });
        for (const e of evaluations) {
          for (const state of ['projected', 'residual'] as const) {
            for (const factor of SCORED_FACTORS) {
              const moved = Math.abs(rankIn(factor, e.states[state].levels[factor]) - rankIn(factor, e.states.inherent.levels[factor]));
              expect(moved).toBeLessThanOrEqual(catalog.framework.max_shift?.[factor] ?? 2);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never raises a number of any harm by declaring a safeguard without raises', () => {
    fc.assert(
      fc.property(catalogArb, assessmentArb, fc.nat(), fc.constantFrom('implemented', 'in_progress', 'planned', 'not_applicable' as const), (catalog, assessment, pick, status) => {
        const declared = new Set([...(assessment.feature.safeguards ?? []), ...assessment.harms.flatMap((h) => h.safeguards ?? [])].map((d) => d.id));
        const candidates = catalog.safeguards.filter((s) => s.raises === undefined && !declared.has(s.id));
        fc.pre(candidates.length > 0);
        const id = candidates[pick % candidates.length]!.id;
        const declaration: SafeguardDeclaration = status === 'not_applicable' ? { id, status, note: 'n/a' } : { id, status };
        const where = pick % (assessment.harms.length + 1);
        const more: Assessment =
          where === assessment.harms.length
            ? { ...assessment, feature: { ...assessment.feature, safeguards: [...(assessment.feature.safeguards ?? []), declaration] } }
            : { ...assessment, harms: assessment.harms.map((h, i) => (i === where ? { ...h, safeguards: [...(h.safeguards ?? []), declaration] } : h)) };
        const before = numbers(evaluate(assessment, catalog).harms);
        const after = numbers(evaluate(more, catalog).harms);
        after.forEach((n, i) => expect(n).toBeLessThanOrEqual(before[i]!));
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers a number of any harm by giving a safeguard raises', () => {
    fc.assert(
      fc.property(catalogArb, assessmentArb, fc.nat(5), fc.constantFrom(...CATEGORIES), fc.constantFrom(...SCORED_FACTORS), (catalog, assessment, which, category, factor) => {
        const raised: Catalog = {
          ...catalog,
          safeguards: catalog.safeguards.map((s, i) =>
            i === which ? { ...s, raises: { ...s.raises, [category]: { ...s.raises?.[category], [factor]: (s.raises?.[category]?.[factor] ?? 0) + 1 } } } : s,
          ),
        };
        const before = numbers(evaluate(assessment, catalog).harms);
        const after = numbers(evaluate(assessment, raised).harms);
        after.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(before[i]!));
      }),
      { numRuns: 300 },
    );
  });

  it('orders projected ≤ residual ≤ inherent for every harm whose category no raises names', () => {
    fc.assert(
      fc.property(catalogArb, assessmentArb, (catalog, assessment) => {
        const raisedCategories = new Set(catalog.safeguards.flatMap((s) => Object.keys(s.raises ?? {})));
        for (const h of evaluate(assessment, catalog).harms) {
          if (raisedCategories.has(h.category)) continue;
          expect(h.projected.severity).toBeLessThanOrEqual(h.residual.severity);
          expect(h.projected.risk).toBeLessThanOrEqual(h.residual.risk);
          expect(h.residual.severity).toBeLessThanOrEqual(h.inherent.severity);
          expect(h.residual.risk).toBeLessThanOrEqual(h.inherent.risk);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same scores whatever the order of the catalog safeguards', () => {
    fc.assert(
      fc.property(catalogArb, assessmentArb, (catalog, assessment) => {
        const reversed = { ...catalog, safeguards: [...catalog.safeguards].reverse() };
        expect(evaluate(assessment, reversed).harms).toEqual(evaluate(assessment, catalog).harms);
      }),
      { numRuns: 200 },
    );
  });
});
