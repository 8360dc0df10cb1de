import { publicFinding } from '../core/findings.js';
import { escapeQuotedActing } from './sanitize.js';
import type { AssessOutput, ReporterContext } from './types.js';

/** `harm assess --format json`: exactly the Report of SPEC §7, nothing added. */
export function formatAssessJson(output: AssessOutput, _ctx: ReporterContext): string {
  return `${escapeQuotedActing(JSON.stringify({ ...output.report, findings: output.report.findings.map(publicFinding) }, null, 2))}\n`;
}
