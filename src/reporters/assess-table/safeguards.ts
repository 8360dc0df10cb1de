import type { Report } from '../../schema/output.js';
import { describeHarms, groupSafeguards, SAFEGUARD_GROUPS, type SafeguardEntry, type WaiverExpiries } from '../safeguard-groups.js';
import { formatGrid } from '../terminal-grid.js';
import { indentLines, markLines, measureText, measureWidest, wrapLabelled, wrapText } from '../terminal-text.js';
import { formatHeading, INDENT, type Layout } from './layout.js';

/** The safeguards section: what is missing first, what is in place last. */

/** Below this, the harms of an in-place safeguard go under its id rather than beside it. */
const MIN_BESIDE_WIDTH = 20;

/** In place: a compact checklist of ids and the harms they cover, no reasons (nothing is asked of the reader). */
function formatInPlace(entries: readonly SafeguardEntry[], totalHarms: number, layout: Layout, mark: string): string[] {
  const { paint, width } = layout;
  const lead = INDENT.length + measureText(mark) + 1;
  const idWidth = measureWidest(entries.map((e) => e.id));
  const harmsWidth = width - lead - idWidth - 2;
  const described = entries.map((entry) => describeHarms(entry, totalHarms));
  // Beside the ids when no harm id would have to be broken there; otherwise below each id.
  const beside = harmsWidth >= MIN_BESIDE_WIDTH && described.every((harms) => harms.split(' ').every((t) => measureText(t) <= harmsWidth));
  if (beside) {
    const rows = entries.map((entry, i) => [markLines(mark, wrapText(entry.id, idWidth, paint.bold)), wrapText(described[i] ?? '', harmsWidth, paint.dim)]);
    return indentLines(formatGrid(rows, ['left', 'left']), INDENT);
  }
  return entries.flatMap((entry, i) =>
    indentLines(
      markLines(mark, [...wrapText(entry.id, width - lead, paint.bold), ...wrapLabelled('for', described[i] ?? '', width - lead, { labelStyle: paint.dim })]),
      INDENT,
    ),
  );
}

/** Every other group: id, title, the harms it stands for and why. */
function formatEntry(entry: SafeguardEntry, totalHarms: number, layout: Layout, mark: string): string[] {
  const { paint } = layout;
  const inner = layout.width - INDENT.length - measureText(mark) - 1;
  const why = entry.reasons.length > 0 ? entry.reasons.join('; ') : 'declared in the assessment';
  const lines = [
    ...wrapText(entry.id, inner, paint.bold),
    ...(entry.title && entry.title !== entry.id ? wrapText(entry.title, inner) : []),
    ...wrapLabelled('for', describeHarms(entry, totalHarms), inner, { labelStyle: paint.dim }),
    ...wrapLabelled('why', why, inner, { labelStyle: paint.dim }),
  ];
  return indentLines(markLines(mark, lines), INDENT);
}

export function formatSafeguards(report: Report, layout: Layout, expiries: WaiverExpiries): string[] {
  const groups = groupSafeguards(report.harms, expiries);
  if (groups.size === 0) return [];
  const lines = formatHeading(layout, 'Safeguards');
  const total = report.harms.length;
  for (const group of SAFEGUARD_GROUPS) {
    const entries = groups.get(group.id);
    if (!entries) continue;
    const style = group.style(layout.paint);
    const mark = style(group.mark);
    if (lines[lines.length - 1] !== '') lines.push('');
    const body =
      group.id === 'inPlace'
        ? formatInPlace(entries, total, layout, mark)
        : entries.flatMap((entry) => formatEntry(entry, total, layout, mark));
    for (const line of [...wrapText(`${group.title} (${entries.length})`, layout.width, style), ...body]) lines.push(line);
  }
  return lines;
}
