import type { HarmReport, Recommendation, Report } from '../../schema/output.js';
import { nameOf, type CatalogNames } from '../catalog-names.js';
import type { ScoreMeasure } from '../level-style.js';
import { EMPTY, EMPTY_CELL, heading, renderFindings, scoreCell, scoreSpan } from './components.js';
import { html, type Html } from './markup.js';

type Profile = NonNullable<Report['profile']>;
type ProfileRow = Profile['overall'];
const STATES = ['inherent', 'projected', 'residual'] as const;
const MEASURES: readonly ScoreMeasure[] = ['severity', 'risk'];

function renderProfile(profile: Profile, names: CatalogNames): Html {
  const row = (name: Html | string, r: ProfileRow) =>
    html`<tr><th scope="row">${name}</th><td class="num">${r.harms}</td>${MEASURES.map((m) => STATES.map((s) => (r.harms === 0 ? EMPTY_CELL : scoreCell(r[s], m))))}</tr>\n`;
  return html`<table>
<thead>
<tr><th scope="col" rowspan="2">Dimension</th><th scope="col" rowspan="2" class="num">Harms</th><th scope="colgroup" colspan="3">Severity</th><th scope="colgroup" colspan="3">Risk</th></tr>
<tr>${MEASURES.map(() => STATES.map((s) => html`<th scope="col">${s}</th>`))}</tr>
</thead>
<tbody>
${profile.dimensions.map((d) => row(nameOf(names.dimensions, d.id), d))}${row(html`<strong>Overall</strong>`, profile.overall)}</tbody>
</table>
`;
}

function describeRole(r: Recommendation): string {
  if (r.required) return 'required';
  if (r.recommended) return 'recommended';
  return 'declared';
}

/** Framework clauses: "nist-ai-rmf MANAGE 2.3, MEASURE 2.6; eu-ai-act Art. 9". */
function renderMappings(mappings: Readonly<Record<string, readonly string[]>>): Html {
  return html`${Object.entries(mappings).map(([framework, clauses], i) => html`${i > 0 ? '; ' : ''}<code>${framework}</code> ${clauses.join(', ')}`)}`;
}

function renderRecommendations(recommendations: readonly Recommendation[]): Html {
  if (recommendations.length === 0) return EMPTY;
  return html`<table>
<thead><tr><th scope="col">Safeguard</th><th scope="col">Catalog</th><th scope="col">Status</th><th scope="col">Why</th><th scope="col">Serves</th></tr></thead>
<tbody>
${recommendations.map(
  (r) =>
    html`<tr><td><code>${r.safeguard}</code><br>${r.title}</td><td>${describeRole(r)}</td><td>${r.status.replace(/_/g, ' ')}${r.waived ? ' (waived)' : ''}</td><td>${r.reasons.length > 0 ? r.reasons.join('; ') : 'declared in the assessment'}</td><td>${renderMappings(r.mappings)}</td></tr>\n`,
)}</tbody>
</table>
`;
}

/** Who accepted the harm's residual risk, up to what, until when, and why. */
function renderAcceptance(harm: HarmReport): Html | '' {
  const a = harm.acceptance;
  if (!a) return '';
  const until = a.active ? html`until ${a.expires}` : html`<strong>expired ${a.expires}</strong>`;
  return html`<p>Residual risk accepted up to <strong>${a.upTo}</strong> by ${a.approvedBy}, ${until}: ${a.reason}</p>\n`;
}

function renderHarm(report: Report, harm: HarmReport, names: CatalogNames, anchor: string): Html {
  const findings = report.findings.filter((f) => f.harm === harm.id);
  return html`<details id="${anchor}-${harm.id}">
<summary><code>${harm.id}</code> ${harm.title} <span class="meta">residual risk</span> ${scoreSpan(harm.residual, 'risk')}${harm.acceptance ? html` <span class="meta">${harm.acceptance.active ? 'accepted' : 'acceptance expired'}</span>` : ''}</summary>
<p class="meta"><span>Category: ${nameOf(names.categories, harm.category)}</span><span>Dimensions: ${harm.dimensions.map((d) => nameOf(names.dimensions, d)).join(', ')}</span></p>
<table>
<thead><tr><th scope="col">State</th><th scope="col">Severity</th><th scope="col">Risk</th><th scope="col">Vector</th></tr></thead>
<tbody>
${STATES.map((s) => html`<tr><th scope="row">${s}</th>${scoreCell(harm[s], 'severity')}${scoreCell(harm[s], 'risk')}<td><code>${harm[s].vector ?? '—'}</code></td></tr>\n`)}</tbody>
</table>
${harm.raisedBy.length > 0 ? html`<p>Raised by the trade-offs of ${harm.raisedBy.map((id, i) => html`${i > 0 ? ', ' : ''}<code>${id}</code>`)}.</p>\n` : ''}${renderAcceptance(harm)}${Object.keys(harm.mappings).length > 0 ? html`<p>Its category relates to ${renderMappings(harm.mappings)}.</p>\n` : ''}<p><strong>Safeguards</strong></p>
${renderRecommendations(harm.recommendations)}${findings.length > 0 ? html`<p><strong>Findings</strong></p>\n${renderFindings(findings)}` : ''}</details>
`;
}

/**
 * One assessment's report below its title: meta, profile, each harm in a
 * `<details>`, findings. `anchor` prefixes the ids, so that many reports share a page;
 * `level` is the level of its headings.
 */
export function renderReportBody(report: Report, names: CatalogNames, anchor: string, level: 2 | 3): Html {
  if (!report.profile) {
    return html`<p><strong>This assessment could not be scored:</strong> the document itself has errors.</p>
${heading(level, 'Findings')}${renderFindings(report.findings)}`;
  }
  return html`${heading(level, 'Severity profile')}${renderProfile(report.profile, names)}${heading(level, `Harms (${report.harms.length})`)}${report.harms.map((h) => renderHarm(report, h, names, anchor))}${heading(level, `Findings (${report.findings.length})`)}${renderFindings(report.findings)}`;
}

/** "Owner · stage · file · framework": what a report is about. */
export function renderMeta(report: Report): Html {
  const f = report.feature;
  const fw = report.framework;
  return html`<p class="meta">${f ? html`<span>Owner: ${f.owner}</span><span>Stage: ${f.stage}</span>` : ''}<span>File: <code>${report.file}</code></span>${fw ? html`<span>Framework: <code>${fw.id}</code> v${fw.version}</span>` : ''}</p>\n`;
}
