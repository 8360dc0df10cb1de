import { describe, expect, test } from 'vitest';
import { coverMapping } from '../../src/core/coverage.js';
import { clausesOf } from '../../src/core/mappings.js';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import type { Recommendation, Report } from '../../src/schema/output.js';
import { buildFixtureEntries } from '../fixtures/portfolio.js';
import { freshImport } from '../helpers/fresh-import.js';

const catalog = loadBuiltinCatalog();
const SAFEGUARD = 'usage_policy.aup-coverage';
// Found on first use inside a test, not while the file is collected (docs/testing.md, mutation testing).
const clauseWith = (test: (safeguards: readonly string[]) => boolean) => clausesOf(catalog, 'eu-ai-act').find((c) => test(c.safeguards))!;
const theClause = () => clauseWith((s) => s.length === 1 && s[0] === SAFEGUARD);

function rec(status: Recommendation['status'], fields: Partial<Recommendation> = {}): Recommendation {
  return { safeguard: SAFEGUARD, title: 'x', required: false, recommended: false, status, waived: false, reasons: [], mappings: {}, ...fields };
}
/** A report whose harms have the given recommendations of the clause's safeguard. */
function reportWith(...harms: Recommendation[][]): Report {
  return { harms: harms.map((recommendations, i) => ({ id: `h${i}`, recommendations })) } as unknown as Report;
}
/** How the one feature of `report` stands with a clause (the one of SAFEGUARD unless given). */
const coverageOf = (report: Report, clause = theClause().clause) =>
  coverMapping(catalog, 'eu-ai-act', [{ file: 'f', feature: 'f', report }]).clauses.find((c) => c.clause === clause)!.features[0];
const statusOf = (report: Report) => coverageOf(report)?.status;

describe('coverMapping', () => {
  test.each([
    ['implemented for one harm is implemented', [[rec('planned')], [rec('implemented')]], 'implemented'],
    ['in progress is planned', [[rec('in_progress')], [rec('missing', { required: true })]], 'planned'],
    ['required or recommended and not declared is missing', [[rec('missing', { recommended: true })]], 'missing'],
    ['declared not applicable everywhere is not_applicable', [[rec('not_applicable')]], 'not_applicable'],
    ['not applicable to one harm and needed for another is missing', [[rec('not_applicable')], [rec('missing', { required: true })]], 'missing'],
    ['neither needed nor declared: the feature is not listed', [[]], undefined],
  ] as const)('%s', (_name, harms, status) => {
    expect(statusOf(reportWith(...harms.map((h) => [...h])))).toBe(status);
  });

  test('lists every clause the catalog maps, in clause order, features in the order given', () => {
    const entries = buildFixtureEntries().filter((e) => e.report.feature);
    const features = entries.map((e) => ({ file: e.report.file, feature: e.report.feature!.id, report: e.report }));
    const coverage = coverMapping(catalog, 'eu-ai-act', features);
    expect(coverage.clauses.map((c) => c.clause)).toEqual(clausesOf(catalog, 'eu-ai-act').map((c) => c.clause));
    const aup = coverage.clauses.find((c) => c.clause === theClause().clause)!;
    const order = features.map((f) => f.feature);
    expect(aup.features.map((f) => f.feature)).toEqual(order.filter((id) => aup.features.some((f) => f.feature === id)));
    // The one safeguard's status, feature by feature, as the reports give it.
    for (const f of aup.features) {
      const report = features.find((x) => x.feature === f.feature)!.report;
      const statuses = report.harms.flatMap((h) => h.recommendations.filter((r) => r.safeguard === SAFEGUARD).map((r) => r.status));
      expect(statuses.length, f.feature).toBeGreaterThan(0);
      expect(f.status === 'implemented', f.feature).toBe(statuses.includes('implemented'));
    }
  });

  test('each safeguard of the clause the feature has is listed once, by id, with its most advanced status across harms', () => {
    const clause = clauseWith((s) => s.length >= 3);
    const [first, second, third] = [...clause.safeguards].sort();
    const on = (safeguard: string, status: Recommendation['status']) => rec(status, { safeguard });
    // Declared in an order other than the ids', the better status in either harm.
    const harms = [
      [on(third!, 'implemented'), on(second!, 'planned'), on(first!, 'in_progress')],
      [on(second!, 'not_applicable'), on(first!, 'planned'), on(third!, 'missing')],
    ];
    for (const order of [harms, [...harms].reverse(), harms.map((h) => [...h].reverse())]) {
      expect(coverageOf(reportWith(...order), clause.clause)).toEqual({
        file: 'f',
        feature: 'f',
        status: 'implemented',
        safeguards: [
          { id: first, status: 'in_progress' },
          { id: second, status: 'planned' },
          { id: third, status: 'implemented' },
        ],
      });
    }
  });

  const RANKED = [
    ['implemented over in_progress', 'in_progress', 'implemented'],
    ['in_progress over planned', 'planned', 'in_progress'],
    ['planned over missing', 'missing', 'planned'],
    ['missing (needed and not declared) over not_applicable', 'not_applicable', 'missing'],
  ] as const;

  test.each(RANKED)('one safeguard in two harms is shown %s, in either order', (_name, worse, better) => {
    for (const harms of [[[rec(worse)], [rec(better)]], [[rec(better)], [rec(worse)]]]) {
      expect(coverageOf(reportWith(...harms))?.safeguards).toEqual([{ id: SAFEGUARD, status: better }]);
    }
  });

  test('the order of statuses is the one the module sets up when it loads', async () => {
    // Loaded again inside the test, so that the table built at load time is this test's (docs/testing.md).
    const fresh = await freshImport(() => import('../../src/core/coverage.js'));
    const clause = theClause().clause;
    for (const [, worse, better] of RANKED) {
      for (const harms of [[[rec(worse)], [rec(better)]], [[rec(better)], [rec(worse)]]]) {
        const covered = fresh.coverMapping(catalog, 'eu-ai-act', [{ file: 'f', feature: 'f', report: reportWith(...harms) }]);
        expect(covered.clauses.find((c) => c.clause === clause)!.features[0]?.safeguards).toEqual([{ id: SAFEGUARD, status: better }]);
      }
    }
  });
});
