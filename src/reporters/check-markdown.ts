import type { Finding, Score } from '../schema/output.js';
import { escapeMarkdown, escapeMarkdownLines, formatCodeSpan, formatMarkdownRow } from './sanitize.js';
import { appendLines, describeRunSummary, pluralize, selectVisibleFindings } from './text.js';
import type { CheckRunInfo, CheckStream, FileResult, ReporterContext } from './types.js';

/**
 * A pull-request comment must stay well under GitHub's 65,536-character limit
 * (a job summary under 1 MiB): each table stops after this many rows.
 */
export const MAX_PROBLEM_ROWS = 100;
export const MAX_FEATURE_ROWS = 100;

interface FeatureRow {
  residual: Score;
  text: string;
}

function formatScore(value: number, level: string): string {
  return `${value.toFixed(1)} ${level}`;
}

function formatFeatureRow(file: FileResult, scored: NonNullable<FileResult['scored']>): string {
  const count = (level: Finding['level']) => String(file.findings.filter((f) => f.level === level).length);
  const feature = file.feature === null ? escapeMarkdown(scored.name) : `${escapeMarkdown(scored.name)} (${formatCodeSpan(file.feature)})`;
  return formatMarkdownRow([
    feature,
    formatCodeSpan(file.file),
    escapeMarkdown(scored.stage),
    formatScore(scored.residual.severity, scored.residual.severityLevel),
    formatScore(scored.residual.risk, scored.residual.riskLevel),
    count('error'),
    count('warning'),
  ]);
}

/** Highest residual risk first, then severity: the rows a reviewer should read before the others. */
const ranksBefore = (a: Score, b: Score) => a.risk > b.risk || (a.risk === b.risk && a.severity > b.severity);

/**
 * The `limit` highest-ranked features seen so far, in table order; among equals
 * the earlier file (path order) stays first. Memory stays bounded however many files.
 */
function keepTopRow(rows: FeatureRow[], row: FeatureRow, limit: number): void {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranksBefore(row.residual, rows[mid]!.residual)) hi = mid;
    else lo = mid + 1;
  }
  if (lo >= limit) return;
  rows.splice(lo, 0, row);
  if (rows.length > limit) rows.pop();
}

function formatFeatureTable(rows: readonly FeatureRow[], total: number): string[] {
  if (rows.length === 0) return [];
  const more = total - rows.length;
  return [
    '### Residual risk by feature',
    '',
    '| Feature | File | Stage | Residual severity | Residual risk | Errors | Warnings |',
    '| --- | --- | --- | --- | --- | ---: | ---: |',
    ...rows.map((r) => r.text),
    ...(more > 0 ? ['', `…and ${pluralize(more, 'more feature')} at lower risk; run harm locally to see them all.`] : []),
    '',
  ];
}

function formatProblemTable(rows: readonly string[], total: number, verbose: boolean): string[] {
  if (rows.length === 0) return [];
  const more = total - rows.length;
  return [
    verbose ? '### Findings' : '### Problems',
    '',
    '| Level | Location | Rule | Message |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(more > 0 ? ['', `…and ${more} more; run harm locally to see them all.`] : []),
    '',
  ];
}

/**
 * For a pull-request comment or a job summary: the outcome, residual risk per
 * feature, then the problems. The outcome comes first, so the whole comment is
 * written at the end, from the rows kept.
 */
export function streamCheckMarkdown(_info: CheckRunInfo, ctx: ReporterContext): CheckStream {
  const features: FeatureRow[] = [];
  let featureCount = 0;
  const problems: string[] = [];
  let problemCount = 0;
  return {
    head: undefined,
    file: (file) => {
      if (file.scored) {
        featureCount++;
        keepTopRow(features, { residual: file.scored.residual, text: formatFeatureRow(file, file.scored) }, MAX_FEATURE_ROWS);
      }
      for (const f of selectVisibleFindings(file.findings, ctx.verbose)) {
        if (problemCount++ >= MAX_PROBLEM_ROWS) continue;
        problems.push(formatMarkdownRow([f.level, formatCodeSpan(`${f.file}:${f.line}:${f.column}`), formatCodeSpan(f.rule), escapeMarkdownLines(f.message)]));
      }
      return '';
    },
    finish: (end) => {
      const summary = describeRunSummary(end.summary, ctx.verbose);
      const lines = ['## harm results', '', summary.clean ? `✔ ${summary.text}.` : `**✖ ${summary.text}.**`, ''];
      if (summary.hidden !== undefined) lines.push(`_${summary.hidden}._`, '');
      appendLines(lines, formatFeatureTable(features, featureCount), formatProblemTable(problems, problemCount, ctx.verbose));
      return { head: `${lines.join('\n').trimEnd()}\n`, tail: '' };
    },
  };
}
