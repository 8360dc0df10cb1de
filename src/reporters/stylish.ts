import type { FindingLevel } from '../schema/common.js';
import type { Finding } from '../schema/output.js';
import { sanitizeTerminal } from './sanitize.js';
import { createPaint, describeRunSummary, selectVisibleFindings, type Paint } from './text.js';
import type { CheckRun, ReporterContext } from './types.js';

interface Row {
  line: string;
  column: string;
  level: FindingLevel;
  message: string[];
  rule: string;
}

function paintLevel(paint: Paint, level: FindingLevel, text: string): string {
  if (level === 'error') return paint.red(text);
  if (level === 'warning') return paint.yellow(text);
  return paint.blue(text);
}

function toRow(f: Finding): Row {
  return {
    line: String(f.line),
    column: String(f.column),
    level: f.level,
    message: sanitizeTerminal(f.message).split('\n'),
    rule: f.rule,
  };
}

/**
 * Padding is computed on the plain text, then coloured, so alignment never counts
 * escape codes. Rule ids line up after the messages that fit the terminal; a longer
 * message is not padded, so that one long line does not push every rule off screen.
 */
function formatRows(rows: readonly Row[], paint: Paint, terminalWidth: number): string[] {
  const width = (values: readonly string[]) => Math.max(0, ...values.map((v) => v.length));
  const lineWidth = width(rows.map((r) => r.line));
  const columnWidth = width(rows.map((r) => r.column));
  const levelWidth = width(rows.map((r) => r.level));
  const messageIndent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + levelWidth + 2);
  const room = terminalWidth > 0 ? terminalWidth - messageIndent.length - 2 - width(rows.map((r) => r.rule)) : Infinity;
  const messageWidth = width(rows.map((r) => r.message[0] ?? '').filter((m) => m.length <= room));
  const out: string[] = [];
  for (const r of rows) {
    const position = paint.dim(`${r.line.padStart(lineWidth)}:${r.column.padEnd(columnWidth)}`);
    const level = paintLevel(paint, r.level, r.level.padEnd(levelWidth));
    const [first = '', ...rest] = r.message;
    out.push(`  ${position}  ${level}  ${first.padEnd(messageWidth)}  ${paint.dim(r.rule)}`);
    // Blank lines inside a message would read as the end of the file's group.
    for (const more of rest) if (more.trim() !== '') out.push(`${messageIndent}${more}`.trimEnd());
  }
  return out;
}

function formatSummary(run: CheckRun, ctx: ReporterContext, paint: Paint): string[] {
  const summary = describeRunSummary(run.summary, ctx.verbose);
  const lines: string[] = [];
  if (summary.clean) lines.push(paint.green(`✔ ${summary.text}`));
  else if (run.summary.errors > 0) lines.push(paint.red.bold(`✖ ${summary.text}`));
  else lines.push(paint.yellow.bold(`✖ ${summary.text}`));
  if (summary.hidden !== undefined) lines.push(paint.dim(`  ${summary.hidden}`));
  return lines;
}

/** ESLint-like: findings grouped by file with aligned columns, then one summary line. */
export function formatStylish(run: CheckRun, ctx: ReporterContext): string {
  const paint = createPaint(ctx.color);
  const lines: string[] = [];
  for (const file of run.files) {
    const findings = selectVisibleFindings(file.findings, ctx.verbose);
    if (findings.length === 0) continue;
    lines.push(paint.underline(sanitizeTerminal(file.file).replace(/\n/g, '\\n')));
    lines.push(...formatRows(findings.map(toRow), paint, ctx.width), '');
  }
  lines.push(...formatSummary(run, ctx, paint));
  return `${lines.join('\n')}\n`;
}
