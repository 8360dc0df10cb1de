import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Summary } from '../schema/output.js';

export type Paint = ChalkInstance;

/** A colour wrapper that never reads the environment: level 0 emits no ANSI codes at all. */
export function createPaint(color: boolean): Paint {
  return new Chalk({ level: color ? 1 : 0 });
}

export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Text formats leave info findings out unless asked (SPEC §7). */
export function selectVisibleFindings(findings: readonly Finding[], verbose: boolean): Finding[] {
  return verbose ? [...findings] : findings.filter((f) => f.level !== 'info');
}

export interface RunSummaryText {
  /** No errors and no warnings (infos do not make a run unclean). */
  clean: boolean;
  /** "3 problems (1 error, 2 warnings), 4 files checked" or "4 files checked, no problems". */
  text: string;
  /** "2 infos not shown, use --verbose to see them", when infos were left out. */
  hidden?: string;
}

/** The one-line outcome the text formats share, counting infos only when they are shown. */
export function describeRunSummary(summary: Summary & { files: number }, verbose: boolean): RunSummaryText {
  const checked = `${pluralize(summary.files, 'file')} checked`;
  const shownInfos = verbose ? summary.infos : 0;
  const clean = summary.errors + summary.warnings === 0;
  let text: string;
  if (clean) {
    text = `${checked}, no problems${shownInfos > 0 ? ` (${pluralize(shownInfos, 'info')})` : ''}`;
  } else {
    const parts = [pluralize(summary.errors, 'error'), pluralize(summary.warnings, 'warning')];
    if (shownInfos > 0) parts.push(pluralize(shownInfos, 'info'));
    const problems = summary.errors + summary.warnings + shownInfos;
    text = `${pluralize(problems, 'problem')} (${parts.join(', ')}), ${checked}`;
  }
  const hiddenInfos = summary.infos - shownInfos;
  const result: RunSummaryText = { clean, text };
  if (hiddenInfos > 0) result.hidden = `${pluralize(hiddenInfos, 'info')} not shown, use --verbose to see them`;
  return result;
}

/**
 * Adds each block's lines to `target` one by one: `push(...block)` passes every line as an
 * argument, and a block as long as a portfolio's gaps would overflow the stack.
 */
export function appendLines(target: string[], ...blocks: readonly (readonly string[])[]): void {
  for (const block of blocks) for (const line of block) target.push(line);
}
