import { pluralize } from '../text.js';
import type { AssessOutput, ReporterContext } from '../types.js';
import { renderLegend } from './components.js';
import { html } from './markup.js';
import { renderPage } from './page.js';
import { renderMeta, renderReportBody } from './report-body.js';

/** `harm assess --format html`: one self-contained page to open, mail or print. */
export function formatAssessHtml(output: AssessOutput, ctx: ReporterContext): string {
  const { report } = output;
  const names = { dimensions: output.catalog.dimensions, categories: output.catalog.categories };
  const title = report.feature ? `Harm assessment: ${report.feature.name}` : `Harm assessment: ${report.file}`;
  const body = html`<header>
<h1>${title}${report.feature ? html` <code>${report.feature.id}</code>` : ''}</h1>
${renderMeta(report)}<p class="meta"><span>${pluralize(report.summary.errors, 'error')}</span><span>${pluralize(report.summary.warnings, 'warning')}</span><span>${pluralize(report.summary.infos, 'info')}</span></p>
${renderLegend()}</header>
${renderReportBody(report, names, 'harm', 2)}${output.explanation ? html`<details>
<summary>How the numbers were computed</summary>
<pre>${output.explanation}</pre>
</details>
` : ''}`;
  // One assessment prints whole; the portfolio prints each harm's summary line only.
  return renderPage(title, body, `harm ${ctx.version}`, { printDetails: true });
}
