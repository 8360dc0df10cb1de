import { VECTOR_COMPONENTS } from '../core/vector.js';
import { paintScoreLevel } from './level-style.js';
import { formatGrid, GUTTER } from './terminal-grid.js';
import { indentLines, measureWidest, resolveWidth, trimLineEnd, wrapLabelled, wrapText } from './terminal-text.js';
import { createPaint } from './text.js';
import type { ReporterContext, ScoreOutput } from './types.js';

const MIN_WIDTH = 40;
const INDENT = '  ';
const LABEL_WIDTH = 'Framework'.length;
const MIN_NAME_WIDTH = 10;

/** `harm score`: the vector, each factor's level and value, then severity and risk. */
export function formatScoreTable({ detail, framework }: ScoreOutput, ctx: ReporterContext): string {
  const paint = createPaint(ctx.color);
  const width = resolveWidth(ctx.width, MIN_WIDTH);
  const codes = new Map(detail.vector.split('/').map((part) => [part.slice(0, part.indexOf(':')), part] as const));
  const rows = VECTOR_COMPONENTS.map(([letter, factor]) => {
    const name = factor === 'vulnerability' ? 'Vulnerability' : framework.factors[factor].name;
    const value = factor === 'mitigation_feasibility' ? '(not scored)' : String(detail.values[factor]);
    return [name, codes.get(letter) ?? `${letter}:?`, detail.levels[factor], value] as const;
  });
  // The factor names take what the other columns leave (a catalog may name a factor at length); too little, and each factor takes two lines.
  const others = measureWidest(rows.map((r) => r[1])) + measureWidest(rows.map((r) => r[2])) + measureWidest(rows.map((r) => r[3])) + 3 * GUTTER.length;
  const nameWidth = Math.min(measureWidest(rows.map((r) => r[0])), width - INDENT.length - others);
  const factors =
    nameWidth >= MIN_NAME_WIDTH
      ? formatGrid(
          rows.map(([name, code, level, value]) => [wrapText(name, nameWidth), [code], [level], [value]]),
          ['left', 'left', 'left', 'left'],
        )
      : rows.flatMap(([name, ...rest]) => [...wrapText(name, width - INDENT.length), ...indentLines(wrapText(rest.join('  '), width - 2 * INDENT.length), INDENT)]);
  const measure = (label: string, value: number, level: typeof detail.riskLevel) =>
    `${label.padEnd(LABEL_WIDTH + 1)}${paint.bold(value.toFixed(1))}  ${paintScoreLevel(paint, level, level)}`;
  const lines = [
    ...wrapLabelled('Vector', detail.vector, width, { labelWidth: LABEL_WIDTH, gap: 1 }),
    ...wrapLabelled('Framework', `${framework.id} version ${framework.version}`, width, { labelWidth: LABEL_WIDTH, gap: 1 }),
    '',
    ...indentLines(factors, INDENT),
    '',
    measure('Severity', detail.severity, detail.severityLevel),
    measure('Risk', detail.risk, detail.riskLevel),
  ];
  return `${lines.map(trimLineEnd).join('\n')}\n`;
}
