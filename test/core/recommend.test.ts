import { describe, expect, it } from 'vitest';
import { conditionSubject } from '../../src/core/conditions.js';
import { evaluateHarms } from '../../src/core/evaluate.js';
import { indexSafeguards } from '../../src/core/declarations.js';
import { describeReasons, findGaps, isWaiverActive, matchSafeguards, recommendSafeguards } from '../../src/core/recommend.js';
import { scoreLevels } from '../../src/core/score.js';
import type { EffectiveDeclaration } from '../../src/core/declarations.js';
import type { Feature, Harm, Waiver } from '../../src/schema/assessment.js';
import type { Catalog } from '../../src/schema/catalog.js';
import { CATALOG, SAFEGUARDS, makeHarm, makeWaiver } from '../fixtures/framework.js';

const FEATURE: Pick<Feature, 'stage' | 'capabilities' | 'safeguards'> = { stage: 'beta', capabilities: ['computer_use'] };

function recommend(harm: Harm, opts: { feature?: Partial<Feature>; waivers?: Waiver[]; today?: string } = {}) {
  const feature = { ...FEATURE, ...opts.feature };
  const states = evaluateHarms({ catalog: CATALOG, feature, harms: [harm], waivers: [], today: '2025-01-01' }).evaluations[0]!.states;
  const subject = conditionSubject(harm, feature, states.inherent.levels, scoreLevels(CATALOG.framework, states.inherent.levels));
  return recommendSafeguards({
    catalog: CATALOG,
    harmId: harm.id,
    subject,
    declarations: states.declarations,
    waivers: opts.waivers ?? [],
    today: opts.today ?? '2025-05-01',
  });
}

describe('recommendSafeguards', () => {
  it('orders required, then recommended, then declared-only, by id within each', () => {
    const harm = makeHarm({
      safeguards: [
        { id: 'enforcement.account-blocking', status: 'planned' },
        { id: 'detection.hierarchical-summarization', status: 'implemented' },
        { id: 'usage_policy.aup-coverage', status: 'implemented' },
      ],
    });
    const entries = recommend(harm);
    expect(entries.map((e) => [e.safeguard, e.required, e.recommended, e.status])).toEqual([
      ['product.human-confirmation', true, true, 'missing'],
      ['enforcement.stricter-thresholds', false, true, 'missing'],
      ['usage_policy.aup-coverage', false, true, 'implemented'],
      ['detection.hierarchical-summarization', false, false, 'implemented'],
      ['enforcement.account-blocking', false, false, 'planned'],
    ]);
  });

  it('carries the catalog title and the matched conditions in words', () => {
    const [first] = recommend(makeHarm());
    expect(first).toMatchObject({
      safeguard: 'product.human-confirmation',
      title: 'Human confirmation before consequential actions',
      waived: false,
      reasons: [
        'required: inherent severity high (7.3) is at least high and dimension economic',
        'recommended: inherent risk medium (5.5) is at least medium and capability computer_use',
      ],
    });
  });

  it.each([
    // Risk 7.3 (high) with computer_use: hierarchical summarization is required, and nothing recommends it.
    ['required only', { likelihood: 'almost_certain' as const }, 'detection.hierarchical-summarization', ['required: inherent risk high (7.3) is at least high and capability computer_use']],
    ['recommended only', {}, 'enforcement.stricter-thresholds', ['recommended: inherent risk medium (5.5) is at least medium']],
  ])('gives a %s safeguard its one reason', (_name, factors, safeguard, reasons) => {
    const entry = recommend(makeHarm({ factors })).find((e) => e.safeguard === safeguard)!;
    expect(entry.reasons).toEqual(reasons);
  });

  it('gives a declared-only safeguard no reasons', () => {
    const entries = recommend(makeHarm({ safeguards: [{ id: 'enforcement.account-blocking', status: 'planned' }] }));
    expect(entries.find((e) => e.safeguard === 'enforcement.account-blocking')).toMatchObject({ required: false, recommended: false, reasons: [] });
  });

  it('lists feature-level declarations, with the harm-level status winning', () => {
    const harm = makeHarm({ safeguards: [{ id: 'product.human-confirmation', status: 'planned' }] });
    const entries = recommend(harm, {
      feature: {
        safeguards: [
          { id: 'product.human-confirmation', status: 'implemented' },
          { id: 'enforcement.account-blocking', status: 'implemented' },
        ],
      },
    });
    expect(entries.find((e) => e.safeguard === 'product.human-confirmation')?.status).toBe('planned');
    expect(entries.find((e) => e.safeguard === 'enforcement.account-blocking')?.status).toBe('implemented');
  });

  it('counts the first declaration of a safeguard declared twice', () => {
    const harm = makeHarm();
    const declared = (status: 'planned' | 'implemented', j: number): EffectiveDeclaration => ({
      id: 'enforcement.account-blocking',
      status,
      declaration: { id: 'enforcement.account-blocking', status },
      level: 'harm',
      path: ['harms', 0, 'safeguards', j],
    });
    const inherent = evaluateHarms({ catalog: CATALOG, feature: FEATURE, harms: [harm], waivers: [], today: '2025-01-01' }).evaluations[0]!.states.inherent.levels;
    const subject = conditionSubject(harm, FEATURE, inherent, scoreLevels(CATALOG.framework, inherent));
    const entries = recommendSafeguards({ catalog: CATALOG, harmId: harm.id, subject, declarations: [declared('planned', 0), declared('implemented', 1)], waivers: [], today: '2025-05-01' });
    const entry = entries.find((e) => e.safeguard === 'enforcement.account-blocking');
    expect([entry?.status, entry?.declaration?.path]).toEqual(['planned', ['harms', 0, 'safeguards', 0]]);
  });

  it('leaves out declared ids the catalog does not define', () => {
    const entries = recommend(makeHarm({ safeguards: [{ id: 'product.not-in-catalog', status: 'implemented' }] }));
    expect(entries.map((e) => e.safeguard)).not.toContain('product.not-in-catalog');
  });

  it('recommends nothing for a harm no condition matches', () => {
    const harm = makeHarm({ category: 'over_refusal', dimensions: ['psychological'], factors: { likelihood: 'rare', scale: 'individual' } });
    expect(recommend(harm, { feature: { capabilities: [] } })).toEqual([]);
  });
});

describe('matchSafeguards', () => {
  it('says, by rank, which conditions match and whether the effects apply: always without effects_when, else when an entry matches', () => {
    const catalog: Catalog = {
      ...CATALOG,
      safeguards: [
        ...SAFEGUARDS,
        { ...SAFEGUARDS[1]!, id: 'enforcement.fraud-only', effects_when: [{ category: 'fraud_scams' }] },
        { ...SAFEGUARDS[1]!, id: 'enforcement.privacy-only', effects_when: [{ category: 'privacy' }] },
      ],
    };
    const harm = makeHarm();
    const inherent = evaluateHarms({ catalog, feature: FEATURE, harms: [harm], waivers: [], today: '2025-01-01' }).evaluations[0]!.states.inherent.levels;
    const matches = matchSafeguards(catalog, conditionSubject(harm, FEATURE, inherent, scoreLevels(catalog.framework, inherent)));
    const byId = (list: readonly unknown[]) => Object.fromEntries(indexSafeguards(catalog).list.map((info) => [info.safeguard.id, list[info.rank]]));
    expect(harm.category).toBe('fraud_scams');
    expect(byId(matches.effectsApply)).toEqual({
      'detection.hierarchical-summarization': true,
      'enforcement.account-blocking': true,
      'enforcement.fraud-only': true,
      'enforcement.privacy-only': false,
      'enforcement.stricter-thresholds': true,
      'evaluation.red-teaming': true,
      'product.age-assurance': true,
      'product.human-confirmation': true,
      'usage_policy.aup-coverage': true,
    });
    expect(byId(matches.required)).toEqual({
      'detection.hierarchical-summarization': null,
      'enforcement.account-blocking': null,
      'enforcement.fraud-only': null,
      'enforcement.privacy-only': null,
      'enforcement.stricter-thresholds': null,
      'evaluation.red-teaming': null,
      'product.age-assurance': null,
      'product.human-confirmation': expect.any(Array),
      'usage_policy.aup-coverage': null,
    });
  });
});

describe('waivers and gaps', () => {
  it.each([
    { name: 'not declared, no waiver', status: undefined, expires: undefined, waived: false, gap: 'missing' },
    { name: 'planned', status: 'planned', expires: undefined, waived: false, gap: 'not-implemented' },
    { name: 'in progress', status: 'in_progress', expires: undefined, waived: false, gap: 'not-implemented' },
    { name: 'not applicable', status: 'not_applicable', expires: undefined, waived: false, gap: 'not-implemented' },
    { name: 'implemented', status: 'implemented', expires: undefined, waived: false, gap: null },
    { name: 'unexpired waiver', status: undefined, expires: '2025-07-01', waived: true, gap: null },
    { name: 'waiver expiring today still covers', status: undefined, expires: '2025-05-01', waived: true, gap: null },
    { name: 'expired waiver covers nothing', status: undefined, expires: '2025-04-30', waived: false, gap: 'missing' },
    { name: 'waiver over a planned declaration', status: 'planned', expires: '2025-07-01', waived: true, gap: null },
    { name: 'waiver over an implemented one is not in effect', status: 'implemented', expires: '2025-07-01', waived: false, gap: null },
  ] as const)('$name', ({ status, expires, waived, gap }) => {
    const harm = makeHarm({ safeguards: status ? [{ id: 'product.human-confirmation', status }] : [] });
    const waivers = expires ? [makeWaiver({ expires })] : [];
    const entries = recommend(harm, { waivers, today: '2025-05-01' });
    const entry = entries.find((e) => e.safeguard === 'product.human-confirmation')!;
    expect(entry.waived).toBe(waived);
    const gaps = findGaps(entries);
    expect(gaps.map((g) => [g.entry.safeguard, g.kind])).toEqual(gap ? [['product.human-confirmation', gap]] : []);
  });

  it('a waiver sets aside only the safeguard it names, not every required safeguard of its harm', () => {
    // Severity 7.3 on economic and risk 7.3 with computer_use: two safeguards are required.
    const harm = makeHarm({ factors: { likelihood: 'almost_certain' } });
    const entries = recommend(harm, { waivers: [makeWaiver({ safeguard: 'product.human-confirmation' })] });
    expect(entries.filter((e) => e.required).map((e) => [e.safeguard, e.waived])).toEqual([
      ['detection.hierarchical-summarization', false],
      ['product.human-confirmation', true],
    ]);
    expect(findGaps(entries).map((g) => g.entry.safeguard)).toEqual(['detection.hierarchical-summarization']);
  });

  it('a waiver for another harm does not cover the gap', () => {
    const entries = recommend(makeHarm(), { waivers: [makeWaiver({ harm: 'another-harm' })] });
    expect(findGaps(entries)).toHaveLength(1);
  });

  it('compares ISO dates as strings', () => {
    expect(isWaiverActive({ expires: '2025-05-01' }, '2025-05-01')).toBe(true);
    expect(isWaiverActive({ expires: '2025-05-01' }, '2025-05-02')).toBe(false);
    expect(isWaiverActive({ expires: '2026-01-01' }, '2025-12-31')).toBe(true);
  });
});

describe('describeReasons', () => {
  it.each([
    ['required', [], 'required: always'],
    ['recommended', [], 'recommended: always'],
    ['recommended', ['capability computer_use'], 'recommended: capability computer_use'],
    ['required', ['stage beta', 'population children', 'inherent risk high (7.3) is at least high'], 'required: stage beta and population children and inherent risk high (7.3) is at least high'],
  ] as const)('%s %j → %s', (kind, reasons, text) => {
    expect(describeReasons(kind, reasons)).toBe(text);
  });
});
