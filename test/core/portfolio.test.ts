import { describe, expect, test } from 'vitest';
import { summarize } from '../../src/core/findings.js';
import { buildPortfolio, daysBetween, EXPIRING_WITHIN_DAYS, TOP_HARMS, type PortfolioEntry } from '../../src/core/portfolio.js';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { LEVELS, STAGES, type Stage } from '../../src/schema/common.js';
import type { Acceptance, Assessment, Waiver } from '../../src/schema/assessment.js';
import type { Finding, Portfolio, Report, Score } from '../../src/schema/output.js';
import { buildFixtureEntries, PORTFOLIO_TODAY } from '../fixtures/portfolio.js';

const catalog = loadBuiltinCatalog();
// Built inside each test, not while the file is collected (docs/testing.md, mutation testing).
function fixturePortfolio(): { entries: PortfolioEntry[]; portfolio: Portfolio } {
  const entries = buildFixtureEntries();
  return { entries, portfolio: build(entries) };
}
const build = (list: readonly PortfolioEntry[], today = PORTFOLIO_TODAY) => buildPortfolio({ entries: list, catalog, today, version: '1.0.0', config: null });

describe('daysBetween', () => {
  test.each([
    ['2026-01-15', '2026-01-15', 0],
    ['2026-01-15', '2026-02-14', 30],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2026-01-15', '2025-12-01', -45],
  ])('%s → %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('buildPortfolio', () => {
  test('lists every scored feature once, worst residual risk first, and every broken file with its findings', () => {
    const { portfolio } = fixturePortfolio();
    const risks = portfolio.features.map((f) => f.overall.residual.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    expect(portfolio.features.map((f) => f.id)).toEqual(['checkout-agent', 'lab-assistant', 'old-search', 'support-chat']);
    expect(portfolio.broken).toEqual([{ file: 'assessments/broken.harm.yaml', findings: expect.arrayContaining([expect.objectContaining({ rule: 'schema' })]) }]);
    expect(portfolio.summary).toMatchObject({ files: 5, features: 4, broken: 1 });
  });

  test('counts features by overall residual risk level, every level present', () => {
    const { portfolio } = fixturePortfolio();
    expect(Object.keys(portfolio.summary.byLevel)).toEqual([...LEVELS]);
    expect(Object.values(portfolio.summary.byLevel).reduce((a, b) => a + b, 0)).toBe(portfolio.features.length);
    expect(portfolio.summary.byLevel).toEqual({ none: 0, low: 2, medium: 1, high: 1, critical: 0 });
  });

  test('every number is traceable: a feature\'s residual scores are its report\'s, and its gaps are its gap findings', () => {
    const { entries, portfolio } = fixturePortfolio();
    for (const feature of portfolio.features) {
      const report = entries.find((e) => e.report.file === feature.file)!.report;
      expect(feature.overall.residual).toEqual(report.profile!.overall.residual);
      expect(feature.summary).toEqual(report.summary);
      const gapFindings = report.findings.filter((f) => f.rule === 'missing-required-safeguard' || f.rule === 'required-not-implemented');
      expect(feature.gaps, feature.id).toBe(gapFindings.length);
      expect(portfolio.gaps.filter((g) => g.feature === feature.id)).toHaveLength(feature.gaps);
    }
    // A retired feature is not gated: no gaps, even where a safeguard would be required.
    expect(portfolio.features.find((f) => f.stage === 'retired')!.gaps).toBe(0);
  });

  test('lists from findings keep their rule and feature', () => {
    const { portfolio } = fixturePortfolio();
    expect(portfolio.escalations.map((f) => [f.feature, f.harm, f.rule])).toEqual([['lab-assistant', 'pathogen-uplift', 'escalation-required']]);
    expect(portfolio.tradeoffs.map((f) => [f.feature, f.rule])).toEqual([['support-chat', 'unassessed-tradeoff']]);
    expect(portfolio.drift.map((f) => [f.feature, f.rule, f.line])).toEqual([['checkout-agent', 'assessment-drift', 9]]);
  });

  test('top harms are the worst residual risks across features, at most TOP_HARMS', () => {
    const { entries, portfolio } = fixturePortfolio();
    const all = portfolio.features.flatMap((f) => f.harms.map((h) => h.residual.risk)).sort((a, b) => b - a);
    expect(portfolio.topHarms.map((h) => h.residual.risk)).toEqual(all.slice(0, TOP_HARMS));
    const many = build(Array.from({ length: 4 }, () => entries).flat());
    expect(many.topHarms).toHaveLength(TOP_HARMS);
  });

  test('a review is overdue from the day after review_by', () => {
    const { entries, portfolio } = fixturePortfolio();
    expect(portfolio.reviewsOverdue).toEqual([{ file: 'assessments/checkout.harm.yaml', feature: 'checkout-agent', reviewBy: '2025-12-01', daysOverdue: 45 }]);
    expect(build(entries, '2025-12-01').reviewsOverdue).toEqual([]);
    expect(build(entries, '2025-12-02').reviewsOverdue[0]?.daysOverdue).toBe(1);
  });

  test.each([
    ['expires today', 0, true],
    ['expires in 30 days', EXPIRING_WITHIN_DAYS, true],
    ['expires in 31 days', EXPIRING_WITHIN_DAYS + 1, false],
    ['expired yesterday', -1, false],
  ])('a waiver that %s is %s listed as expiring', (_name, daysLeft, listed) => {
    const { entries } = fixturePortfolio();
    const expires = new Date(Date.parse(`${PORTFOLIO_TODAY}T00:00:00Z`) + daysLeft * 86_400_000).toISOString().slice(0, 10);
    const list = entries.map((e) =>
      e.assessment?.waivers ? { ...e, assessment: { ...e.assessment, waivers: e.assessment.waivers.map((w) => ({ ...w, expires })) } } : e,
    );
    const result = build(list);
    expect(result.expiring.filter((x) => x.kind === 'waiver').map((x) => x.daysLeft)).toEqual(listed ? [daysLeft] : []);
    expect(result.features.find((f) => f.id === 'checkout-agent')!.waiversExpiringSoon).toBe(listed ? 1 : 0);
  });

  test('acceptances of residual risk expiring within 30 days are listed with the level they accept, soonest first', () => {
    const { portfolio } = fixturePortfolio();
    expect(portfolio.expiring.map((e) => [e.kind, e.harm, e.expires, e.daysLeft, e.upTo ?? e.safeguard])).toEqual([
      ['waiver', 'unauthorized-purchases', '2026-01-25', 10, 'evaluation.red-teaming'],
      ['acceptance', 'unauthorized-purchases', '2026-02-05', 21, 'high'],
    ]);
    expect(portfolio.features.find((f) => f.id === 'checkout-agent')).toMatchObject({ waiversExpiringSoon: 1, acceptancesExpiringSoon: 1 });
  });

  test('carries no mapping coverage unless asked, and covers the clauses of the framework named', () => {
    const { entries, portfolio } = fixturePortfolio();
    expect(portfolio.mapping).toBeNull();
    const covered = buildPortfolio({ entries, catalog, today: PORTFOLIO_TODAY, version: '1.0.0', config: null, mapping: 'nist-ai-rmf' });
    expect(covered.mapping?.framework).toBe('nist-ai-rmf');
    expect(covered.mapping?.clauses.length).toBeGreaterThan(0);
  });

  test('does not depend on the order of its input', () => {
    const { entries, portfolio } = fixturePortfolio();
    expect(build([...entries].reverse())).toEqual(portfolio);
  });
});

// Small reports with only what a portfolio reads, to put ties and orders the fixture lacks.
const score = (risk: number, severity = risk): Score => ({ risk, severity, riskLevel: 'medium', severityLevel: 'medium', vector: null });

interface HarmSpec {
  id: string;
  risk: number;
  /** Required safeguards not declared for this harm: its gaps (SPEC §3.3). */
  gaps?: string[];
}
interface FeatureSpec {
  file: string;
  id?: string;
  risk?: number;
  severity?: number;
  errors?: number;
  stage?: Stage;
  harms?: HarmSpec[];
}

function scoredReport(spec: FeatureSpec): Report {
  const id = spec.id ?? spec.file;
  const overall = score(spec.risk ?? 5, spec.severity);
  const findings = Array.from({ length: spec.errors ?? 0 }, (_, i) => ({ rule: 'residual-risk', level: 'error', message: 'm', file: spec.file, line: i + 1, column: 1 }) as Finding);
  const harms = (spec.harms ?? []).map((h) => ({
    id: h.id,
    title: h.id,
    category: 'privacy',
    dimensions: ['economic'],
    inherent: score(h.risk),
    projected: score(h.risk),
    residual: score(h.risk),
    recommendations: (h.gaps ?? []).map((safeguard) => ({ safeguard, title: safeguard, required: true, recommended: false, status: 'missing', waived: false, reasons: [], mappings: {} })),
  }));
  return {
    file: spec.file,
    feature: { id, name: id, owner: 'team', stage: spec.stage ?? 'ga' },
    profile: { overall: { inherent: overall, residual: overall }, dimensions: [] },
    harms,
    findings,
    summary: summarize(findings),
  } as unknown as Report;
}

/** An assessment document with only what a portfolio reads. */
function assessmentWith(fields: { review_by?: string; waivers?: Partial<Waiver>[]; acceptances?: Partial<Acceptance>[] }): Assessment {
  return {
    assessment: fields.review_by ? { review_by: fields.review_by } : {},
    waivers: (fields.waivers ?? []).map((w) => ({ harm: 'h', safeguard: 's', reason: 'r', approved_by: 'a@example.com', ...w })),
    acceptances: (fields.acceptances ?? []).map((a) => ({ harm: 'h', up_to: 'high', reason: 'r', approved_by: 'a@example.com', ...a })),
  } as unknown as Assessment;
}

/** The ISO date `days` after PORTFOLIO_TODAY. */
const inDays = (days: number) => new Date(Date.parse(`${PORTFOLIO_TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Builds the portfolio from every order of the entries: each must give the same answer. */
function everyOrder<R>(list: readonly PortfolioEntry[], read: (p: Portfolio) => R): R[] {
  return permutations(list).map((order) => read(build(order)));
}

describe('buildPortfolio: orders and ties', () => {
  test.each([
    ['higher overall residual risk first', [{ file: 'a', risk: 3 }, { file: 'b', risk: 7 }], ['b', 'a']],
    ['same risk: higher residual severity first', [{ file: 'a', risk: 5, severity: 5 }, { file: 'b', risk: 5, severity: 8 }], ['b', 'a']],
    ['same scores: more errors first', [{ file: 'a', errors: 1 }, { file: 'b', errors: 3 }], ['b', 'a']],
    ['same scores and errors: by feature id', [{ file: 'z', id: 'alpha' }, { file: 'a', id: 'beta' }], ['z', 'a']],
    ['the same feature id in two files: by file', [{ file: 'b', id: 'x' }, { file: 'a', id: 'x' }], ['a', 'b']],
    [
      'all of these at once',
      [{ file: 'e', id: 'x' }, { file: 'd', id: 'x' }, { file: 'c', id: 'w' }, { file: 'b', errors: 2 }, { file: 'a', severity: 9 }, { file: 'f', risk: 9 }],
      ['f', 'a', 'b', 'c', 'd', 'e'],
    ],
  ] as [string, FeatureSpec[], string[]][])('features: %s, whatever the input order', (_name, specs, files) => {
    for (const order of everyOrder(specs.map((s) => ({ report: scoredReport(s) })), (p) => p.features.map((f) => f.file))) expect(order).toEqual(files);
  });

  test('broken files are listed by file name, whatever the input order; a report with a feature but no scores is one of them', () => {
    const broken = (file: string, feature: Report['feature']) => ({ report: { ...scoredReport({ file }), feature, profile: null, harms: [] } as Report });
    const list = [broken('c.harm.yaml', null), broken('a.harm.yaml', { id: 'a', name: 'A', owner: 'o', stage: 'ga' }), broken('b.harm.yaml', null), { report: scoredReport({ file: 'd.harm.yaml' }) }];
    for (const p of everyOrder(list, (x) => x)) {
      expect(p.broken.map((b) => b.file)).toEqual(['a.harm.yaml', 'b.harm.yaml', 'c.harm.yaml']);
      expect(p.features.map((f) => f.file)).toEqual(['d.harm.yaml']);
      expect(p.summary).toMatchObject({ files: 4, features: 1, broken: 3 });
    }
  });

  test('gaps: the worst residual harm first across features; equal harms keep the features\' order', () => {
    const list = [
      { report: scoredReport({ file: 'b', risk: 5, harms: [{ id: 'b-low', risk: 2, gaps: ['s3'] }, { id: 'b-mid', risk: 5, gaps: ['s4'] }] }) },
      { report: scoredReport({ file: 'a', risk: 8, harms: [{ id: 'a-low', risk: 2, gaps: ['s2'] }, { id: 'a-top', risk: 8, gaps: ['s1'] }] }) },
    ];
    for (const gaps of everyOrder(list, (p) => p.gaps.map((g) => [g.feature, g.harm, g.safeguard]))) {
      expect(gaps).toEqual([
        ['a', 'a-top', 's1'],
        ['b', 'b-mid', 's4'],
        ['a', 'a-low', 's2'],
        ['b', 'b-low', 's3'],
      ]);
    }
  });

  test.each(STAGES.map((stage) => [stage, stage === 'retired' ? 0 : 1] as const))('a feature at stage %s has %i gap for a required safeguard not declared (a retired one is not gated)', (stage, count) => {
    const p = build([{ report: scoredReport({ file: 'a', stage, harms: [{ id: 'h', risk: 6, gaps: ['s'] }] }) }]);
    expect(p.features[0]!.gaps).toBe(count);
    expect(p.gaps).toHaveLength(count);
  });

  test('overdue reviews: the most overdue first, whatever the features\' order; due today or later is not overdue', () => {
    const list = [
      { report: scoredReport({ file: 'a', risk: 9 }), assessment: assessmentWith({ review_by: inDays(-3) }) },
      { report: scoredReport({ file: 'b', risk: 7 }), assessment: assessmentWith({ review_by: inDays(-40) }) },
      { report: scoredReport({ file: 'c', risk: 5 }), assessment: assessmentWith({ review_by: inDays(-10) }) },
      { report: scoredReport({ file: 'd', risk: 3 }), assessment: assessmentWith({ review_by: inDays(0) }) },
    ];
    for (const overdue of everyOrder(list, (p) => p.reviewsOverdue.map((r) => [r.feature, r.daysOverdue]))) {
      expect(overdue).toEqual([
        ['b', 40],
        ['c', 10],
        ['a', 3],
      ]);
    }
    expect(build(list).features.map((f) => [f.id, f.reviewOverdue])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', false],
    ]);
  });

  test('expiring: waivers and acceptances within 30 days, soonest first across features; later ones are neither listed nor counted', () => {
    const list = [
      {
        report: scoredReport({ file: 'a', risk: 9 }),
        assessment: assessmentWith({
          waivers: [{ expires: inDays(20) }, { expires: inDays(40) }],
          acceptances: [{ expires: inDays(60), up_to: 'medium' }, { expires: inDays(5) }],
        }),
      },
      { report: scoredReport({ file: 'b', risk: 5 }), assessment: assessmentWith({ waivers: [{ expires: inDays(10) }], acceptances: [{ expires: inDays(31) }] }) },
    ];
    for (const expiring of everyOrder(list, (p) => p.expiring.map((e) => [e.feature, e.kind, e.daysLeft]))) {
      expect(expiring).toEqual([
        ['a', 'acceptance', 5],
        ['b', 'waiver', 10],
        ['a', 'waiver', 20],
      ]);
    }
    expect(build(list).features.map((f) => [f.id, f.waiversExpiringSoon, f.acceptancesExpiringSoon])).toEqual([
      ['a', 1, 1],
      ['b', 1, 0],
    ]);
  });

  test('a scored report without its assessment document has no review date and nothing expiring', () => {
    const p = build([{ report: scoredReport({ file: 'a' }) }]);
    expect(p.features[0]).toMatchObject({ reviewBy: null, reviewOverdue: false, waiversExpiringSoon: 0, acceptancesExpiringSoon: 0 });
    expect(p.reviewsOverdue).toEqual([]);
    expect(p.expiring).toEqual([]);
  });
});
