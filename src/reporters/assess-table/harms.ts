import type { HarmReport, Report } from '../../schema/output.js';
import { formatMeasure, paintScoreLevel, type ScoreMeasure } from '../level-style.js';
import { formatGrid, GUTTER, type Cell } from '../terminal-grid.js';
import { joinWrapped, padEnd, wrapLabelled, wrapSegments, wrapText, type Segment } from '../terminal-text.js';
import { formatHeading, nameCategory, nameDimension, type Layout } from './layout.js';

/** The harms section: one numbered block per harm, in file order. */

const HARM_STATES = ['inherent', 'residual', 'projected'] as const;
const MEASURES = ['severity', 'risk'] as const;
const LABEL_WIDTH = 'Severity'.length;

/** What the parts of every harm block share. */
interface HarmContext {
  layout: Layout;
  /** The width of a block, right of its number. */
  width: number;
  /** Score columns line up across harms: every number and level padded to the widest of the report. */
  numberWidth: number;
  cellWidth: number;
  /** Whether the scores fit in a grid, which decides the width of the labels under them too. */
  scoreGrid: boolean;
}

/**
 * The parts of a harm block, top to bottom. Each is a function of the harm, so a
 * new fact about a harm is one more function here.
 */
type HarmPart = (harm: HarmReport, ctx: HarmContext) => string[];

const formatTitle: HarmPart = (harm, { layout, width }) => [...wrapText(harm.id, width, layout.paint.bold), ...wrapText(harm.title, width)];

const formatPlacement: HarmPart = (harm, { layout, width }) => {
  const dimensions = harm.dimensions.map((d) => nameDimension(layout, d)).join(', ');
  return joinWrapped([nameCategory(layout, harm.category), dimensions], width, layout.paint.dim);
};

/** Severity and risk in the three states: a small grid, or one line per state where that does not fit. */
const formatScores: HarmPart = (harm, ctx) => {
  const { layout, numberWidth, cellWidth } = ctx;
  const { paint } = layout;
  const show = (state: (typeof HARM_STATES)[number], measure: ScoreMeasure) => {
    const m = formatMeasure(harm[state], measure);
    return paintScoreLevel(paint, m.level, `${m.value.padStart(numberWidth)} ${m.level}`);
  };
  if (ctx.scoreGrid) {
    const header: Cell[] = [[''], ...HARM_STATES.map((s) => [paint.dim(s)])];
    const rows: Cell[][] = MEASURES.map((measure) => [[measure === 'severity' ? 'Severity' : 'Risk'], ...HARM_STATES.map((s) => [show(s, measure)])]);
    return formatGrid([header, ...rows], ['left', 'left', 'left', 'left'], [LABEL_WIDTH, cellWidth, cellWidth, cellWidth]);
  }
  return formatScoresByState(harm, ctx);
};

const STATE_WIDTH = 'projected'.length;

function formatScoresByState(harm: HarmReport, { layout, width }: HarmContext): string[] {
  const { paint } = layout;
  return HARM_STATES.flatMap((state) => {
    const segments: Segment[] = MEASURES.map((measure) => {
      const m = formatMeasure(harm[state], measure);
      return [`${measure} ${m.value} ${m.level}`, () => `${measure} ${paintScoreLevel(paint, m.level, `${m.value} ${m.level}`)}`, true];
    });
    const label = padEnd(paint.dim(state), STATE_WIDTH + 2);
    return wrapSegments(segments, width - STATE_WIDTH - 2).map((l, i) => (i === 0 ? label : ' '.repeat(STATE_WIDTH + 2)) + l);
  });
}

const formatVector: HarmPart = (harm, ctx) => {
  const vector = harm.residual.vector;
  if (!vector) return [];
  return wrapLabelled('Vector', `${vector} (residual)`, ctx.width, { labelWidth: ctx.scoreGrid ? LABEL_WIDTH : STATE_WIDTH });
};

const HARM_PARTS: readonly HarmPart[] = [formatTitle, formatPlacement, formatScores, formatVector];

function measureScoreCells(harms: readonly HarmReport[]): { numberWidth: number; cellWidth: number } {
  let numberWidth = 0;
  let levelWidth = 0;
  for (const harm of harms) {
    for (const state of HARM_STATES) {
      for (const measure of MEASURES) {
        const m = formatMeasure(harm[state], measure);
        numberWidth = Math.max(numberWidth, m.value.length);
        levelWidth = Math.max(levelWidth, m.level.length);
      }
    }
  }
  // A cell is at least as wide as its column's header, "projected".
  return { numberWidth, cellWidth: Math.max(numberWidth + 1 + levelWidth, STATE_WIDTH) };
}

export function formatHarms(report: Report, layout: Layout): string[] {
  const { harms } = report;
  if (harms.length === 0) return [];
  const markWidth = `${harms.length}.`.length + 1;
  const width = layout.width - markWidth;
  const cells = measureScoreCells(harms);
  const scoreGrid = LABEL_WIDTH + (GUTTER.length + cells.cellWidth) * HARM_STATES.length <= width;
  const ctx: HarmContext = { layout, width, ...cells, scoreGrid };
  const lines = formatHeading(layout, `Harms (${harms.length})`);
  harms.forEach((harm, i) => {
    if (i > 0) lines.push('');
    const block = HARM_PARTS.flatMap((part) => part(harm, ctx));
    block.forEach((line, j) => lines.push((j === 0 ? `${i + 1}.`.padEnd(markWidth) : ' '.repeat(markWidth)) + line));
  });
  return lines;
}
