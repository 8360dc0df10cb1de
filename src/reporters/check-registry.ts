import { formatCheckJson } from './check-json.js';
import { formatCheckMarkdown } from './check-markdown.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { CheckReporter, CheckRun, ReporterContext } from './types.js';

/** The names of `harm check/validate --format`; the CLI offers exactly these. */
export type CheckFormat = 'stylish' | 'json' | 'junit' | 'sarif' | 'github' | 'markdown';

/** One reporter per format; a format without a reporter does not compile. */
export const checkReporters: Record<CheckFormat, CheckReporter> = {
  stylish: formatStylish,
  json: formatCheckJson,
  junit: formatJunit,
  sarif: formatSarif,
  github: formatGithub,
  markdown: formatCheckMarkdown,
};

/** The Markdown appended to $GITHUB_STEP_SUMMARY (the command appends it; this only renders). */
export function formatGithubSummary(run: CheckRun, ctx: ReporterContext): string {
  return formatCheckMarkdown(run, { ...ctx, color: false });
}
