import { describe, expect, test } from 'vitest';
import { buildPortfolio, daysBetween, EXPIRING_WITHIN_DAYS, TOP_HARMS, type PortfolioEntry } from '../../src/core/portfolio.js';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { LEVELS } from '../../src/schema/common.js';
import { buildFixtureEntries, PORTFOLIO_TODAY } from '../fixtures/portfolio.js';

const catalog = loadBuiltinCatalog();
const entries = buildFixtureEntries();
const build = (list: readonly PortfolioEntry[] = entries, today = PORTFOLIO_TODAY) => buildPortfolio({ entries: list, catalog, today, version: '1.0.0', config: null });
const portfolio = build();

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
    const risks = portfolio.features.map((f) => f.overall.residual.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    expect(portfolio.features.map((f) => f.id)).toEqual(['checkout-agent', 'lab-assistant', 'old-search', 'support-chat']);
    expect(portfolio.broken).toEqual([{ file: 'assessments/broken.harm.yaml', findings: expect.arrayContaining([expect.objectContaining({ rule: 'schema' })]) }]);
    expect(portfolio.summary).toMatchObject({ files: 5, features: 4, broken: 1 });
  });

  test('counts features by overall residual risk level, every level present', () => {
    expect(Object.keys(portfolio.summary.byLevel)).toEqual([...LEVELS]);
    expect(Object.values(portfolio.summary.byLevel).reduce((a, b) => a + b, 0)).toBe(portfolio.features.length);
    expect(portfolio.summary.byLevel).toEqual({ none: 0, low: 2, medium: 1, high: 1, critical: 0 });
  });

  test('every number is traceable: a feature\'s residual scores are its report\'s, and its gaps are its gap findings', () => {
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
    expect(portfolio.escalations.map((f) => [f.feature, f.harm, f.rule])).toEqual([['lab-assistant', 'pathogen-uplift', 'escalation-required']]);
    expect(portfolio.tradeoffs.map((f) => [f.feature, f.rule])).toEqual([['support-chat', 'unassessed-tradeoff']]);
    expect(portfolio.drift.map((f) => [f.feature, f.rule, f.line])).toEqual([['checkout-agent', 'assessment-drift', 9]]);
  });

  test('top harms are the worst residual risks across features, at most TOP_HARMS', () => {
    const all = portfolio.features.flatMap((f) => f.harms.map((h) => h.residual.risk)).sort((a, b) => b - a);
    expect(portfolio.topHarms.map((h) => h.residual.risk)).toEqual(all.slice(0, TOP_HARMS));
    const many = build(Array.from({ length: 4 }, () => entries).flat());
    expect(many.topHarms).toHaveLength(TOP_HARMS);
  });

  test('a review is overdue from the day after review_by', () => {
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
    const expires = new Date(Date.parse(`${PORTFOLIO_TODAY}T00:00:00Z`) + daysLeft * 86_400_000).toISOString().slice(0, 10);
    const list = entries.map((e) =>
      e.assessment?.waivers ? { ...e, assessment: { ...e.assessment, waivers: e.assessment.waivers.map((w) => ({ ...w, expires })) } } : e,
    );
    const result = build(list);
    expect(result.expiring.filter((x) => x.kind === 'waiver').map((x) => x.daysLeft)).toEqual(listed ? [daysLeft] : []);
    expect(result.features.find((f) => f.id === 'checkout-agent')!.waiversExpiringSoon).toBe(listed ? 1 : 0);
  });

  test('acceptances of residual risk expiring within 30 days are listed with the level they accept, soonest first', () => {
    expect(portfolio.expiring.map((e) => [e.kind, e.harm, e.expires, e.daysLeft, e.upTo ?? e.safeguard])).toEqual([
      ['waiver', 'unauthorized-purchases', '2026-01-25', 10, 'evaluation.red-teaming'],
      ['acceptance', 'unauthorized-purchases', '2026-02-05', 21, 'high'],
    ]);
    expect(portfolio.features.find((f) => f.id === 'checkout-agent')).toMatchObject({ waiversExpiringSoon: 1, acceptancesExpiringSoon: 1 });
  });

  test('carries no mapping coverage unless asked, and covers the clauses of the framework named', () => {
    expect(portfolio.mapping).toBeNull();
    const covered = buildPortfolio({ entries, catalog, today: PORTFOLIO_TODAY, version: '1.0.0', config: null, mapping: 'nist-ai-rmf' });
    expect(covered.mapping?.framework).toBe('nist-ai-rmf');
    expect(covered.mapping?.clauses.length).toBeGreaterThan(0);
  });

  test('does not depend on the order of its input', () => {
    expect(build([...entries].reverse())).toEqual(portfolio);
  });
});
