import { API_VERSION } from '../schema/common.js';
import type { CheckResult, Finding } from '../schema/output.js';
import type { CheckRun, ReporterContext } from './types.js';

/** Fixed key order, whatever order the finding was built in. */
function toJsonFinding(f: Finding): Finding {
  const out: Finding = { rule: f.rule, level: f.level, message: f.message, file: f.file, line: f.line, column: f.column };
  if (f.harm !== undefined) out.harm = f.harm;
  return out;
}

export function buildCheckResult(run: CheckRun): CheckResult {
  const { files, errors, warnings, infos } = run.summary;
  return {
    apiVersion: API_VERSION,
    kind: 'CheckResult',
    files: run.files.map((f) => ({ file: f.file, feature: f.feature, findings: f.findings.map(toJsonFinding) })),
    summary: { files, errors, warnings, infos },
  };
}

/** SPEC §7 CheckResult: every file and every level, info included, whatever --verbose says. */
export function formatCheckJson(run: CheckRun, _ctx: ReporterContext): string {
  return `${JSON.stringify(buildCheckResult(run), null, 2)}\n`;
}
