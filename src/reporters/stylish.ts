import type { FindingLevel } from '../schema/common.js';
import type { Finding } from '../schema/output.js';
import { sanitizeTerminal } from './sanitize.js';
import { measureText, measureWidest, padEnd, wrapText } from './terminal-text.js';
import { createPaint, describeRunSummary, selectVisibleFindings, type Paint } from './text.js';
import type { CheckRunInfo, CheckStream, ReporterContext, RunSummary } from './types.js';

/** Narrower than this, a message column would read as a word list: it then takes what it needs. */
const MIN_MESSAGE_WIDTH = 30;

function paintLevel(paint: Paint, level: FindingLevel, text: string): string {
  if (level === 'error') return paint.red(text);
  if (level === 'warning') return paint.yellow(text);
  return paint.blue(text);
}

/** Printable ASCII: one column a character, nothing to make inert. */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * Greedy word wrap of printable ASCII, cutting a word longer than the line:
 * what wrapText does, without measuring and sanitising each word again. Most
 * messages are plain ASCII, and a run with a finding in each of 4,000 files spent
 * 0.2 s of its 1.5 s wrapping them with wrapText, 0.05 s with this.
 */
function wrapPlain(line: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of line.split(' ')) {
    if (row !== '' && row.length + 1 + word.length > width) {
      rows.push(row);
      row = '';
    }
    let rest = row === '' ? word : `${row} ${word}`;
    while (rest.length > width) {
      rows.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    row = rest;
  }
  rows.push(row);
  return rows.map((r) => r.trimEnd());
}

/** The message's lines wrapped to `width` columns (0: not wrapped); blank lines would read as the end of the file's group. */
function wrapMessage(message: string, width: number): string[] {
  const lines = sanitizeTerminal(message).split('\n').filter((line, i) => i === 0 || line.trim() !== '');
  if (width <= 0) return lines;
  return lines.flatMap((line) => {
    if (measureText(line) <= width) return [line];
    return PLAIN.test(line) ? wrapPlain(line, width) : wrapText(line, width).map((row) => row.trimEnd());
  });
}

/**
 * ESLint's layout: `line:column  level  message  rule`, aligned within the file.
 * Messages wrap to the room the terminal leaves beside the rule ids, continuing
 * under the message column, so the rule ids line up on every first line.
 * Padding is computed on the plain text, then coloured, so alignment never counts
 * escape codes.
 */
function formatRows(findings: readonly Finding[], paint: Paint, terminalWidth: number): string[] {
  const lines = findings.map((f) => String(f.line));
  const columns = findings.map((f) => String(f.column));
  const lineWidth = measureWidest(lines);
  const columnWidth = measureWidest(columns);
  const levelWidth = measureWidest(findings.map((f) => f.level));
  const indent = 2 + lineWidth + 1 + columnWidth + 2 + levelWidth + 2;
  const room = terminalWidth > 0 ? Math.max(MIN_MESSAGE_WIDTH, terminalWidth - indent - 2 - measureWidest(findings.map((f) => f.rule))) : 0;
  const messages = findings.map((f) => wrapMessage(f.message, room));
  const messageWidth = measureWidest(messages.map((m) => m[0] ?? ''));
  const out: string[] = [];
  findings.forEach((f, i) => {
    const position = paint.dim(`${lines[i]!.padStart(lineWidth)}:${columns[i]!.padEnd(columnWidth)}`);
    const level = paintLevel(paint, f.level, f.level.padEnd(levelWidth));
    const [first = '', ...rest] = messages[i]!;
    out.push(`  ${position}  ${level}  ${padEnd(first, messageWidth)}  ${paint.dim(f.rule)}`);
    for (const more of rest) out.push(`${' '.repeat(indent)}${more}`.trimEnd());
  });
  return out;
}

function formatSummary(summary: RunSummary, ctx: ReporterContext, paint: Paint): string[] {
  const text = describeRunSummary(summary, ctx.verbose);
  const lines: string[] = [];
  if (text.clean) lines.push(paint.green(`✔ ${text.text}`));
  else if (summary.errors > 0) lines.push(paint.red.bold(`✖ ${text.text}`));
  else lines.push(paint.yellow.bold(`✖ ${text.text}`));
  if (text.hidden !== undefined) lines.push(paint.dim(`  ${text.hidden}`));
  return lines;
}

/** ESLint-like: findings grouped by file with aligned columns, then one summary line. */
export function streamStylish(_info: CheckRunInfo, ctx: ReporterContext): CheckStream {
  const paint = createPaint(ctx.color);
  return {
    head: '',
    file: (file) => {
      const findings = selectVisibleFindings(file.findings, ctx.verbose);
      if (findings.length === 0) return '';
      const name = paint.underline(sanitizeTerminal(file.file).replace(/\n/g, '\\n'));
      return `${[name, ...formatRows(findings, paint, ctx.width), ''].join('\n')}\n`;
    },
    finish: (end) => ({ tail: `${formatSummary(end.summary, ctx, paint).join('\n')}\n` }),
  };
}
