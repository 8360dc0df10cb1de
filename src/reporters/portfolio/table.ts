import wrapAnsi from 'wrap-ansi';
import type { Finding, Portfolio, Score } from '../../schema/output.js';
import { nameOf } from '../catalog-names.js';
import { formatMeasure, paintFindingLevel, paintScoreLevel, type ScoreMeasure } from '../level-style.js';
import { sanitizeTerminalLine as clean } from '../sanitize.js';
import { formatGrid, GUTTER, type Cell } from '../terminal-grid.js';
import { measureText as stringWidth, measureWidest } from '../terminal-text.js';
import { appendLines, createPaint, pluralize, type Paint } from '../text.js';
import type { ReporterContext } from '../types.js';
import { COVERAGE_COLUMNS, describeDaysLeft, describeDaysOverdue, describeExpiringWhat, describeLevelCounts, describeScope, describeClauseSources, describeStatus, groupCoverage, SECTION_TITLES } from './sections.js';
import type { PortfolioOutput } from './types.js';

const INDENT = '  ';

function formatScore(paint: Paint, score: Score, measure: ScoreMeasure): string {
  const m = formatMeasure(score, measure);
  return paintScoreLevel(paint, m.level, `${m.value} ${m.level}`);
}

/** A dimension no harm lists has nothing to show. */
function formatCell(paint: Paint, score: Score, measure: ScoreMeasure): string {
  return score.vector === null && score.risk === 0 ? paint.dim('—') : formatScore(paint, score, measure);
}

function heading(paint: Paint, title: string, count?: number): string[] {
  return ['', paint.bold(count === undefined ? title : `${title} (${count})`)];
}

/** Items of a list, wrapped to the width with a hanging indent; "None." when empty. */
function formatItems(items: readonly string[], width: number): string[] {
  if (items.length === 0) return [`${INDENT}None.`];
  return items.flatMap((item) =>
    wrapAnsi(item, Math.max(20, width - INDENT.length - 2), { hard: true, trim: true })
      .split('\n')
      .map((line, i) => `${INDENT}${i === 0 ? '- ' : '  '}${line}`),
  );
}

const where = (f: { file: string; line: number; column: number }) => `${clean(f.file)}:${f.line}:${f.column}`;

function formatFeatures(portfolio: Portfolio, paint: Paint, width: number): string[] {
  const header: Cell[] = ['Feature', 'Stage', 'Risk', 'Severity', 'Gaps', 'Errors', 'Warnings'].map((h) => [paint.bold(h)]);
  const rest = portfolio.features.map((f): Cell[] => [
    [f.stage],
    [formatScore(paint, f.overall.residual, 'risk')],
    [formatScore(paint, f.overall.residual, 'severity')],
    [String(f.gaps)],
    [f.summary.errors > 0 ? paint.red(String(f.summary.errors)) : '0'],
    [f.summary.warnings > 0 ? paint.yellow(String(f.summary.warnings)) : '0'],
  ]);
  // Ids, as every list below names features; cut to what the other columns leave of the width.
  const others = header.slice(1).map((h, c) => Math.max(stringWidth(h[0]!), measureWidest(rest.map((row) => row[c]![0]!))));
  const idWidth = Math.max(12, width - INDENT.length - others.reduce((sum, w) => sum + w + GUTTER.length, 0));
  const rows = portfolio.features.map((f, i): Cell[] => [[truncate(clean(f.id), idWidth)], ...rest[i]!]);
  return formatGrid([header, ...rows], ['left', 'left', 'left', 'left', 'right', 'right', 'right']).map((l) => INDENT + l);
}

function formatHeatMap(output: PortfolioOutput, paint: Paint, width: number): string[] {
  const { portfolio, names, measure } = output;
  const dimensions = [...names.dimensions.keys()];
  const header: Cell[] = [[paint.bold('Feature')], ...dimensions.map((id) => nameOf(names.dimensions, id).split(' ').map((w) => paint.bold(clean(w))))];
  const cells = portfolio.features.map((f) => {
    const byId = new Map(f.dimensions.map((d) => [d.id, d.residual]));
    return dimensions.map((id) => {
      const score = byId.get(id);
      return score ? formatCell(paint, score, measure) : paint.dim('—');
    });
  });
  // The feature column gets what the dimensions leave of the width; long ids are cut, the features table has them whole.
  // Loops, not spreads: a portfolio can hold more features than a call takes arguments.
  const columnWidths = dimensions.map((_, c) => Math.max(measureWidest(header[c + 1]!), measureWidest(cells.map((row) => row[c]!))));
  const room = width - INDENT.length - columnWidths.reduce((a, b) => a + b + 2, 0);
  const idWidth = Math.max(12, Math.min(room, Math.max(7, measureWidest(portfolio.features.map((f) => f.id)))));
  const rows = portfolio.features.map((f, i): Cell[] => [[truncate(clean(f.id), idWidth)], ...cells[i]!.map((c) => [c])]);
  return formatGrid([header, ...rows], ['left', ...dimensions.map(() => 'left' as const)], [idWidth, ...columnWidths]).map((l) => INDENT + l);
}

const truncate = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

function formatTopHarms(portfolio: Portfolio, paint: Paint, width: number): string[] {
  return formatItems(
    portfolio.topHarms.map((h) => `${formatScore(paint, h.residual, 'risk')}  ${clean(h.feature)} › ${clean(h.harm)}: ${clean(h.title)}`),
    width,
  );
}

function formatFindingItems(findings: readonly (Finding & { feature: string })[], paint: Paint, width: number): string[] {
  return formatItems(
    findings.map((f) => `${clean(f.feature)}${f.harm ? ` › ${clean(f.harm)}` : ''} ${paint.dim(`(${where(f)})`)}: ${paintFindingLevel(paint, f.level, f.level)} ${clean(f.message)}`),
    width,
  );
}

function formatCoverage(mapping: NonNullable<Portfolio['mapping']>, paint: Paint, width: number): string[] {
  const lines = heading(paint, SECTION_TITLES.coverage(clean(mapping.framework)), mapping.clauses.length);
  for (const clause of mapping.clauses) {
    const title = `${paint.bold(clean(clause.clause))} ${paint.dim(clean(describeClauseSources(clause)))}`;
    appendLines(lines, wrapAnsi(title, Math.max(20, width - INDENT.length - 2), { hard: true, trim: true }).split('\n').map((l, i) => `${INDENT}${i > 0 ? '  ' : ''}${l}`));
    const groups = groupCoverage(clause);
    const items = COVERAGE_COLUMNS.flatMap(([status, title]) => (groups[status].length > 0 ? [`${title.toLowerCase()}: ${groups[status].map(clean).join(', ')}`] : []));
    if (items.length === 0) items.push(clause.safeguards.length > 0 ? 'no feature needs or declares these safeguards' : 'no safeguard of the catalog serves it');
    appendLines(lines, formatItems(items, width - INDENT.length).map((l) => INDENT + l));
  }
  return lines;
}

/** `harm report` for a terminal: what needs attention across every assessment, worst first. */
export function formatPortfolioTable(output: PortfolioOutput, ctx: ReporterContext): string {
  const { portfolio } = output;
  const paint = createPaint(ctx.color);
  const width = ctx.width;
  const fw = portfolio.framework;
  const lines = [
    paint.bold(`harm report: ${describeScope(portfolio)}`),
    `Residual risk by feature: ${describeLevelCounts(portfolio.summary.byLevel)} · framework ${clean(fw.id)} v${fw.version}`,
  ];
  if (portfolio.mapping) appendLines(lines, formatCoverage(portfolio.mapping, paint, width));
  if (portfolio.features.length > 0) {
    appendLines(lines, heading(paint, `${SECTION_TITLES.features}: residual risk and severity`), formatFeatures(portfolio, paint, width));
    appendLines(lines, heading(paint, SECTION_TITLES.heatMap(output.measure)), formatHeatMap(output, paint, width));
    appendLines(lines, heading(paint, SECTION_TITLES.topHarms), formatTopHarms(portfolio, paint, width));
  }
  appendLines(
    lines,
    heading(paint, SECTION_TITLES.gaps, portfolio.gaps.length),
    formatItems(
      portfolio.gaps.map((g) => `${clean(g.feature)} › ${clean(g.harm)}: ${clean(g.safeguard)} is ${describeStatus(g.status)} (harm at ${formatScore(paint, g.residual, 'risk')})`),
      width,
    ),
    heading(paint, SECTION_TITLES.escalations, portfolio.escalations.length),
    formatFindingItems(portfolio.escalations, paint, width),
    heading(paint, SECTION_TITLES.reviews, portfolio.reviewsOverdue.length),
    formatItems(portfolio.reviewsOverdue.map((r) => `${clean(r.feature)}: review by ${r.reviewBy}, ${describeDaysOverdue(r.daysOverdue)}`), width),
    heading(paint, SECTION_TITLES.expiring, portfolio.expiring.length),
    formatItems(
      portfolio.expiring.map(
        (e) =>
          `${clean(e.feature)} › ${clean(e.harm)}: ${clean(describeExpiringWhat(e))} expires ${e.expires} (${describeDaysLeft(e.daysLeft)}), approved by ${clean(e.approvedBy)}`,
      ),
      width,
    ),
    heading(paint, SECTION_TITLES.drift, portfolio.drift.length),
    formatFindingItems(portfolio.drift, paint, width),
    heading(paint, SECTION_TITLES.tradeoffs, portfolio.tradeoffs.length),
    formatFindingItems(portfolio.tradeoffs, paint, width),
  );
  if (portfolio.broken.length > 0) {
    appendLines(lines, heading(paint, SECTION_TITLES.broken, portfolio.broken.length));
    for (const b of portfolio.broken) {
      lines.push(`${INDENT}${clean(b.file)}`);
      appendLines(lines, formatItems(b.findings.map((f) => `${f.line}:${f.column} ${paintFindingLevel(paint, f.level, f.level)} ${clean(f.message)} ${paint.dim(`(${f.rule})`)}`), width));
    }
  }
  const s = portfolio.summary;
  lines.push('', `${pluralize(s.files, 'file')}: ${pluralize(s.errors, 'error')}, ${pluralize(s.warnings, 'warning')}, ${pluralize(s.infos, 'info')}`);
  return `${lines.join('\n')}\n`;
}
