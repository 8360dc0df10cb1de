import type { CHECK_FORMATS } from '../cli/run.js';
import { formatCheckJson } from './check-json.js';
import { formatCheckMarkdown } from './check-markdown.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { CheckReporter, CheckRun, ReporterContext } from './types.js';

export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** Keyed by the CLI's format list, so a format without a reporter does not compile. */
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
