import type { FindingLevel } from '../schema/common.js';
import { escapeGithubData as escapeCommandData, escapeGithubProperty as escapeCommandProperty } from './sanitize.js';
import { describeRunSummary, selectVisibleFindings } from './text.js';
import type { CheckRun, ReporterContext } from './types.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const satisfies Record<FindingLevel, string>;

/**
 * GitHub Actions workflow commands, one annotation per finding. Paths are the
 * repository-relative URIs: annotations resolve against the repository root,
 * wherever in it the command ran.
 */
export function formatGithub(run: CheckRun, ctx: ReporterContext): string {
  const lines: string[] = [];
  for (const file of run.files) {
    for (const f of selectVisibleFindings(file.findings, ctx.verbose)) {
      const props = [
        `file=${escapeCommandProperty(file.uri)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `title=${escapeCommandProperty(f.rule)}`,
      ].join(',');
      lines.push(`::${COMMANDS[f.level]} ${props}::${escapeCommandData(f.message)}`);
    }
  }
  const summary = describeRunSummary(run.summary, ctx.verbose);
  lines.push(`harm: ${summary.text}${summary.hidden === undefined ? '' : `; ${summary.hidden}`}`);
  return `${lines.join('\n')}\n`;
}
