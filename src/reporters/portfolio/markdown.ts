import type { Finding, Portfolio, Score } from '../../schema/output.js';
import { nameOf } from '../catalog-names.js';
import { formatMeasure, type ScoreMeasure } from '../level-style.js';
import { formatMarkdownTable } from '../markdown-table.js';
import { escapeMarkdown as text, formatCodeSpan as code } from '../sanitize.js';
import { pluralize } from '../text.js';
import type { ReporterContext } from '../types.js';
import { COVERAGE_COLUMNS, describeDaysLeft, describeDaysOverdue, describeExpiringWhat, describeLevelCounts, describeScope, describeStatus, groupCoverage, SECTION_TITLES } from './sections.js';
import type { PortfolioOutput } from './types.js';

function formatScore(score: Score, measure: ScoreMeasure): string {
  const m = formatMeasure(score, measure);
  return `${m.value} ${m.level}`;
}

function section(title: string, count: number | undefined, body: readonly string[]): string[] {
  return ['', `## ${count === undefined ? title : `${title} (${count})`}`, '', ...(body.length > 0 ? body : ['None.'])];
}

const where = (f: { file: string; line: number; column: number }) => code(`${f.file}:${f.line}:${f.column}`);
const harmRef = (feature: string, harm?: string) => (harm ? `${code(feature)} › ${code(harm)}` : code(feature));

function formatFindingRows(findings: readonly (Finding & { feature: string })[]): string[] {
  if (findings.length === 0) return [];
  return formatMarkdownTable(
    ['Feature', 'Where', 'Finding'],
    ['left', 'left', 'left'],
    findings.map((f) => [harmRef(f.feature, f.harm), where(f), `${f.level}: ${text(f.message)}`]),
  );
}

function formatHeatMap(output: PortfolioOutput): string[] {
  const { portfolio, names, measure } = output;
  const dimensions = [...names.dimensions.keys()];
  return formatMarkdownTable(
    ['Feature', ...dimensions.map((id) => text(nameOf(names.dimensions, id)))],
    ['left', ...dimensions.map(() => 'left' as const)],
    portfolio.features.map((f) => {
      const byId = new Map(f.dimensions.map((d) => [d.id, d.residual]));
      return [
        code(f.id),
        ...dimensions.map((id) => {
          const score = byId.get(id);
          return !score || (score.vector === null && score.risk === 0) ? '—' : formatScore(score, measure);
        }),
      ];
    }),
  );
}

/** `harm report --format markdown`: the portfolio for a wiki page or a pull request. */
export function formatPortfolioMarkdown(output: PortfolioOutput, _ctx: ReporterContext): string {
  const { portfolio: p } = output;
  const fw = p.framework;
  const lines = [
    `# Harm portfolio: ${describeScope(p)}`,
    '',
    `**Residual risk by feature:** ${describeLevelCounts(p.summary.byLevel)} · **Framework:** ${code(fw.id)} v${fw.version} · **Digest:** ${code(fw.digest)}`,
  ];
  if (p.mapping) {
    const mapping = p.mapping;
    lines.push(
      ...section(
        SECTION_TITLES.coverage(mapping.framework),
        mapping.clauses.length,
        formatMarkdownTable(
          ['Clause', 'Safeguards', ...COVERAGE_COLUMNS.map(([, title]) => title)],
          ['left', 'left', 'left', 'left', 'left', 'left'],
          mapping.clauses.map((c) => {
            const groups = groupCoverage(c);
            const list = (ids: readonly string[]) => (ids.length > 0 ? ids.map(code).join(', ') : '—');
            const categories = c.categories.length > 0 ? `categories: ${c.categories.map(code).join(', ')}` : '';
            const sources = c.safeguards.length === 0 ? categories || '—' : [list(c.safeguards), categories].filter(Boolean).join('; ');
            return [text(c.clause), sources, ...COVERAGE_COLUMNS.map(([status]) => list(groups[status]))];
          }),
        ),
      ),
    );
  }
  if (p.features.length > 0) {
    lines.push(
      ...section(SECTION_TITLES.features, undefined, formatFeatureRows(p)),
      ...section(SECTION_TITLES.heatMap(output.measure), undefined, formatHeatMap(output)),
      ...section(
        SECTION_TITLES.topHarms,
        undefined,
        formatMarkdownTable(
          ['Residual risk', 'Residual severity', 'Feature › harm', 'Title'],
          ['left', 'left', 'left', 'left'],
          p.topHarms.map((h) => [formatScore(h.residual, 'risk'), formatScore(h.residual, 'severity'), harmRef(h.feature, h.harm), text(h.title)]),
        ),
      ),
    );
  }
  lines.push(
    ...section(
      SECTION_TITLES.gaps,
      p.gaps.length,
      p.gaps.length === 0
        ? []
        : formatMarkdownTable(
            ['Feature › harm', 'Safeguard', 'Status', 'Harm residual risk'],
            ['left', 'left', 'left', 'left'],
            p.gaps.map((g) => [harmRef(g.feature, g.harm), `${code(g.safeguard)} ${text(g.title)}`, describeStatus(g.status), formatScore(g.residual, 'risk')]),
          ),
    ),
    ...section(SECTION_TITLES.escalations, p.escalations.length, formatFindingRows(p.escalations)),
    ...section(
      SECTION_TITLES.reviews,
      p.reviewsOverdue.length,
      p.reviewsOverdue.map((r) => `- ${code(r.feature)}: review by ${r.reviewBy}, ${describeDaysOverdue(r.daysOverdue)} (${code(r.file)})`),
    ),
    ...section(
      SECTION_TITLES.expiring,
      p.expiring.length,
      p.expiring.map(
        (e) =>
          `- ${harmRef(e.feature, e.harm)}: ${text(describeExpiringWhat(e))} expires ${e.expires} (${describeDaysLeft(e.daysLeft)}), approved by ${text(e.approvedBy)}`,
      ),
    ),
    ...section(SECTION_TITLES.drift, p.drift.length, formatFindingRows(p.drift)),
    ...section(SECTION_TITLES.tradeoffs, p.tradeoffs.length, formatFindingRows(p.tradeoffs)),
  );
  if (p.broken.length > 0) {
    lines.push(
      ...section(
        SECTION_TITLES.broken,
        p.broken.length,
        formatMarkdownTable(
          ['Where', 'Finding'],
          ['left', 'left'],
          p.broken.flatMap((b) => b.findings.map((f) => [where(f), `${f.level}: ${text(f.message)} (${code(f.rule)})`])),
        ),
      ),
    );
  }
  const s = p.summary;
  lines.push('', `**${pluralize(s.files, 'file')}: ${pluralize(s.errors, 'error')}, ${pluralize(s.warnings, 'warning')}, ${pluralize(s.infos, 'info')}**`);
  return `${lines.join('\n')}\n`;
}

function formatFeatureRows(p: Portfolio): string[] {
  return formatMarkdownTable(
    ['Feature', 'Owner', 'Stage', 'Residual risk', 'Residual severity', 'Gaps', 'Errors', 'Warnings', 'File'],
    ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
    p.features.map((f) => [
      `${text(f.name)} (${code(f.id)})`,
      text(f.owner),
      f.stage,
      formatScore(f.overall.residual, 'risk'),
      formatScore(f.overall.residual, 'severity'),
      String(f.gaps),
      String(f.summary.errors),
      String(f.summary.warnings),
      code(f.file),
    ]),
  );
}
