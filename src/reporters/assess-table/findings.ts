import type { Finding, Report } from '../../schema/output.js';
import { paintFindingLevel } from '../level-style.js';
import { GUTTER } from '../terminal-grid.js';
import { indentLines, measureText, measureWidest, padEnd, wrapText } from '../terminal-text.js';
import { pluralize, type Paint } from '../text.js';
import { formatHeading, INDENT, type Layout } from './layout.js';

/** The findings section: ESLint-like rows (position, level, message, rule), then the summary line. */

/** Too narrow a message column reads worse than starting the message on its own line. */
const MIN_MESSAGE_WIDTH = 30;

function formatFindingRows(findings: readonly Finding[], paint: Paint, width: number): string[] {
  const positions = findings.map((f) => `${f.line}:${f.column}`);
  const positionWidth = measureWidest(positions);
  const levelWidth = measureWidest(findings.map((f) => f.level));
  const lead = INDENT.length + positionWidth + GUTTER.length + levelWidth + GUTTER.length;
  const onOwnLine = width - lead < MIN_MESSAGE_WIDTH;
  const messageIndent = onOwnLine ? INDENT.length * 2 : lead;
  const messageWidth = width - messageIndent;
  const pad = ' '.repeat(messageIndent);
  const rows = findings.map((f, i) => {
    const head = `${INDENT}${padEnd(paint.dim(positions[i] ?? ''), positionWidth)}${GUTTER}${padEnd(paintFindingLevel(paint, f.level, f.level), levelWidth)}`;
    const wrapped = wrapText(f.message, messageWidth);
    const last = wrapped.pop() ?? '';
    // The rule ends the message's last line when it fits there, else it takes a line of its own.
    const message =
      measureText(last) + GUTTER.length + f.rule.length <= messageWidth
        ? [...wrapped, `${last}${GUTTER}${paint.dim(f.rule)}`]
        : [...wrapped, last, ...wrapText(f.rule, messageWidth, paint.dim)];
    if (onOwnLine) return [head.trimEnd(), ...indentLines(message, pad)];
    return message.map((l, j) => (j === 0 ? `${head}${GUTTER}${l}` : pad + l));
  });
  // Wrapped messages run together unless each finding stands apart.
  const spaced = rows.some((r) => r.length > 1);
  return rows.flatMap((r, i) => (spaced && i > 0 ? ['', ...r] : r));
}

function formatSummaryLine(report: Report, layout: Layout): string[] {
  const { paint, width } = layout;
  const s = report.summary;
  const text = `${pluralize(s.errors, 'error')}, ${pluralize(s.warnings, 'warning')}, ${pluralize(s.infos, 'info')}`;
  if (s.errors > 0) return wrapText(`✗ ${text}`, width, paint.bold.red);
  if (s.warnings > 0) return wrapText(`! ${text}`, width, paint.bold.yellow);
  return wrapText(`✓ ${text}`, width, paint.bold.green);
}

export function formatFindings(report: Report, layout: Layout): string[] {
  const { paint, width } = layout;
  const rows = report.findings.length === 0 ? indentLines(wrapText('None.', width - INDENT.length), INDENT) : formatFindingRows(report.findings, paint, width);
  return [...formatHeading(layout, 'Findings'), ...rows, '', ...formatSummaryLine(report, layout)];
}
