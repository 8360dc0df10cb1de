import type { Report } from '../../schema/output.js';
import { indexWaiverExpiries } from '../safeguard-groups.js';
import { joinWrapped, resolveWidth, trimLineEnd, wrapSegments, wrapText } from '../terminal-text.js';
import { createPaint } from '../text.js';
import type { AssessOutput, ReporterContext } from '../types.js';
import { formatExplanation } from './explanation.js';
import { formatFindings } from './findings.js';
import { formatHarms } from './harms.js';
import type { Layout } from './layout.js';
import { formatProfile } from './profile.js';
import { formatSafeguards } from './safeguards.js';

/**
 * The terminal report of `harm assess`: what a person reads, fitted to the
 * terminal width. Each section lives in its own module; this one puts them in order.
 */

/** The layouts stop making sense below this; narrower terminals get text wrapped at this width. */
const MIN_WIDTH = 40;

function formatHeader(report: Report, layout: Layout): string[] {
  const { paint, width } = layout;
  const f = report.feature;
  // Nothing of the document could be read: the file is all there is to name.
  if (!f) return wrapText(report.file, width, paint.bold);
  const meta = [`Owner: ${f.owner}`, `Stage: ${f.stage}`];
  if (report.framework) meta.push(`Framework: ${report.framework.id} v${report.framework.version}`);
  return [
    ...wrapSegments([[f.name, paint.bold], [`(${f.id})`, paint.dim]], width),
    ...joinWrapped(meta, width),
    ...wrapSegments([['File:'], [report.file]], width),
  ];
}

export function formatAssessTable(output: AssessOutput, ctx: ReporterContext): string {
  const layout: Layout = { paint: createPaint(ctx.color), width: resolveWidth(ctx.width, MIN_WIDTH), names: output.catalog };
  const { report } = output;
  const sections = [formatHeader(report, layout)];
  if (report.profile === null) {
    const headline = 'This assessment could not be scored: the document itself has errors. Fix them and run harm assess again.';
    sections.push(['', ...wrapText(headline, layout.width, layout.paint.bold.red)]);
  } else {
    sections.push(formatProfile(report, layout), formatHarms(report, layout), formatSafeguards(report, layout, indexWaiverExpiries(output.waivers)));
  }
  sections.push(formatFindings(report, layout), formatExplanation(output.explanation, layout));
  return `${sections.flat().map(trimLineEnd).join('\n')}\n`;
}
