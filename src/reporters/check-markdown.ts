import type { Finding, Score } from '../schema/output.js';
import { escapeMarkdown, escapeMarkdownLines, formatCodeSpan, formatMarkdownRow } from './sanitize.js';
import { describeRunSummary, selectVisibleFindings } from './text.js';
import type { CheckRun, FileResult, ReporterContext } from './types.js';

/** A pull-request comment must stay well under GitHub's 65,536-character limit. */
export const MAX_PROBLEM_ROWS = 100;

function formatScore(value: number, level: string): string {
  return `${value.toFixed(1)} ${level}`;
}

function countLevels(findings: readonly Finding[]): { errors: number; warnings: number } {
  return {
    errors: findings.filter((f) => f.level === 'error').length,
    warnings: findings.filter((f) => f.level === 'warning').length,
  };
}

function formatFeatureTable(files: readonly FileResult[]): string[] {
  const scored = files.flatMap((file) => (file.scored ? [{ file, scored: file.scored }] : []));
  if (scored.length === 0) return [];
  // Highest residual risk first: the rows a reviewer should read before the others.
  const byRisk = (a: Score, b: Score) => b.risk - a.risk || b.severity - a.severity;
  scored.sort((a, b) => byRisk(a.scored.residual, b.scored.residual));
  const rows = scored.map(({ file, scored: s }) => {
    const { errors, warnings } = countLevels(file.findings);
    const feature = file.feature === null ? escapeMarkdown(s.name) : `${escapeMarkdown(s.name)} (${formatCodeSpan(file.feature)})`;
    const cells = [
      feature,
      formatCodeSpan(file.file),
      escapeMarkdown(s.stage),
      formatScore(s.residual.severity, s.residual.severityLevel),
      formatScore(s.residual.risk, s.residual.riskLevel),
      String(errors),
      String(warnings),
    ];
    return formatMarkdownRow(cells);
  });
  return [
    '### Residual risk by feature',
    '',
    '| Feature | File | Stage | Residual severity | Residual risk | Errors | Warnings |',
    '| --- | --- | --- | --- | --- | ---: | ---: |',
    ...rows,
    '',
  ];
}

function formatProblemTable(run: CheckRun, verbose: boolean): string[] {
  const findings = run.files.flatMap((file) => selectVisibleFindings(file.findings, verbose));
  if (findings.length === 0) return [];
  const rows = findings.slice(0, MAX_PROBLEM_ROWS).map((f) => {
    const cells = [f.level, formatCodeSpan(`${f.file}:${f.line}:${f.column}`), formatCodeSpan(f.rule), escapeMarkdownLines(f.message)];
    return formatMarkdownRow(cells);
  });
  const more = findings.length - rows.length;
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

/** For a pull-request comment or a job summary: the outcome, residual risk per feature, then the problems. */
export function formatCheckMarkdown(run: CheckRun, ctx: ReporterContext): string {
  const summary = describeRunSummary(run.summary, ctx.verbose);
  const lines = ['## harm results', '', summary.clean ? `✔ ${summary.text}.` : `**✖ ${summary.text}.**`, ''];
  if (summary.hidden !== undefined) lines.push(`_${summary.hidden}._`, '');
  lines.push(...formatFeatureTable(run.files), ...formatProblemTable(run, ctx.verbose));
  return `${lines.join('\n').trimEnd()}\n`;
}
