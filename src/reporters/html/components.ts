import { LEVELS } from '../../schema/common.js';
import type { Finding, Score } from '../../schema/output.js';
import { formatMeasure, type ScoreMeasure } from '../level-style.js';
import { html, type Content, type Html } from './markup.js';

/** A score as text, number and level both, on its level's colour: never colour alone. */
export function scoreSpan(score: Score, measure: ScoreMeasure): Html {
  const m = formatMeasure(score, measure);
  return html`<span class="lv lv-${m.level}"><b>${m.value}</b> ${m.level}</span>`;
}

export function scoreCell(score: Score, measure: ScoreMeasure): Html {
  const m = formatMeasure(score, measure);
  return html`<td class="lv lv-${m.level}"><b>${m.value}</b> ${m.level}</td>`;
}

/** A cell for a dimension no harm lists. */
export const EMPTY_CELL: Html = html`<td class="lv lv-none">— no harms</td>`;

export function heading(level: 2 | 3 | 4, text: Content, id?: string): Html {
  const open = id ? html`<h${level} id="${id}">` : html`<h${level}>`;
  return html`${open}${text}</h${level}>\n`;
}

export const EMPTY: Html = html`<p class="empty">None.</p>\n`;

/** The levels with their bands, so that a printed page explains its colours. */
export function renderLegend(): Html {
  const bands: Record<string, string> = { none: '0.0', low: '0.1–3.9', medium: '4.0–6.9', high: '7.0–8.9', critical: '9.0–10.0' };
  return html`<ul class="badges">${LEVELS.map((l) => html`<li class="lv lv-${l}"><b>${l}</b> ${bands[l]}</li>`)}</ul>\n`;
}

export function renderFindingLevel(level: Finding['level']): Html {
  return html`<span class="level-${level}">${level}</span>`;
}

/** Findings as a table: where, level, message, rule. */
export function renderFindings(findings: readonly Finding[], opts: { file?: boolean } = {}): Html {
  if (findings.length === 0) return EMPTY;
  return html`<table>
<thead><tr><th scope="col">${opts.file ? 'Where' : 'Line'}</th><th scope="col">Level</th><th scope="col">Message</th><th scope="col">Rule</th></tr></thead>
<tbody>
${findings.map(
  (f) =>
    html`<tr><td><code>${opts.file ? `${f.file}:${f.line}:${f.column}` : `${f.line}:${f.column}`}</code></td><td>${renderFindingLevel(f.level)}</td><td>${f.message}</td><td><code>${f.rule}</code></td></tr>\n`,
)}</tbody>
</table>
`;
}
