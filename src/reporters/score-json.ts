import { API_VERSION } from '../schema/common.js';
import type { ReporterContext, ScoreOutput } from './types.js';

/** `harm score --format json` (SPEC §7). Every string in it comes from the vector's fixed codes and levels. */
export function formatScoreJson({ detail }: ScoreOutput, _ctx: ReporterContext): string {
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
