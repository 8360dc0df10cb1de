import type { Framework } from '../schema/catalog.js';
import type { Profile, Score } from '../schema/output.js';
import { EMPTY_SCORE, levelOf, toScore } from './score.js';

export const STATES = ['inherent', 'projected', 'residual'] as const;
export type State = (typeof STATES)[number];

/** What the profile needs of a scored harm. */
export interface ScoredHarm {
  dimensions: readonly string[];
  inherent: Score;
  projected: Score;
  residual: Score;
}

/**
 * The highest severity and, separately, the highest risk among the harms; the vector
 * is the highest-risk harm's (ties: higher severity, then first listed), so the two
 * maxima may come from different harms (SPEC §2.4).
 */
export function summarizeScores(framework: Framework, scores: readonly Score[]): Score {
  return summarizeEach(framework, scores, (score) => score);
}

/** summarizeScores over one score of each item, without gathering them first. */
function summarizeEach<T>(framework: Framework, items: readonly T[], scoreOf: (item: T) => Score): Score {
  if (items.length === 0) return { ...EMPTY_SCORE };
  let severity = 0;
  let top: Score | undefined;
  for (const item of items) {
    const score = scoreOf(item);
    severity = Math.max(severity, score.severity);
    if (!top || score.risk > top.risk || (score.risk === top.risk && score.severity > top.severity)) top = score;
  }
  const risk = top!.risk;
  return toScore({
    severity,
    severityLevel: levelOf(severity, framework.bands),
    risk,
    riskLevel: levelOf(risk, framework.bands),
    vector: top!.vector,
  });
}

const inherentOf = (h: ScoredHarm) => h.inherent;
const projectedOf = (h: ScoredHarm) => h.projected;
const residualOf = (h: ScoredHarm) => h.residual;

function summarizeStates(framework: Framework, harms: readonly ScoredHarm[]) {
  return {
    harms: harms.length,
    inherent: summarizeEach(framework, harms, inherentOf),
    projected: summarizeEach(framework, harms, projectedOf),
    residual: summarizeEach(framework, harms, residualOf),
  };
}

/** The severity profile: every framework dimension in framework order, and overall. */
export function buildProfile(framework: Framework, harms: readonly ScoredHarm[]): Profile {
  return {
    overall: summarizeStates(framework, harms),
    dimensions: framework.dimensions.map((dimension) => ({
      id: dimension.id,
      ...summarizeStates(
        framework,
        harms.filter((h) => h.dimensions.includes(dimension.id)),
      ),
    })),
  };
}
