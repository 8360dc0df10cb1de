import type { FindingLevel } from '../schema/common.js';
import { describeRunSummary, selectVisibleFindings } from './text.js';
import type { CheckRun, ReporterContext } from './types.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const satisfies Record<FindingLevel, string>;

/** The escaping of the message part of a workflow command (as @actions/core does it). */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also lose the separators of the property list. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

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
