import wrapAnsi from 'wrap-ansi';
import type { Score } from '../../schema/output.js';
import { nameOf } from '../catalog-names.js';
import { paintScoreLevel } from '../level-style.js';
import { sanitizeTerminalLine as clean } from '../sanitize.js';
import { formatGrid, type Cell } from '../terminal-grid.js';
import { createPaint, type Paint } from '../text.js';
import type { ReporterContext } from '../types.js';
import { changedDimensions, describeDirection, describeFrameworkChange, describeReasons, describeRisk, findHarm, orderChanges } from './describe.js';
import type { DiffOutput } from './types.js';

const INDENT = '  ';

function risk(paint: Paint, score: Score | undefined): string {
  return score ? paintScoreLevel(paint, score.riskLevel, describeRisk(score)) : paint.dim('—');
}

function arrow(paint: Paint, before: number | undefined, after: number | undefined): string {
  const d = describeDirection(before, after);
  return d === '↑' ? paint.red(d) : d === '↓' ? paint.green(d) : paint.dim(d);
}

/** Wrapped to the width; lines after the first hang under the text after `bullet`. */
function wrap(text: string, width: number, indent: string, bullet = ''): string[] {
  const hang = ' '.repeat(bullet.length);
  return wrapAnsi(text, Math.max(20, width - indent.length - bullet.length), { hard: true, trim: true })
    .split('\n')
    .map((l, i) => indent + (i === 0 ? bullet : hang) + l);
}

/** `harm diff` for a terminal. */
export function formatDiffTable(output: DiffOutput, ctx: ReporterContext): string {
  const { diff, names } = output;
  const paint = createPaint(ctx.color);
  const feature = output.new.feature!;
  const lines = [paint.bold(`harm diff: ${clean(feature.name)} (${clean(feature.id)})`), `${clean(diff.old.file)} → ${clean(diff.new.file)}`];
  const framework = describeFrameworkChange(diff);
  if (framework) lines.push(...wrap(paint.yellow(`! ${framework}`), ctx.width, ''));
  if (diff.old.stage !== diff.new.stage) lines.push(`Stage: ${diff.old.stage} → ${diff.new.stage}`);
  lines.push(diff.riskIncreased ? paint.red('Residual risk rose.') : 'Residual risk did not rise.');

  const dims = changedDimensions(diff);
  lines.push('', paint.bold('Residual risk by dimension'));
  if (dims.length === 0) lines.push(`${INDENT}No dimension changed.`);
  else {
    const rows = dims.map((d): Cell[] => [
      [clean(nameOf(names.dimensions, d.id))],
      [risk(paint, d.old?.residual)],
      ['→'],
      [risk(paint, d.new?.residual)],
      [arrow(paint, d.old?.residual.risk, d.new?.residual.risk)],
    ]);
    lines.push(...formatGrid(rows, ['left', 'left', 'left', 'left', 'left']).map((l) => INDENT + l));
  }

  lines.push('', paint.bold('Harms'));
  const before = lines.length;
  for (const change of orderChanges(diff.harms.changed)) {
    const r = change.new.residual;
    lines.push(
      ...wrap(
        `${clean(change.id)}: ${risk(paint, change.old.residual)} → ${risk(paint, r)} ${arrow(paint, change.old.residual.risk, r.risk)}`,
        ctx.width,
        INDENT,
        '~ ',
      ),
    );
    for (const reason of describeReasons(change, diff.frameworkChanged)) lines.push(...wrap(clean(reason), ctx.width, INDENT.repeat(2), '- '));
  }
  for (const id of diff.harms.added) lines.push(...wrap(`${clean(id)}: added, ${risk(paint, findHarm(output.new.harms, id)?.residual)}`, ctx.width, INDENT, '+ '));
  for (const id of diff.harms.removed) lines.push(...wrap(`${clean(id)}: removed, was ${risk(paint, findHarm(output.old.harms, id)?.residual)}`, ctx.width, INDENT, '- '));
  if (lines.length === before) lines.push(`${INDENT}No harm changed.`);
  return `${lines.join('\n')}\n`;
}
