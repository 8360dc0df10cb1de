import type { Report, Score } from '../../schema/output.js';
import { formatLevelBar, formatMeasure, paintScoreLevel, type ScoreMeasure } from '../level-style.js';
import { formatGrid, measureRowHeight, type Cell } from '../terminal-grid.js';
import { indentLines, measureWidest, padEnd, plain, wrapSegments, wrapText, type Segment } from '../terminal-text.js';
import { pluralize, type Paint } from '../text.js';
import { formatHeading, INDENT, nameDimension, type Layout } from './layout.js';

/** The severity profile (SPEC §2.4): one row per dimension and one for all harms, inherent → residual. */

interface ProfileRow {
  name: string;
  harms: number;
  inherent: Score;
  projected: Score;
  residual: Score;
  overall: boolean;
}

interface ProfileShape {
  wrapNames: boolean;
  barCells: number;
  /** Inherent and residual on two lines of the cell instead of one. */
  stacked: boolean;
}

/** Tried in order until one fits the width; below the last, the profile becomes a list. */
const PROFILE_SHAPES: readonly ProfileShape[] = [
  { wrapNames: false, barCells: 10, stacked: false },
  { wrapNames: true, barCells: 10, stacked: false },
  { wrapNames: true, barCells: 8, stacked: false },
  { wrapNames: true, barCells: 6, stacked: false },
  { wrapNames: false, barCells: 10, stacked: true },
  { wrapNames: true, barCells: 10, stacked: true },
  { wrapNames: true, barCells: 6, stacked: true },
];

/** A catalog may name a dimension with one long word; past this it is broken rather than allowed to widen the table. */
const MAX_NAME_WIDTH = 20;

function collectProfileRows(report: Report, layout: Layout): ProfileRow[] {
  const profile = report.profile;
  if (!profile) return [];
  return [
    ...profile.dimensions.map((d) => ({ ...d, name: nameDimension(layout, d.id), overall: false })),
    { ...profile.overall, name: 'Overall', overall: true },
  ];
}

/** "9.4 critical → 8.7 high", with numbers and arrows aligned down the column. */
function formatTransitionCells(rows: readonly ProfileRow[], measure: ScoreMeasure, paint: Paint, stacked: boolean): Cell[] {
  const scored = rows.filter((r) => r.harms > 0);
  const before = scored.map((r) => formatMeasure(r.inherent, measure));
  const after = scored.map((r) => formatMeasure(r.residual, measure));
  const numberWidth = Math.max(measureWidest(before.map((m) => m.value)), measureWidest(after.map((m) => m.value)));
  const levelWidth = measureWidest(before.map((m) => m.level));
  const show = (m: { value: string; level: Score['riskLevel'] }) => paintScoreLevel(paint, m.level, `${m.value.padStart(numberWidth)} ${m.level}`);
  return rows.map((row) => {
    if (row.harms === 0) return [paint.dim('—')];
    const left = padEnd(show(formatMeasure(row.inherent, measure)), numberWidth + 1 + levelWidth);
    const right = show(formatMeasure(row.residual, measure));
    return stacked ? [`${left} →`, right] : [`${left} → ${right}`];
  });
}

function layoutProfileTable(rows: readonly ProfileRow[], layout: Layout, shape: ProfileShape): string[] {
  const { paint } = layout;
  const header = ['Dimension', 'Harms', 'Severity', 'Risk', ''];
  const longestWord = measureWidest([header[0]!, ...rows.map((r) => r.name)].flatMap((name) => name.split(' ')));
  const nameWidth = Math.min(longestWord, MAX_NAME_WIDTH);
  const severity = formatTransitionCells(rows, 'severity', paint, shape.stacked);
  const risk = formatTransitionCells(rows, 'risk', paint, shape.stacked);
  const body: Cell[][] = rows.map((row, i) => {
    const style = row.overall ? paint.bold : plain;
    const bar = formatLevelBar(paint, row.residual.risk, row.residual.riskLevel, shape.barCells);
    const name = shape.wrapNames ? wrapText(row.name, nameWidth, style) : [style(row.name)];
    return [name, [String(row.harms)], severity[i] ?? [], risk[i] ?? [], shape.stacked && row.harms > 0 ? ['', bar] : [bar]];
  });
  const headerRow = header.map((h) => [paint.bold(h)]);
  const grid = formatGrid([headerRow, ...body], ['left', 'right', 'left', 'left', 'left']);
  const rule = paint.dim('─'.repeat(measureWidest(grid)));
  // Rules under the header and above Overall, the last row.
  const top = measureRowHeight(headerRow);
  const bottom = grid.length - measureRowHeight(body[body.length - 1] ?? []);
  return [...grid.slice(0, top), rule, ...grid.slice(top, bottom), rule, ...grid.slice(bottom)];
}

/** "severity 8.7 high," kept on one line, only the number and level coloured. */
function segmentScore(paint: Paint, score: Score, measure: ScoreMeasure, { label = false, suffix = '' } = {}): Segment {
  const m = formatMeasure(score, measure);
  const lead = label ? `${measure} ` : '';
  return [`${lead}${m.value} ${m.level}${suffix}`, () => `${lead}${paintScoreLevel(paint, m.level, `${m.value} ${m.level}`)}${suffix}`, true];
}

/** The last resort for narrow terminals: one short paragraph per dimension. */
function listProfile(rows: readonly ProfileRow[], layout: Layout): string[] {
  const { paint, width } = layout;
  return rows.flatMap((row) => {
    const head = wrapSegments([[row.name, paint.bold], [`(${pluralize(row.harms, 'harm')})`]], width);
    if (row.harms === 0) return head;
    const measures = (['severity', 'risk'] as const).flatMap((measure) =>
      wrapSegments([[measure], segmentScore(paint, row.inherent, measure), ['→'], segmentScore(paint, row.residual, measure)], width - INDENT.length),
    );
    return [...head, ...indentLines(measures, INDENT)];
  });
}

function formatProjectedNote(rows: readonly ProfileRow[], layout: Layout): string[] {
  const { paint, width } = layout;
  const changed = rows.filter((r) => r.projected.severity !== r.residual.severity || r.projected.risk !== r.residual.risk);
  if (changed.length === 0) return [];
  const lead = ['', ...wrapText('Projected, once planned and in-progress safeguards are implemented:', width)];
  const cell = (score: Score, measure: ScoreMeasure): Cell => {
    const m = formatMeasure(score, measure);
    return [`${measure} ${paintScoreLevel(paint, m.level, `${m.value} ${m.level}`)}`];
  };
  const grid = formatGrid(
    changed.map((r) => [[r.overall ? paint.bold(r.name) : r.name], cell(r.projected, 'severity'), cell(r.projected, 'risk')]),
    ['left', 'left', 'left'],
  );
  if (measureWidest(grid) + INDENT.length <= width) return [...lead, ...indentLines(grid, INDENT)];
  const list = changed.flatMap((r) =>
    wrapSegments(
      [
        [`${r.name}:`, r.overall ? paint.bold : plain],
        segmentScore(paint, r.projected, 'severity', { label: true, suffix: ',' }),
        segmentScore(paint, r.projected, 'risk', { label: true }),
      ],
      width - INDENT.length,
    ),
  );
  return [...lead, ...indentLines(list, INDENT)];
}

export function formatProfile(report: Report, layout: Layout): string[] {
  const rows = collectProfileRows(report, layout);
  if (rows.length === 0) return [];
  let table: string[] | undefined;
  for (const shape of PROFILE_SHAPES) {
    const candidate = layoutProfileTable(rows, layout, shape);
    if (measureWidest(candidate) <= layout.width) {
      table = candidate;
      break;
    }
  }
  const legend = `Inherent: the factors as assessed. Residual: with the implemented safeguards.${table ? ' Bars: residual risk, 0–10.' : ''}`;
  return [
    ...formatHeading(layout, 'Severity profile (inherent → residual)'),
    ...(table ?? listProfile(rows, layout)),
    '',
    ...wrapText(legend, layout.width, layout.paint.dim),
    ...formatProjectedNote(rows, layout),
  ];
}
