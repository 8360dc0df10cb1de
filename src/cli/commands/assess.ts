import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { explainHarms } from '../../core/explain.js';
import { summarize } from '../../core/findings.js';
import type { GateLevel } from '../../schema/common.js';
import { assessFile } from '../../io/load-assessment.js';
import { assessReporters, type AssessFormat } from '../../reporters/assess-registry.js';
import type { AssessOutput } from '../../reporters/types.js';
import type { CommandContext, CommonOptions } from '../run.js';
import { emit, loadRunSetup, reporterContext, resolveToday } from '../shared.js';

export interface AssessOptions extends CommonOptions {
  explain?: boolean;
  failOn?: GateLevel;
  failOnSeverity?: GateLevel;
}

export async function assessCommand(ctx: CommandContext, file: string, options: AssessOptions): Promise<number> {
  const { io } = ctx;
  const today = resolveToday(ctx, options.today);
  const format = (options.format ?? 'table') as AssessFormat;
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`The file ${file} does not exist.`);
  if (statSync(path).isDirectory()) throw new UsageError(`${file} is a folder; harm assess takes one assessment file (use harm check for many).`);
  const { catalog, gate } = loadRunSetup(ctx, options);
  const result = assessFile(path, file, catalog, { today, version: ctx.version, ...gate });
  const shownFindings = options.quiet ? result.report.findings.filter((f) => f.level === 'error') : result.report.findings;
  const report = options.quiet ? { ...result.report, findings: shownFindings, summary: summarize(shownFindings) } : result.report;
  const output: AssessOutput = {
    report,
    catalog: {
      categories: new Map(catalog.categories.map((c) => [c.id, c.name])),
      dimensions: new Map(catalog.framework.dimensions.map((d) => [d.id, d.name])),
    },
  };
  if (result.assessment?.waivers) output.waivers = result.assessment.waivers;
  if (options.explain && result.assessment) output.explanation = explainHarms({ assessment: result.assessment, catalog, today });
  emit(ctx, assessReporters[format](output, reporterContext(ctx, options)), options.output);
  return result.report.summary.errors > 0 ? 1 : 0;
}
