import type { ChalkInstance } from 'chalk';
import { paintScoreLevel } from '../../reporters/level-style.js';
import { createPaint } from '../../reporters/text.js';
import { scoreLevels, type ScoreDetail } from '../../core/score.js';
import { parseVector, VECTOR_COMPONENTS } from '../../core/vector.js';
import type { Framework } from '../../schema/catalog.js';
import { API_VERSION } from '../../schema/common.js';
import type { CommandContext } from '../run.js';
import { emit, loadRunSetup, reporterContext } from '../shared.js';

export interface ScoreOptions {
  catalog?: string[];
  config?: string;
  format: 'table' | 'json';
  output?: string;
  color?: boolean;
}

/** `harm score <vector>`: severity and risk from a vector alone. */
export async function scoreCommand(ctx: CommandContext, vector: string, options: ScoreOptions): Promise<number> {
  // Parse first: a malformed vector is a usage error whatever the catalog.
  const levels = parseVector(vector);
  const { catalog, inUse } = loadRunSetup(ctx, options);
  const detail = scoreLevels(catalog.framework, levels);
  const text =
    options.format === 'json'
      ? formatScoreJson(detail)
      : formatScoreTable(detail, catalog.framework, createPaint(reporterContext(ctx, options).color));
  emit(ctx, text, options.output, inUse);
  return 0;
}

export function formatScoreJson(detail: ScoreDetail): string {
  const out = {
    apiVersion: API_VERSION,
    kind: 'Score',
    vector: detail.vector,
    severity: detail.severity,
    severityLevel: detail.severityLevel,
    risk: detail.risk,
    riskLevel: detail.riskLevel,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A short block: the vector, each factor's level and value, then severity and risk. */
export function formatScoreTable(detail: ScoreDetail, framework: Framework, chalk: ChalkInstance): string {
  const rows = VECTOR_COMPONENTS.map(([letter, factor]) => {
    const level = detail.levels[factor];
    const name = factor === 'vulnerability' ? 'Vulnerability' : framework.factors[factor].name;
    const value = factor === 'mitigation_feasibility' ? '(not scored)' : String(detail.values[factor]);
    return [name, `${letter}:${codeOf(detail.vector, letter)}`, level, value] as const;
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = [
    `Vector    ${detail.vector}`,
    `Framework ${framework.id} version ${framework.version}`,
    '',
    ...rows.map((r) => `  ${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`),
    '',
    `Severity  ${chalk.bold(detail.severity.toFixed(1))}  ${paintScoreLevel(chalk, detail.severityLevel, detail.severityLevel)}`,
    `Risk      ${chalk.bold(detail.risk.toFixed(1))}  ${paintScoreLevel(chalk, detail.riskLevel, detail.riskLevel)}`,
  ];
  return `${lines.join('\n')}\n`;
}

function codeOf(vector: string, letter: string): string {
  const part = vector.split('/').find((p) => p.startsWith(`${letter}:`));
  return part ? part.slice(letter.length + 1) : '?';
}
