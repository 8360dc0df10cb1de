import type { Catalog } from '../schema/catalog.js';
import type { Portfolio, Recommendation, Report } from '../schema/output.js';
import { clausesOf } from './mappings.js';

type Coverage = NonNullable<Portfolio['mapping']>;
type FeatureCoverage = Coverage['clauses'][number]['features'][number];
type Status = Recommendation['status'];

/**
 * Which of a safeguard's statuses across a feature's harms says most about the clause, in
 * the order of a feature's status below: needed and not declared for one harm outweighs
 * not applicable to another.
 */
const STATUS_RANK: Record<Status, number> = { implemented: 4, in_progress: 3, planned: 2, missing: 1, not_applicable: 0 };

/**
 * `harm report --by-mapping <slug>`: for each clause of one framework (§1.2 `mappings`),
 * how each feature stands with the safeguards serving it. A feature is listed for a
 * clause when one of those safeguards is required, recommended or declared for one of
 * its harms: `implemented` when one is implemented, else `planned` (planned or in
 * progress), else `missing` (needed and not declared), else `not_applicable`.
 * Features come in the order given (the portfolio's: worst first).
 */
export function coverMapping(catalog: Catalog, framework: string, features: readonly { file: string; feature: string; report: Report }[]): Coverage {
  const clauses = clausesOf(catalog, framework).map(({ clause, safeguards, categories }) => {
    const serving = new Set(safeguards);
    const covered = features.flatMap(({ file, feature, report }) => {
      const entry = coverFeature(report, serving);
      return entry ? [{ file, feature, ...entry }] : [];
    });
    return { clause, safeguards, categories, features: covered };
  });
  return { framework, clauses };
}

function coverFeature(report: Report, serving: ReadonlySet<string>): Omit<FeatureCoverage, 'file' | 'feature'> | undefined {
  const best = new Map<string, Recommendation>();
  for (const harm of report.harms) {
    for (const r of harm.recommendations) {
      if (!serving.has(r.safeguard)) continue;
      const seen = best.get(r.safeguard);
      if (!seen || STATUS_RANK[r.status] > STATUS_RANK[seen.status]) best.set(r.safeguard, r);
    }
  }
  if (best.size === 0) return undefined;
  const statuses = [...best.values()].map((r) => r.status);
  const status: FeatureCoverage['status'] = statuses.includes('implemented')
    ? 'implemented'
    : statuses.some((s) => s === 'planned' || s === 'in_progress')
      ? 'planned'
      : statuses.includes('missing')
        ? 'missing'
        : 'not_applicable';
  return { status, safeguards: [...best.values()].map((r) => ({ id: r.safeguard, status: r.status })).sort((a, b) => (a.id < b.id ? -1 : 1)) };
}
