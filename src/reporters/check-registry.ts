import { streamCheckJson } from './check-json.js';
import { streamCheckMarkdown } from './check-markdown.js';
import { streamGithub } from './github.js';
import { streamJunit } from './junit.js';
import { streamSarif } from './sarif.js';
import { streamStylish } from './stylish.js';
import type { CheckReporter, CheckRun, ReporterContext } from './types.js';

/** The names of `harm check/validate --format`; the CLI offers exactly these. */
export type CheckFormat = 'stylish' | 'json' | 'junit' | 'sarif' | 'github' | 'markdown';

/** One reporter per format; a format without a reporter does not compile. */
export const checkReporters: Record<CheckFormat, CheckReporter> = {
  stylish: streamStylish,
  json: streamCheckJson,
  junit: streamJunit,
  sarif: streamSarif,
  github: streamGithub,
  markdown: streamCheckMarkdown,
};

/** A whole run in memory, as one text: the stream's parts in order. */
export function renderCheckRun(reporter: CheckReporter, run: CheckRun, ctx: ReporterContext): string {
  const stream = reporter(run.info, ctx);
  const body = run.files.map((file) => stream.file(file)).join('');
  const end = stream.finish(run);
  return `${stream.head ?? end.head ?? ''}${body}${end.tail}`;
}

/** The Markdown appended to $GITHUB_STEP_SUMMARY (the command appends it; this only renders). */
export const streamGithubSummary: CheckReporter = (info, ctx) => streamCheckMarkdown(info, { ...ctx, color: false });
