import type { Finding, HarmReport, Recommendation, Report, Score } from '../schema/output.js';
import {
  formatLevelBar,
  formatMeasure,
  paintFindingLevel,
  paintScoreLevel,
  type ScoreMeasure,
} from './level-style.js';
import { sanitizeTerminal } from './sanitize.js';
import { createPaint, pluralize, type Paint } from './text.js';
import type { AssessOutput, ReporterContext } from './types.js';

const DEFAULT_WIDTH = 80;
/** The layouts stop making sense below this; narrower terminals get text wrapped at this width. */
const MIN_WIDTH = 40;
const GUTTER = '  ';
const MAX_NAME_WIDTH = 20;
const INDENT = '  ';

type Style = (text: string) => string;
const plain: Style = (text) => text;

// ---------------------------------------------------------------------------
// Text measuring and wrapping. Everything is laid out on plain text and
// coloured afterwards, so escape codes never count toward a width.

const ANSI_PATTERN = /\x1b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** Terminal columns of one code point: combining marks take none, East Asian wide and emoji take two. */
function measureCodePoint(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x20d0 && cp <= 0x20ff)) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Terminal columns a text takes, escape codes excluded. */
export function measureText(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) width += measureCodePoint(ch.codePointAt(0) ?? 0);
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - measureText(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - measureText(text))) + text;
}

/** User text on one line: control characters made visible, whitespace runs (newlines too) collapsed. */
function cleanText(text: string): string {
  return sanitizeTerminal(text).replace(/\s+/g, ' ').trim();
}

/** Splits a word wider than `width` into pieces that fit. */
function splitWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const ch of word) {
    const w = measureCodePoint(ch.codePointAt(0) ?? 0);
    if (pieceWidth + w > width && piece) {
      pieces.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += ch;
    pieceWidth += w;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** A run of text to wrap; an atomic one stays on one line whenever it fits on a line at all. */
type Segment = readonly [text: string, style?: Style, atomic?: boolean];

/**
 * Greedy word wrap of styled segments: each word keeps its segment's style,
 * and a word wider than the line is broken.
 */
export function wrapStyled(segments: readonly Segment[], width: number): string[] {
  const max = Math.max(1, width);
  // Each line is a list of runs; neighbouring words of one style share one run, so one pair of escape codes.
  const lines: Array<Array<{ style: Style; text: string }>> = [];
  let line: Array<{ style: Style; text: string }> = [];
  let lineWidth = 0;
  for (const [text, style = plain, atomic = false] of segments) {
    const clean = cleanText(text);
    const whole = atomic && measureText(clean) <= max;
    // An atomic segment's style may expect the whole text, so its broken pieces go unstyled.
    const pieceStyle = atomic && !whole ? plain : style;
    for (const word of whole ? [clean] : clean.split(' ')) {
      if (!word) continue;
      for (const piece of measureText(word) > max ? splitWord(word, max) : [word]) {
        const w = measureText(piece);
        if (lineWidth > 0 && lineWidth + 1 + w > max) {
          lines.push(line);
          line = [];
          lineWidth = 0;
        }
        const last = line[line.length - 1];
        if (last && last.style === pieceStyle && !atomic) last.text += ` ${piece}`;
        else line.push({ style: pieceStyle, text: piece });
        lineWidth += (lineWidth > 0 ? 1 : 0) + w;
      }
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((runs) => runs.map((run) => run.style(run.text)).join(' '));
}

export function wrapText(text: string, width: number, style: Style = plain): string[] {
  return wrapStyled([[text, style]], width);
}

/** "label  text…" with the text wrapped under itself. */
function wrapLabelled(label: string, labelWidth: number, text: string, width: number, labelStyle: Style, style: Style = plain): string[] {
  const gap = labelWidth + 2;
  const body = wrapText(text, width - gap, style);
  return body.map((line, i) => (i === 0 ? padEnd(labelStyle(label), gap) : ' '.repeat(gap)) + line);
}

/** Items joined by " · ", breaking lines only between items unless one item alone is too wide. */
function joinWrapped(items: readonly string[], width: number, style: Style = plain): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items.map(cleanText).filter(Boolean)) {
    const candidate = line ? `${line} · ${item}` : item;
    if (measureText(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const pieces = wrapText(item, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line) lines.push(line);
  return lines.map((line) => style(line));
}

/** Drops trailing spaces, also those hidden before a line's closing escape codes. */
function trimLineEnd(line: string): string {
  return line.replace(/\s+((?:\x1b\[[0-9;]*m)*)$/, '$1');
}

function indentLines(lines: readonly string[], indent: string): string[] {
  return lines.map((line) => (line ? indent + line : line));
}

function widest(lines: readonly string[]): number {
  return lines.reduce((max, line) => Math.max(max, measureText(line)), 0);
}

// ---------------------------------------------------------------------------
// A borderless grid: each cell is a list of lines, columns padded to their widest cell.

type Cell = string[];
type Align = 'left' | 'right';

interface Grid {
  rows: string[][];
  width: number;
}

function layoutGrid(rows: readonly Cell[][], aligns: readonly Align[]): Grid {
  const widths = aligns.map((_, c) => Math.max(0, ...rows.map((row) => widest(row[c] ?? []))));
  const width = widths.reduce((sum, w) => sum + w, 0) + GUTTER.length * Math.max(0, widths.length - 1);
  const out = rows.map((row) => {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    const lines: string[] = [];
    for (let i = 0; i < height; i++) {
      const parts = widths.map((w, c) => {
        const text = row[c]?.[i] ?? '';
        return aligns[c] === 'right' ? padStart(text, w) : padEnd(text, w);
      });
      lines.push(parts.join(GUTTER).trimEnd());
    }
    return lines;
  });
  return { rows: out, width };
}

// ---------------------------------------------------------------------------
// Sections

interface Layout {
  paint: Paint;
  width: number;
  catalog: AssessOutput['catalog'];
}

const STATUS_WORDS: Record<Recommendation['status'], string> = {
  missing: 'not declared',
  planned: 'planned',
  in_progress: 'in progress',
  implemented: 'implemented',
  not_applicable: 'not applicable',
};

function nameDimension(layout: Layout, id: string): string {
  return cleanText(layout.catalog.dimensions[id] ?? id);
}

function nameCategory(layout: Layout, id: string): string {
  return cleanText(layout.catalog.categories[id] ?? id);
}

/** A bold title followed by a rule, so sections stand apart with colour off too. */
function formatHeading(layout: Layout, title: string): string[] {
  const { paint, width } = layout;
  const lines = wrapText(title, width);
  const last = lines.pop() ?? '';
  // A full-width rule on a very wide terminal is more weight than help.
  const rule = Math.min(width, DEFAULT_WIDTH) - measureText(last) - 1;
  const heading = rule >= 3 ? `${paint.bold(last)} ${paint.dim('─'.repeat(rule))}` : paint.bold(last);
  return ['', ...lines.map((l) => paint.bold(l)), heading, ''];
}

function formatHeader(report: Report, layout: Layout): string[] {
  const { paint, width } = layout;
  const lines: string[] = [];
  if (report.feature) {
    const f = report.feature;
    lines.push(...wrapStyled([[f.name, paint.bold], [`(${f.id})`, paint.dim]], width));
    const meta = [`Owner: ${f.owner}`, `Stage: ${f.stage}`];
    if (report.framework) meta.push(`Framework: ${report.framework.id} v${report.framework.version}`);
    lines.push(...joinWrapped(meta, width));
    lines.push(...wrapStyled([['File:'], [report.file]], width));
  } else {
    // Nothing of the document could be read: the file is all there is to name.
    lines.push(...wrapText(report.file, width, paint.bold));
  }
  return lines;
}

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

const PROFILE_SHAPES: readonly ProfileShape[] = [
  { wrapNames: false, barCells: 10, stacked: false },
  { wrapNames: true, barCells: 10, stacked: false },
  { wrapNames: true, barCells: 8, stacked: false },
  { wrapNames: true, barCells: 6, stacked: false },
  { wrapNames: false, barCells: 10, stacked: true },
  { wrapNames: true, barCells: 10, stacked: true },
  { wrapNames: true, barCells: 6, stacked: true },
];

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
  const numberWidth = Math.max(0, ...[...before, ...after].map((m) => m.value.length));
  const levelWidth = Math.max(0, ...before.map((m) => m.level.length));
  const show = (m: { value: string; level: Score['riskLevel'] }) => paintScoreLevel(paint, m.level, `${m.value.padStart(numberWidth)} ${m.level}`);
  return rows.map((row) => {
    if (row.harms === 0) return [paint.dim('—')];
    const from = formatMeasure(row.inherent, measure);
    const to = formatMeasure(row.residual, measure);
    const left = padEnd(show(from), numberWidth + 1 + levelWidth);
    return stacked ? [`${left} →`, show(to)] : [`${left} → ${show(to)}`];
  });
}

function layoutProfileTable(rows: readonly ProfileRow[], layout: Layout, shape: ProfileShape): string[] {
  const { paint } = layout;
  const header = ['Dimension', 'Harms', 'Severity', 'Risk', ''];
  const longestWord = Math.max(
    ...[...header.slice(0, 1), ...rows.map((r) => r.name)].flatMap((name) => name.split(' ').map((w) => measureText(w))),
  );
  // A catalog may name a dimension with one long word; past this it is broken rather than allowed to widen the table.
  const nameWidth = shape.wrapNames ? Math.min(longestWord, MAX_NAME_WIDTH) : Number.POSITIVE_INFINITY;
  const severity = formatTransitionCells(rows, 'severity', paint, shape.stacked);
  const risk = formatTransitionCells(rows, 'risk', paint, shape.stacked);
  const body: Cell[][] = rows.map((row, i) => {
    const bar = formatLevelBar(paint, row.residual.risk, row.residual.riskLevel, shape.barCells);
    const name = wrapText(row.name, nameWidth, row.overall ? paint.bold : plain);
    const barCell = shape.stacked && row.harms > 0 ? ['', bar] : [bar];
    return [name, [String(row.harms)], severity[i] ?? [], risk[i] ?? [], barCell];
  });
  const grid = layoutGrid([header.map((h) => [paint.bold(h)]), ...body], ['left', 'right', 'left', 'left', 'left']);
  const rule = paint.dim('─'.repeat(grid.width));
  const lines: string[] = [];
  grid.rows.forEach((rowLines, i) => {
    if (i === 1 || (i > 0 && rows[i - 1]?.overall)) lines.push(rule);
    lines.push(...rowLines);
  });
  return lines;
}

/** The last resort for narrow terminals: one short paragraph per dimension. */
function listProfile(rows: readonly ProfileRow[], layout: Layout): string[] {
  const { paint, width } = layout;
  const lines: string[] = [];
  const show = (score: Score, measure: ScoreMeasure): Segment => {
    const m = formatMeasure(score, measure);
    return [`${m.value} ${m.level}`, (t: string) => paintScoreLevel(paint, m.level, t), true];
  };
  for (const row of rows) {
    lines.push(...wrapStyled([[row.name, paint.bold], [`(${pluralize(row.harms, 'harm')})`]], width));
    if (row.harms === 0) continue;
    for (const measure of ['severity', 'risk'] as const) {
      const body = wrapStyled([[measure], show(row.inherent, measure), ['→'], show(row.residual, measure)], width - INDENT.length);
      lines.push(...indentLines(body, INDENT));
    }
  }
  return lines;
}

function formatProjectedNote(rows: readonly ProfileRow[], layout: Layout): string[] {
  const { paint, width } = layout;
  const changed = rows.filter((r) => r.projected.severity !== r.residual.severity || r.projected.risk !== r.residual.risk);
  if (changed.length === 0) return [];
  const lines = ['', ...wrapText('Projected, once planned and in-progress safeguards are implemented:', width)];
  const cell = (score: Score, measure: ScoreMeasure): Cell => {
    const m = formatMeasure(score, measure);
    return [`${measure} ${paintScoreLevel(paint, m.level, `${m.value} ${m.level}`)}`];
  };
  const grid = layoutGrid(
    changed.map((r) => [[r.overall ? paint.bold(r.name) : r.name], cell(r.projected, 'severity'), cell(r.projected, 'risk')]),
    ['left', 'left', 'left'],
  );
  if (grid.width + INDENT.length <= width) return [...lines, ...indentLines(grid.rows.flat(), INDENT)];
  for (const r of changed) {
    const segments: Segment[] = [[`${r.name}:`, r.overall ? paint.bold : plain]];
    for (const measure of ['severity', 'risk'] as const) {
      const m = formatMeasure(r.projected, measure);
      segments.push([`${measure} ${m.value} ${m.level}${measure === 'severity' ? ',' : ''}`, plain, true]);
    }
    lines.push(...indentLines(wrapStyled(segments, width - INDENT.length), INDENT));
  }
  return lines;
}

function formatProfile(report: Report, layout: Layout): string[] {
  const rows = collectProfileRows(report, layout);
  if (rows.length === 0) return [];
  const lines = formatHeading(layout, 'Severity profile (inherent → residual)');
  let table: string[] | undefined;
  for (const shape of PROFILE_SHAPES) {
    const candidate = layoutProfileTable(rows, layout, shape);
    if (widest(candidate) <= layout.width) {
      table = candidate;
      break;
    }
  }
  lines.push(...(table ?? listProfile(rows, layout)), '');
  const legend = `Inherent: the factors as assessed. Residual: with the implemented safeguards.${table ? ' Bars: residual risk, 0–10.' : ''}`;
  lines.push(...wrapText(legend, layout.width, layout.paint.dim));
  lines.push(...formatProjectedNote(rows, layout));
  return lines;
}

const HARM_STATES = ['inherent', 'residual', 'projected'] as const;

function formatHarmScores(
  harm: HarmReport,
  layout: Layout,
  width: number,
  cellWidth: number,
  numberWidth: number,
): { lines: string[]; labelWidth: number } {
  const { paint } = layout;
  const labelWidth = 'Severity'.length;
  const cell = (score: Score, measure: ScoreMeasure) => {
    const m = formatMeasure(score, measure);
    return padEnd(paintScoreLevel(paint, m.level, `${m.value.padStart(numberWidth)} ${m.level}`), cellWidth);
  };
  const gridWidth = labelWidth + (GUTTER.length + cellWidth) * HARM_STATES.length;
  if (gridWidth <= width) {
    const header = ' '.repeat(labelWidth) + HARM_STATES.map((s) => GUTTER + padEnd(paint.dim(s), cellWidth)).join('');
    const row = (label: string, measure: ScoreMeasure) =>
      padEnd(label, labelWidth) + HARM_STATES.map((s) => GUTTER + cell(harm[s], measure)).join('');
    return { lines: [header.trimEnd(), row('Severity', 'severity').trimEnd(), row('Risk', 'risk').trimEnd()], labelWidth };
  }
  // Narrow terminals: one line per state, severity and risk side by side when they fit.
  const stateWidth = Math.max(...HARM_STATES.map((st) => st.length));
  const lines: string[] = [];
  for (const state of HARM_STATES) {
    const segments: Segment[] = (['severity', 'risk'] as const).map((measure) => {
      const m = formatMeasure(harm[state], measure);
      const text = `${measure} ${m.value} ${m.level}`;
      return [text, (t: string) => `${measure} ${paintScoreLevel(paint, m.level, t.slice(measure.length + 1))}`, true];
    });
    const body = wrapStyled(segments, width - stateWidth - 2);
    lines.push(...body.map((l, i) => (i === 0 ? padEnd(paint.dim(state), stateWidth + 2) : ' '.repeat(stateWidth + 2)) + l));
  }
  return { lines, labelWidth: stateWidth };
}

function formatHarms(report: Report, layout: Layout): string[] {
  if (report.harms.length === 0) return [];
  const { paint, width } = layout;
  const lines = formatHeading(layout, `Harms (${report.harms.length})`);
  const marks = report.harms.map((_, i) => `${i + 1}.`);
  const markWidth = Math.max(...marks.map((m) => m.length)) + 1;
  const inner = width - markWidth;
  const measures = report.harms.flatMap((h) =>
    HARM_STATES.flatMap((s) => [formatMeasure(h[s], 'severity'), formatMeasure(h[s], 'risk')]),
  );
  const numberWidth = Math.max(...measures.map((m) => m.value.length));
  const cellWidth = Math.max(...measures.map((m) => m.level.length), 'projected'.length - numberWidth - 1) + numberWidth + 1;
  report.harms.forEach((harm, i) => {
    const block: string[] = [];
    block.push(...wrapText(harm.id, inner, paint.bold));
    block.push(...wrapText(harm.title, inner));
    const where = [nameCategory(layout, harm.category), harm.dimensions.map((d) => nameDimension(layout, d)).join(', ')];
    block.push(...joinWrapped(where, inner, paint.dim));
    const scores = formatHarmScores(harm, layout, inner, cellWidth, numberWidth);
    block.push(...scores.lines);
    const vector = harm.residual.vector;
    if (vector) block.push(...wrapLabelled('Vector', scores.labelWidth, `${vector} (residual)`, inner, plain));
    if (i > 0) lines.push('');
    block.forEach((line, j) => lines.push((j === 0 ? padEnd(marks[i] ?? '', markWidth) : ' '.repeat(markWidth)) + line));
  });
  return lines.map((l) => l.trimEnd());
}

export type SafeguardGroupId = 'missing' | 'pending' | 'recommended' | 'optional' | 'inPlace';

export const SAFEGUARD_GROUPS: ReadonlyArray<{ id: SafeguardGroupId; title: string; mark: string; style: (p: Paint) => Style }> = [
  { id: 'missing', title: 'Required and missing', mark: '✗', style: (p) => p.red },
  { id: 'pending', title: 'Required and pending', mark: '○', style: (p) => p.yellow },
  { id: 'recommended', title: 'Recommended', mark: '+', style: (p) => p.cyan },
  { id: 'optional', title: 'Optional, not in place', mark: '○', style: (p) => p.dim },
  { id: 'inPlace', title: 'In place', mark: '✓', style: (p) => p.green },
];

/** Which heading a recommendation belongs under; a waiver sets a requirement aside, so it counts as in place. */
export function classifyRecommendation(rec: Recommendation): SafeguardGroupId {
  if (rec.status === 'implemented' || rec.waived) return 'inPlace';
  if (rec.required) return rec.status === 'missing' ? 'missing' : 'pending';
  return rec.status === 'missing' ? 'recommended' : 'optional';
}

/** What to say next to a harm id under a heading, when the heading alone does not tell. */
function noteRecommendation(rec: Recommendation, group: SafeguardGroupId): string | undefined {
  if (group === 'inPlace') return rec.waived ? 'waived' : undefined;
  if (group === 'pending' || group === 'optional') return STATUS_WORDS[rec.status];
  return undefined;
}

export interface SafeguardEntry {
  id: string;
  title: string;
  harms: Array<{ id: string; note?: string }>;
  reasons: string[];
}

/** Recommendations of every harm, one entry per safeguard and heading, harms listed in file order. */
export function groupSafeguards(harms: readonly HarmReport[]): Map<SafeguardGroupId, SafeguardEntry[]> {
  const byGroup = new Map<SafeguardGroupId, Map<string, SafeguardEntry>>();
  for (const harm of harms) {
    for (const rec of harm.recommendations) {
      const group = classifyRecommendation(rec);
      let entries = byGroup.get(group);
      if (!entries) byGroup.set(group, (entries = new Map()));
      let entry = entries.get(rec.safeguard);
      if (!entry) entries.set(rec.safeguard, (entry = { id: rec.safeguard, title: rec.title, harms: [], reasons: [] }));
      const note = noteRecommendation(rec, group);
      entry.harms.push(note ? { id: harm.id, note } : { id: harm.id });
      entry.reasons.push(...rec.reasons);
    }
  }
  const out = new Map<SafeguardGroupId, SafeguardEntry[]>();
  for (const { id } of SAFEGUARD_GROUPS) {
    const entries = byGroup.get(id);
    if (!entries) continue;
    const sorted = [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.set(id, sorted.map((e) => ({ ...e, reasons: mergeReasons(e.reasons) })));
  }
  return out;
}

/** A harm's own numbers in a reason, e.g. "inherent risk medium (5.5)". */
const HARM_NUMBER = /\s*\(\d+(?:\.\d+)?\)/g;

/**
 * The reasons of one safeguard over several harms, each said once. Reasons
 * that differ only in a harm's own numbers are merged and said without them.
 */
export function mergeReasons(reasons: readonly string[]): string[] {
  const byKey = new Map<string, Set<string>>();
  for (const reason of reasons) {
    const key = reason.replace(HARM_NUMBER, '');
    const same = byKey.get(key) ?? new Set<string>();
    same.add(reason);
    byKey.set(key, same);
  }
  return [...byKey].map(([key, same]) => (same.size === 1 ? [...same][0] ?? key : key));
}

/** "all 4 harms" when a safeguard stands the same for every harm of the report, else undefined. */
export function describeAllHarms(entry: SafeguardEntry, totalHarms: number): string | undefined {
  if (totalHarms < 2 || entry.harms.length !== totalHarms) return undefined;
  const notes = new Set(entry.harms.map((h) => h.note));
  if (notes.size !== 1) return undefined;
  const [note] = notes;
  return `all ${totalHarms} harms${note ? ` (${note})` : ''}`;
}

function describeHarms(entry: SafeguardEntry, totalHarms: number): string {
  return describeAllHarms(entry, totalHarms) ?? entry.harms.map((h) => (h.note ? `${h.id} (${h.note})` : h.id)).join(', ');
}

/** In place: a compact checklist of ids and the harms they cover, no reasons (nothing is asked of the reader). */
function formatInPlace(entries: readonly SafeguardEntry[], totalHarms: number, layout: Layout, mark: string): string[] {
  const { paint, width } = layout;
  const lead = INDENT.length + 2;
  const idWidth = Math.max(...entries.map((e) => measureText(e.id)));
  const harmsWidth = width - lead - idWidth - GUTTER.length;
  const lines: string[] = [];
  for (const entry of entries) {
    const harms = describeHarms(entry, totalHarms);
    // Beside the id when no harm id would have to be broken there; otherwise below it.
    const beside = harmsWidth >= 20 && harms.split(' ').every((t) => measureText(t) <= harmsWidth);
    if (beside) {
      wrapText(harms, harmsWidth, paint.dim).forEach((l, i) =>
        lines.push(i === 0 ? `${INDENT}${mark} ${padEnd(paint.bold(entry.id), idWidth)}${GUTTER}${l}` : ' '.repeat(width - harmsWidth) + l),
      );
    } else {
      lines.push(...wrapText(entry.id, width - lead, paint.bold).map((l, i) => INDENT + (i === 0 ? `${mark} ` : '  ') + l));
      lines.push(...indentLines(wrapLabelled('for', 3, harms, width - lead, paint.dim), ' '.repeat(lead)));
    }
  }
  return lines;
}

function formatSafeguards(report: Report, layout: Layout): string[] {
  const groups = groupSafeguards(report.harms);
  if (groups.size === 0) return [];
  const { paint, width } = layout;
  const lines = formatHeading(layout, 'Safeguards');
  const inner = width - INDENT.length - 2;
  const total = report.harms.length;
  for (const group of SAFEGUARD_GROUPS) {
    const entries = groups.get(group.id);
    if (!entries) continue;
    const style = group.style(paint);
    if (lines[lines.length - 1] !== '') lines.push('');
    lines.push(...wrapText(`${group.title} (${entries.length})`, width, style));
    if (group.id === 'inPlace') {
      lines.push(...formatInPlace(entries, total, layout, style(group.mark)));
      continue;
    }
    for (const entry of entries) {
      const head = wrapText(entry.id, inner, paint.bold);
      lines.push(...head.map((l, i) => INDENT + (i === 0 ? `${style(group.mark)} ` : '  ') + l));
      const body: string[] = [];
      if (entry.title && entry.title !== entry.id) body.push(...wrapText(entry.title, inner));
      body.push(...wrapLabelled('for', 3, describeHarms(entry, total), inner, paint.dim));
      const why = entry.reasons.length > 0 ? entry.reasons.join('; ') : 'declared in the assessment';
      body.push(...wrapLabelled('why', 3, why, inner, paint.dim));
      lines.push(...indentLines(body, `${INDENT}  `));
    }
  }
  return lines;
}

function formatSummaryLine(report: Report, layout: Layout): string[] {
  const { paint, width } = layout;
  const s = report.summary;
  const text = `${pluralize(s.errors, 'error')}, ${pluralize(s.warnings, 'warning')}, ${pluralize(s.infos, 'info')}`;
  if (s.errors > 0) return wrapText(`✗ ${text}`, width, paint.bold.red);
  if (s.warnings > 0) return wrapText(`! ${text}`, width, paint.bold.yellow);
  return wrapText(`✓ ${text}`, width, paint.bold.green);
}

function formatFindings(report: Report, layout: Layout): string[] {
  const { paint, width } = layout;
  const lines = formatHeading(layout, 'Findings');
  if (report.findings.length === 0) {
    lines.push(...indentLines(wrapText('None.', width - INDENT.length), INDENT));
  } else {
    lines.push(...formatFindingRows(report.findings, paint, width));
  }
  lines.push('', ...formatSummaryLine(report, layout));
  return lines;
}

/** ESLint-like rows: position, level, message wrapped in its column, then the rule. */
function formatFindingRows(findings: readonly Finding[], paint: Paint, width: number): string[] {
  const positions = findings.map((f) => `${f.line}:${f.column}`);
  const positionWidth = Math.max(...positions.map((p) => p.length));
  const levelWidth = Math.max(...findings.map((f) => f.level.length));
  const lead = INDENT.length + positionWidth + GUTTER.length + levelWidth + GUTTER.length;
  // Too narrow a message column reads worse than starting the message on its own line.
  const onOwnLine = width - lead < 30;
  const messageIndent = onOwnLine ? INDENT.length * 2 : lead;
  const messageWidth = width - messageIndent;
  const rows: string[][] = [];
  findings.forEach((f, i) => {
    const lines: string[] = [];
    rows.push(lines);
    const head = `${INDENT}${padEnd(paint.dim(positions[i] ?? ''), positionWidth)}${GUTTER}${padEnd(paintFindingLevel(paint, f.level, f.level), levelWidth)}`;
    const message = wrapText(f.message, messageWidth);
    const rule = f.rule;
    const last = message[message.length - 1] ?? '';
    if (measureText(last) + GUTTER.length + rule.length <= messageWidth) {
      message[message.length - 1] = `${last}${GUTTER}${paint.dim(rule)}`;
    } else {
      message.push(...wrapText(rule, messageWidth, paint.dim));
    }
    const pad = ' '.repeat(messageIndent);
    if (onOwnLine) {
      lines.push(head.trimEnd(), ...message.map((l) => pad + l));
    } else {
      message.forEach((l, j) => lines.push(j === 0 ? `${head}${GUTTER}${l}` : pad + l));
    }
  });
  // Wrapped messages run together unless each finding stands apart.
  const spaced = rows.some((r) => r.length > 1);
  return rows.flatMap((r, i) => (spaced && i > 0 ? ['', ...r] : r));
}

function formatExplanation(explanation: string | undefined, layout: Layout): string[] {
  if (explanation === undefined || explanation.trim() === '') return [];
  const lines = formatHeading(layout, 'How the numbers were computed');
  for (const raw of sanitizeTerminal(explanation).replace(/\t/g, '  ').replace(/\s+$/, '').split('\n')) {
    const indent = /^ */.exec(raw)?.[0] ?? '';
    const text = raw.slice(indent.length);
    if (!text) {
      lines.push('');
      continue;
    }
    // Keep the explanation's own indentation, unless it leaves no room for the words.
    const keep = indent.length <= layout.width / 2 ? indent : '';
    lines.push(...indentLines(wrapText(text, layout.width - keep.length), keep));
  }
  return lines;
}

/** The terminal report of `harm assess`: what a person reads, fitted to the terminal width. */
export function formatAssessTable(output: AssessOutput, ctx: ReporterContext): string {
  const width = Math.max(MIN_WIDTH, Number.isFinite(ctx.width) && ctx.width > 0 ? Math.floor(ctx.width) : DEFAULT_WIDTH);
  const layout: Layout = { paint: createPaint(ctx.color), width, catalog: output.catalog };
  const { report } = output;
  const lines = formatHeader(report, layout);
  if (report.profile === null) {
    lines.push(
      '',
      ...wrapText(
        'This assessment could not be scored: the document itself has errors. Fix them and run harm assess again.',
        width,
        layout.paint.bold.red,
      ),
    );
  } else {
    lines.push(...formatProfile(report, layout), ...formatHarms(report, layout), ...formatSafeguards(report, layout));
  }
  lines.push(...formatFindings(report, layout), ...formatExplanation(output.explanation, layout));
  return `${lines.map(trimLineEnd).join('\n')}\n`;
}
