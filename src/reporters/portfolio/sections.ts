import { LEVELS, type Level } from '../../schema/common.js';
import type { Portfolio } from '../../schema/output.js';
import { EXPIRING_WITHIN_DAYS } from '../../core/portfolio.js';
import type { ScoreMeasure } from '../level-style.js';
import { pluralize } from '../text.js';

/** The portfolio's sections, in the order every format shows them. */
export const SECTION_TITLES = {
  features: 'Features, worst first',
  heatMap: (measure: ScoreMeasure) => `Heat map: residual ${measure} by dimension`,
  topHarms: 'Top harms by residual risk',
  gaps: 'Open gaps',
  escalations: 'Escalations missing',
  reviews: 'Reviews overdue',
  expiring: `Waivers and acceptances expiring within ${EXPIRING_WITHIN_DAYS} days`,
  drift: 'Assessment drift',
  tradeoffs: 'Unassessed trade-offs',
  broken: 'Files that could not be scored',
  coverage: (framework: string) => `Clauses of ${framework}: who has the safeguards serving them`,
} as const;

/** "1 critical, 2 high, 1 low": the levels that occur, worst first. */
export function describeLevelCounts(byLevel: Portfolio['summary']['byLevel']): string {
  const parts = [...LEVELS].reverse().flatMap((level: Level) => (byLevel[level] > 0 ? [`${byLevel[level]} ${level}`] : []));
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export function describeDaysLeft(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

export function describeDaysOverdue(days: number): string {
  return `${pluralize(days, 'day')} overdue`;
}

/** The first line of a report: how many features, files that failed, and the date. */
export function describeScope(portfolio: Portfolio): string {
  const s = portfolio.summary;
  const broken = s.broken > 0 ? `, ${pluralize(s.broken, 'file')} that could not be scored` : '';
  return `${pluralize(s.features, 'feature')}${broken}, as of ${portfolio.today}`;
}

/** A status as a reader says it: "missing", "planned", "in progress", "not applicable". */
export function describeStatus(status: string): string {
  return status.replace(/_/g, ' ');
}

type Expiring = Portfolio['expiring'][number];

/** "the waiver for evaluation.red-teaming" or "the acceptance of residual risk up to high". */
export function describeExpiringWhat(e: Expiring): string {
  if (e.kind === 'acceptance') return `the acceptance of residual risk up to ${e.upTo ?? 'its level'}`;
  return `the waiver${e.safeguard ? ` for ${e.safeguard}` : ''}`;
}

type Clause = NonNullable<Portfolio['mapping']>['clauses'][number];
export const COVERAGE_COLUMNS = [
  ['implemented', 'Implemented'],
  ['planned', 'Planned'],
  ['missing', 'Missing'],
  ['not_applicable', 'Not applicable'],
] as const;

/** The features of one clause, by how they stand. */
export function groupCoverage(clause: Clause): Record<Clause['features'][number]['status'], string[]> {
  const groups = { implemented: [] as string[], planned: [] as string[], missing: [] as string[], not_applicable: [] as string[] };
  for (const f of clause.features) groups[f.status].push(f.feature);
  return groups;
}

/** "(safeguards: a, b; categories: c)": what in the catalog maps to a clause. */
export function describeClauseSources(clause: Clause): string {
  const parts: string[] = [];
  if (clause.safeguards.length > 0) parts.push(clause.safeguards.join(', '));
  if (clause.categories.length > 0) parts.push(`categories: ${clause.categories.join(', ')}`);
  return `(${parts.join('; ')})`;
}
