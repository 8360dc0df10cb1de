import type { Finding, Portfolio } from '../../schema/output.js';
import { nameOf } from '../catalog-names.js';
import { COVERAGE_COLUMNS, describeDaysLeft, describeDaysOverdue, describeExpiringWhat, describeLevelCounts, describeScope, describeStatus, SECTION_TITLES } from '../portfolio/sections.js';
import type { PortfolioOutput } from '../portfolio/types.js';
import { pluralize } from '../text.js';
import type { ReporterContext } from '../types.js';
import { EMPTY, EMPTY_CELL, heading, renderFindingLevel, renderFindings, renderLegend, scoreCell } from './components.js';
import { html, type Content, type Html } from './markup.js';
import { renderPage } from './page.js';
import { renderMeta, renderReportBody } from './report-body.js';

/** Section anchors, in page order. */
const SECTIONS = [
  ['heat-map', 'Heat map'],
  ['features', 'Features'],
  ['top-harms', 'Top harms'],
  ['gaps', 'Open gaps'],
  ['escalations', 'Escalations'],
  ['reviews', 'Reviews overdue'],
  ['expiring', 'Expiring'],
  ['drift', 'Drift'],
  ['tradeoffs', 'Trade-offs'],
  ['broken', 'Not scored'],
] as const;

/** A page id per feature file: the feature id, numbered when two files share it. */
function assignAnchors(portfolio: Portfolio): Map<string, string> {
  const anchors = new Map<string, string>();
  const used = new Set<string>();
  for (const f of portfolio.features) {
    let anchor = `feature-${f.id}`;
    for (let n = 2; used.has(anchor); n++) anchor = `feature-${f.id}-${n}`;
    used.add(anchor);
    anchors.set(f.file, anchor);
  }
  return anchors;
}

function table(headers: readonly string[], rows: readonly Html[]): Html {
  if (rows.length === 0) return EMPTY;
  return html`<table>
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}

function section(id: string, title: string, count: number | undefined, content: Content): Html {
  return html`<section id="${id}">
${heading(2, count === undefined ? title : `${title} (${count})`)}${content}</section>
`;
}

function renderHeatMap(output: PortfolioOutput, anchors: Map<string, string>): Html {
  const { portfolio, names, measure } = output;
  const dimensions = [...names.dimensions.keys()];
  return html`<table class="heat">
<caption>Each cell: the highest residual ${measure} among the feature's harms in that dimension, and its level. Rows link to each feature.</caption>
<thead><tr><th scope="col">Feature</th>${dimensions.map((id) => html`<th scope="col">${nameOf(names.dimensions, id)}</th>`)}<th scope="col">Overall</th></tr></thead>
<tbody>
${portfolio.features.map((f) => {
  const byId = new Map(f.dimensions.map((d) => [d.id, d.residual]));
  const cells = dimensions.map((id) => {
    const score = byId.get(id);
    return !score || (score.vector === null && score.risk === 0) ? EMPTY_CELL : scoreCell(score, measure);
  });
  return html`<tr><th scope="row"><a href="#${anchors.get(f.file)!}">${f.name}</a></th>${cells}${scoreCell(f.overall.residual, measure)}</tr>\n`;
})}</tbody>
</table>
`;
}

function renderFeatures(portfolio: Portfolio, anchors: Map<string, string>): Html {
  return table(
    ['Feature', 'Owner', 'Stage', 'Risk: inherent', 'Risk: residual', 'Severity: residual', 'Gaps', 'Errors', 'Warnings'],
    portfolio.features.map(
      (f) =>
        html`<tr><th scope="row"><a href="#${anchors.get(f.file)!}">${f.name}</a><br><code>${f.id}</code></th><td>${f.owner}</td><td>${f.stage}</td>${scoreCell(f.overall.inherent, 'risk')}${scoreCell(f.overall.residual, 'risk')}${scoreCell(f.overall.residual, 'severity')}<td class="num">${f.gaps}</td><td class="num">${f.summary.errors}</td><td class="num">${f.summary.warnings}</td></tr>\n`,
    ),
  );
}

/** A link to a harm's details in its feature's section. */
function harmLink(anchors: Map<string, string>, file: string, feature: string, harm: string | undefined): Html {
  const anchor = anchors.get(file);
  if (!harm) return anchor ? html`<a href="#${anchor}"><code>${feature}</code></a>` : html`<code>${feature}</code>`;
  return html`<code>${feature}</code> › ${anchor ? html`<a href="#${anchor}-${harm}"><code>${harm}</code></a>` : html`<code>${harm}</code>`}`;
}

function renderFindingRows(findings: readonly (Finding & { feature: string })[], anchors: Map<string, string>): Html {
  return table(
    ['Feature', 'Where', 'Level', 'Finding'],
    findings.map(
      (f) =>
        html`<tr><td>${harmLink(anchors, f.file, f.feature, f.harm)}</td><td><code>${`${f.file}:${f.line}:${f.column}`}</code></td><td>${renderFindingLevel(f.level)}</td><td>${f.message}</td></tr>\n`,
    ),
  );
}

function renderCoverage(mapping: NonNullable<Portfolio['mapping']>, anchors: Map<string, string>): Html {
  const byFeature = (file: string, feature: string) => harmLink(anchors, file, feature, undefined);
  return section(
    'coverage',
    SECTION_TITLES.coverage(mapping.framework),
    mapping.clauses.length,
    table(
      ['Clause', 'Safeguards', ...COVERAGE_COLUMNS.map(([, title]) => title)],
      mapping.clauses.map((c) => {
        const cells = COVERAGE_COLUMNS.map(([status]) => {
          const features = c.features.filter((f) => f.status === status);
          return html`<td class="ids">${features.length > 0 ? features.map((f, i) => html`${i > 0 ? ', ' : ''}${byFeature(f.file, f.feature)}`) : '—'}</td>`;
        });
        const ids = (list: readonly string[]) => list.map((id, i) => html`${i > 0 ? ', ' : ''}<code>${id}</code>`);
        const categories = c.categories.length > 0 ? html`${c.safeguards.length > 0 ? html`<br>` : ''}categories: ${ids(c.categories)}` : '';
        return html`<tr><th scope="row">${c.clause}</th><td>${ids(c.safeguards)}${categories}</td>${cells}</tr>\n`;
      }),
    ),
  );
}

function renderSections(output: PortfolioOutput, anchors: Map<string, string>): Html {
  const { portfolio: p } = output;
  const link = (x: { file: string; feature: string; harm?: string }) => harmLink(anchors, x.file, x.feature, x.harm);
  return html`${p.mapping ? renderCoverage(p.mapping, anchors) : ''}${section('heat-map', SECTION_TITLES.heatMap(output.measure), undefined, renderHeatMap(output, anchors))}${section(
    'features',
    SECTION_TITLES.features,
    undefined,
    renderFeatures(p, anchors),
  )}${section(
    'top-harms',
    SECTION_TITLES.topHarms,
    undefined,
    table(
      ['Harm', 'Title', 'Residual risk', 'Residual severity'],
      p.topHarms.map((h) => html`<tr><td>${link(h)}</td><td>${h.title}</td>${scoreCell(h.residual, 'risk')}${scoreCell(h.residual, 'severity')}</tr>\n`),
    ),
  )}${section(
    'gaps',
    SECTION_TITLES.gaps,
    p.gaps.length,
    table(
      ['Harm', 'Required safeguard', 'Status', 'Harm residual risk'],
      p.gaps.map((g) => html`<tr><td>${link(g)}</td><td><code>${g.safeguard}</code><br>${g.title}</td><td>${describeStatus(g.status)}</td>${scoreCell(g.residual, 'risk')}</tr>\n`),
    ),
  )}${section('escalations', SECTION_TITLES.escalations, p.escalations.length, renderFindingRows(p.escalations, anchors))}${section(
    'reviews',
    SECTION_TITLES.reviews,
    p.reviewsOverdue.length,
    table(
      ['Feature', 'Review by', 'Overdue'],
      p.reviewsOverdue.map((r) => html`<tr><td>${link(r)}</td><td>${r.reviewBy}</td><td>${describeDaysOverdue(r.daysOverdue)}</td></tr>\n`),
    ),
  )}${section(
    'expiring',
    SECTION_TITLES.expiring,
    p.expiring.length,
    table(
      ['Harm', 'What', 'Expires', 'Approved by'],
      p.expiring.map(
        (e) =>
          html`<tr><td>${link(e)}</td><td>${describeExpiringWhat(e)}</td><td>${e.expires} (${describeDaysLeft(e.daysLeft)})</td><td>${e.approvedBy}</td></tr>\n`,
      ),
    ),
  )}${section('drift', SECTION_TITLES.drift, p.drift.length, renderFindingRows(p.drift, anchors))}${section(
    'tradeoffs',
    SECTION_TITLES.tradeoffs,
    p.tradeoffs.length,
    renderFindingRows(p.tradeoffs, anchors),
  )}${section('broken', SECTION_TITLES.broken, p.broken.length, p.broken.length === 0 ? EMPTY : renderFindings(p.broken.flatMap((b) => b.findings), { file: true }))}`;
}

function renderFeatureSections(output: PortfolioOutput, anchors: Map<string, string>): Html {
  return html`${output.portfolio.features.map((f) => {
    const report = output.reports.get(f.file);
    const anchor = anchors.get(f.file)!;
    return html`<section class="feature" id="${anchor}">
<h2>${f.name} <code>${f.id}</code></h2>
${report ? html`${renderMeta(report)}${renderReportBody(report, output.names, anchor, 3)}` : ''}</section>
`;
  })}`;
}

/** `harm report --format html`: the portfolio as one self-contained page. */
export function formatPortfolioHtml(output: PortfolioOutput, ctx: ReporterContext): string {
  const { portfolio: p } = output;
  const anchors = assignAnchors(p);
  const fw = p.framework;
  const s = p.summary;
  const body = html`<header>
<h1>Harm portfolio</h1>
<p class="meta"><span>${describeScope(p)}</span><span>Framework <code>${fw.id}</code> v${fw.version}</span><span>Digest <code>${fw.digest.slice(0, 19)}…</code></span>${p.config ? html`<span>Config <code>${p.config}</code></span>` : ''}</p>
<p>Features by residual risk: <strong>${describeLevelCounts(s.byLevel)}</strong>. Findings: ${pluralize(s.errors, 'error')}, ${pluralize(s.warnings, 'warning')}, ${pluralize(s.infos, 'info')} in ${pluralize(s.files, 'file')}.</p>
${renderLegend()}</header>
<nav aria-label="Sections"><ul>${p.mapping ? html`<li><a href="#coverage">Coverage</a></li>` : ''}${SECTIONS.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}</ul></nav>
${renderSections(output, anchors)}${renderFeatureSections(output, anchors)}`;
  return renderPage('Harm portfolio', body, `harm ${ctx.version}`);
}
