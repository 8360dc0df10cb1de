import type { FindingLevel } from '../schema/common.js';
import { escapeGithubData as escapeCommandData, escapeGithubProperty as escapeCommandProperty } from './sanitize.js';
import { describeRunSummary, selectVisibleFindings } from './text.js';
import type { CheckRunInfo, CheckStream, ReporterContext } from './types.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const satisfies Record<FindingLevel, string>;

/**
 * GitHub Actions workflow commands, one annotation per finding. Paths are the
 * repository-relative URIs: annotations resolve against the repository root,
 * wherever in it the command ran.
 */
export function streamGithub(_info: CheckRunInfo, ctx: ReporterContext): CheckStream {
  return {
    head: '',
    file: (file) =>
      selectVisibleFindings(file.findings, ctx.verbose)
        .map((f) => {
          const props = [`file=${escapeCommandProperty(file.uri)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeCommandProperty(f.rule)}`].join(',');
          return `::${COMMANDS[f.level]} ${props}::${escapeCommandData(f.message)}\n`;
        })
        .join(''),
    finish: (end) => {
      const summary = describeRunSummary(end.summary, ctx.verbose);
      return { tail: `harm: ${summary.text}${summary.hidden === undefined ? '' : `; ${summary.hidden}`}\n` };
    },
  };
}
