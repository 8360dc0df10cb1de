import type { Acceptance } from '../schema/assessment.js';
import type { GateLevel, Level, Stage } from '../schema/common.js';
import type { AcceptanceReport } from '../schema/output.js';
import type { HarmEvaluation } from './evaluate.js';
import type { FindingSink } from './findings.js';
import { fixed1 } from './harm-rules.js';
import { levelRank } from './score.js';

/*
 * The gate (SPEC §3.5) and the acceptances of residual risk that stop it (§1.1, §4):
 * which state is gated, when a score reaches the gate, and which acceptance, if any,
 * stops `residual-risk` for a harm.
 */

export const DEFAULT_FAIL_ON: GateLevel = 'high';
export const DEFAULT_FAIL_ON_SEVERITY: GateLevel = 'critical';

/** The gates and acceptances a run judges with. */
export interface Gate {
  stage: Stage;
  failOn: GateLevel;
  failOnSeverity: GateLevel;
  acceptances: readonly Acceptance[];
  today: string;
}

/** The state the gate looks at: residual once users have the feature (beta, ga), projected before. */
export function gatedState(stage: Stage): 'residual' | 'projected' {
  return stage === 'concept' || stage === 'development' ? 'projected' : 'residual';
}

/** Whether a score reaches the gate; `off` never does. */
export function reachesGate(level: Level, gate: GateLevel): boolean {
  return gate !== 'off' && levelRank(level) >= levelRank(gate);
}

/** An acceptance counts until the end of its `expires` day; ISO dates compare as strings. */
export function isAcceptanceActive(acceptance: Pick<Acceptance, 'expires'>, today: string): boolean {
  return acceptance.expires >= today;
}

/**
 * The gate of SPEC §3.5. An unexpired acceptance stops the risk part while the gated risk
 * level is at or below its `up_to`; severity is never accepted away. Returns the index of
 * the acceptance that stopped the risk gate, if one did.
 */
export function reportGate(sink: FindingSink, evaluation: HarmEvaluation, gate: Gate, tags: readonly string[] = []): number | undefined {
  const { harm, index } = evaluation;
  const state = gatedState(gate.stage);
  const score = evaluation.scores[state];
  const riskOver = reachesGate(score.riskLevel, gate.failOn);
  const accepted = riskOver
    ? gate.acceptances.findIndex((a) => a.harm === harm.id && isAcceptanceActive(a, gate.today) && levelRank(score.riskLevel) <= levelRank(a.up_to))
    : -1;
  const over: string[] = [];
  if (riskOver && accepted < 0) over.push(`${state} risk ${score.riskLevel} (${fixed1(score.risk)}) is at or above the risk gate ${gate.failOn}`);
  if (reachesGate(score.severityLevel, gate.failOnSeverity)) {
    const note = accepted < 0 ? '' : ' (an acceptance covers its risk, never its severity)';
    over.push(`${state} severity ${score.severityLevel} (${fixed1(score.severity)}) is at or above the severity gate ${gate.failOnSeverity}${note}`);
  }
  if (over.length > 0) sink.at('residual-risk', ['harms', index, 'id'], `Harm "${harm.id}" fails the gate: its ${over.join(' and its ')}.`, { harm: harm.id, tags });
  return accepted < 0 ? undefined : accepted;
}

/**
 * An acceptance that stopped no `residual-risk` (SPEC §4). Acceptances of harms that do not
 * exist, and expired ones, have findings of their own.
 */
export function reportUnusedAcceptances(sink: FindingSink, evaluations: readonly HarmEvaluation[], gate: Gate, used: ReadonlySet<number>): void {
  const byHarm = new Map(evaluations.map((e) => [e.harm.id, e] as const));
  const state = gatedState(gate.stage);
  gate.acceptances.forEach((acceptance, k) => {
    const evaluation = byHarm.get(acceptance.harm);
    if (used.has(k) || !evaluation || !isAcceptanceActive(acceptance, gate.today)) return;
    const score = evaluation.scores[state];
    const risk = `its ${state} risk ${score.riskLevel} (${fixed1(score.risk)})`;
    const why = !reachesGate(score.riskLevel, gate.failOn)
      ? `${risk} does not reach the risk gate ${gate.failOn}`
      : levelRank(score.riskLevel) > levelRank(acceptance.up_to)
        ? `${risk} is above the accepted level ${acceptance.up_to}`
        : 'another acceptance of the same harm already covers it';
    sink.at(
      'unused-acceptance',
      ['acceptances', k, 'harm'],
      `The acceptance of risk up to ${acceptance.up_to} for harm "${acceptance.harm}" stops nothing: ${why}.`,
      { harm: acceptance.harm },
    );
  });
}

/** The acceptance a report shows for a harm: the one in use, else the first unexpired, else the first. */
export function acceptanceFor(harmId: string, acceptances: readonly Acceptance[], used: ReadonlySet<number>, today: string): AcceptanceReport | null {
  let chosen: Acceptance | undefined;
  let fallback: Acceptance | undefined;
  acceptances.forEach((a, k) => {
    if (a.harm !== harmId) return;
    if (used.has(k)) chosen ??= a;
    else if (isAcceptanceActive(a, today)) fallback ??= a;
  });
  const acceptance = chosen ?? fallback ?? acceptances.find((a) => a.harm === harmId);
  if (!acceptance) return null;
  return {
    upTo: acceptance.up_to,
    approvedBy: acceptance.approved_by,
    expires: acceptance.expires,
    active: isAcceptanceActive(acceptance, today),
    reason: acceptance.reason,
  };
}
