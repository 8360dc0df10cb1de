import type { Assessment } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import { API_VERSION, LEVELS } from '../schema/common.js';
import type { Finding, Portfolio, PortfolioFeature, Report, Score } from '../schema/output.js';
import type { RuleId } from '../schema/rules.js';
import { coverMapping } from './coverage.js';
import { frameworkRef } from './digest.js';
import { publicFinding, summarize } from './findings.js';

/** One file of a portfolio: its report, and the assessment when the document could be read. */
export interface PortfolioEntry {
  report: Report;
  assessment?: Assessment;
}

/** How far ahead waivers and acceptances count as expiring soon. */
export const EXPIRING_WITHIN_DAYS = 30;
/** How many harms the "top harms" list shows. */
export const TOP_HARMS = 10;

const DAY_MS = 86_400_000;

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Higher residual risk first, then higher residual severity. */
function compareWorst(a: Score, b: Score): number {
  return b.risk - a.risk || b.severity - a.severity;
}

/** Code-unit order: the same in every locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Scored {
  report: Report & { feature: NonNullable<Report['feature']>; profile: NonNullable<Report['profile']> };
  feature: PortfolioFeature;
  /** The feature's waivers and acceptances expiring soon. */
  expiring: Portfolio['expiring'];
}

/**
 * The organisation's view of many assessments (SPEC §7 Portfolio), worst first
 * everywhere. Every list names the file, feature and harm its numbers come from.
 * Pure: the reports are already scored, `today` is given.
 */
export function buildPortfolio(input: {
  entries: readonly PortfolioEntry[];
  catalog: Catalog;
  today: string;
  version: string;
  config: string | null;
  /** `--by-mapping`: the framework slug whose clauses to cover. */
  mapping?: string;
}): Portfolio {
  const { entries, today } = input;
  const scored: Scored[] = [];
  const broken: Portfolio['broken'] = [];
  for (const entry of entries) {
    const { report } = entry;
    if (!report.feature || !report.profile) {
      broken.push({ file: report.file, findings: report.findings.map(publicFinding) });
      continue;
    }
    const typed = report as Scored['report'];
    const expiring = listExpiring(report.file, typed.feature.id, entry.assessment, today);
    scored.push({ report: typed, feature: describeFeature(typed, entry.assessment, today, expiring), expiring });
  }
  scored.sort(
    (a, b) =>
      compareWorst(a.feature.overall.residual, b.feature.overall.residual) ||
      b.feature.summary.errors - a.feature.summary.errors ||
      byText(a.feature.id, b.feature.id) ||
      byText(a.feature.file, b.feature.file),
  );

  broken.sort((a, b) => byText(a.file, b.file));
  const byLevel = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Portfolio['summary']['byLevel'];
  for (const { feature } of scored) byLevel[feature.overall.residual.riskLevel]++;

  return {
    apiVersion: API_VERSION,
    kind: 'Portfolio',
    tool: { name: 'harm', version: input.version },
    framework: frameworkRef(input.catalog),
    config: input.config,
    today,
    features: scored.map((s) => s.feature),
    broken,
    topHarms: listTopHarms(scored),
    gaps: listGaps(scored),
    escalations: listFindings(scored, 'escalation-required'),
    reviewsOverdue: listOverdueReviews(scored, today),
    expiring: scored.flatMap((s) => s.expiring).sort((a, b) => a.daysLeft - b.daysLeft),
    drift: listFindings(scored, 'assessment-drift'),
    tradeoffs: listFindings(scored, 'unassessed-tradeoff'),
    mapping:
      input.mapping === undefined
        ? null
        : coverMapping(input.catalog, input.mapping, scored.map(({ report, feature }) => ({ file: feature.file, feature: feature.id, report }))),
    summary: {
      files: entries.length,
      features: scored.length,
      broken: broken.length,
      byLevel,
      ...summarize(entries.flatMap((e) => e.report.findings)),
    },
  };
}

function describeFeature(report: Scored['report'], assessment: Assessment | undefined, today: string, expiring: Portfolio['expiring']): PortfolioFeature {
  const { feature, profile } = report;
  const reviewBy = assessment?.assessment.review_by ?? null;
  return {
    file: report.file,
    id: feature.id,
    name: feature.name,
    owner: feature.owner,
    stage: feature.stage,
    overall: { inherent: profile.overall.inherent, residual: profile.overall.residual },
    dimensions: profile.dimensions.map((d) => ({ id: d.id, residual: d.residual })),
    harms: report.harms.map((h) => ({ id: h.id, title: h.title, category: h.category, dimensions: h.dimensions, inherent: h.inherent, residual: h.residual })),
    gaps: openGaps(report).length,
    reviewOverdue: reviewBy !== null && reviewBy < today,
    reviewBy,
    waiversExpiringSoon: expiring.filter((e) => e.kind === 'waiver').length,
    acceptancesExpiringSoon: expiring.filter((e) => e.kind === 'acceptance').length,
    summary: report.summary,
  };
}

/** Required safeguards neither implemented nor waived (SPEC §3.3); a retired feature is not gated, so has none. */
function openGaps(report: Scored['report']) {
  if (report.feature.stage === 'retired') return [];
  return report.harms.flatMap((harm) =>
    harm.recommendations.filter((r) => r.required && r.status !== 'implemented' && !r.waived).map((r) => ({ harm, recommendation: r })),
  );
}

function listTopHarms(scored: readonly Scored[]): Portfolio['topHarms'] {
  const all = scored.flatMap(({ feature }) =>
    feature.harms.map((h) => ({ file: feature.file, feature: feature.id, harm: h.id, title: h.title, category: h.category, inherent: h.inherent, residual: h.residual })),
  );
  // A stable sort: equal harms keep the features' order, then the file's.
  return all.sort((a, b) => compareWorst(a.residual, b.residual)).slice(0, TOP_HARMS);
}

function listGaps(scored: readonly Scored[]): Portfolio['gaps'] {
  const gaps = scored.flatMap(({ report, feature }) =>
    openGaps(report).map(({ harm, recommendation }) => ({
      file: feature.file,
      feature: feature.id,
      harm: harm.id,
      safeguard: recommendation.safeguard,
      title: recommendation.title,
      status: recommendation.status,
      residual: harm.residual,
    })),
  );
  return gaps.sort((a, b) => compareWorst(a.residual, b.residual));
}

/** The findings of one rule, in feature order (worst first), then by line. */
function listFindings(scored: readonly Scored[], rule: RuleId): (Finding & { feature: string })[] {
  return scored.flatMap(({ report, feature }) => report.findings.filter((f) => f.rule === rule).map((f) => ({ ...publicFinding(f), feature: feature.id })));
}

function listOverdueReviews(scored: readonly Scored[], today: string): Portfolio['reviewsOverdue'] {
  const overdue = scored.flatMap(({ feature }) =>
    feature.reviewOverdue && feature.reviewBy
      ? [{ file: feature.file, feature: feature.id, reviewBy: feature.reviewBy, daysOverdue: daysBetween(feature.reviewBy, today) }]
      : [],
  );
  return overdue.sort((a, b) => b.daysOverdue - a.daysOverdue);
}

/** One feature's waivers, then acceptances, not yet expired and expiring within EXPIRING_WITHIN_DAYS. */
function listExpiring(file: string, feature: string, assessment: Assessment | undefined, today: string): Portfolio['expiring'] {
  const waivers = (assessment?.waivers ?? []).map((w) => ({
    file,
    feature,
    kind: 'waiver' as const,
    harm: w.harm,
    safeguard: w.safeguard,
    approvedBy: w.approved_by,
    expires: w.expires,
    daysLeft: daysBetween(today, w.expires),
  }));
  const acceptances = (assessment?.acceptances ?? []).map((a) => ({
    file,
    feature,
    kind: 'acceptance' as const,
    harm: a.harm,
    upTo: a.up_to,
    approvedBy: a.approved_by,
    expires: a.expires,
    daysLeft: daysBetween(today, a.expires),
  }));
  return [...waivers, ...acceptances].filter((e) => e.daysLeft >= 0 && e.daysLeft <= EXPIRING_WITHIN_DAYS);
}
