import { DEFAULT_FAIL_ON, gatedState, isAcceptanceActive, reachesGate } from '../core/evaluate.js';
import { levelRank } from '../core/score.js';
import type { Acceptance } from '../schema/assessment.js';
import { addMonths, requireText, validateDate } from './answers.js';
import type { Walk } from './walk.js';

/*
 * Accepting a residual risk on the record, for each harm whose risk would fail the
 * gate: harm.<n>.accept (record it?), harm.<n>.accept.reason,
 * harm.<n>.accept.approved_by and harm.<n>.accept.expires. The level accepted is
 * the harm's gated risk level as scored now, so that the acceptance covers exactly
 * what was shown. Severity and missing safeguards are never accepted away: the
 * questions say so, and are not asked for them.
 */

export async function offerAcceptances(walk: Walk, acceptances: readonly Acceptance[]): Promise<Acceptance[]> {
  const result = [...acceptances];
  const harms = walk.harms.map((h) => h.harm);
  const state = gatedState(walk.feature.stage);
  if (walk.feature.stage === 'retired') return result;
  const reports = walk.evaluate(walk.draft(harms, { acceptances: result })).harms;
  let introduced = false;
  for (const [i, draft] of walk.harms.entries()) {
    const score = reports[i]![state];
    if (!reachesGate(score.riskLevel, DEFAULT_FAIL_ON)) continue;
    const covered = result.some((a) => a.harm === draft.harm.id && isAcceptanceActive(a, walk.today) && levelRank(score.riskLevel) <= levelRank(a.up_to));
    if (covered) continue;
    if (!introduced) {
      walk.section('Accepting residual risk');
      walk.say('A risk at or above the gate fails it. If someone with the authority to do so accepts the risk, record who, why and until when; severity and missing safeguards can never be accepted.');
      introduced = true;
    }
    walk.say();
    walk.say(`${draft.n}. ${draft.harm.title}`, walk.style.bold);
    walk.show(`   ${walk.formatScore(score, state)}`);
    const accept = await walk.ask.confirm({ name: `harm.${draft.n}.accept`, message: `Record that its ${state} risk (${score.riskLevel}) is accepted?`, default: false });
    if (!accept) continue;
    const reason = await walk.ask.input({
      name: `harm.${draft.n}.accept.reason`,
      message: 'Why is the risk acceptable (what limits it, what will change)?',
      validate: requireText,
    });
    const approvedBy = await walk.ask.input({
      name: `harm.${draft.n}.accept.approved_by`,
      message: 'Who approved accepting it?',
      validate: requireText,
    });
    const expires = await walk.ask.input({
      name: `harm.${draft.n}.accept.expires`,
      message: 'Accepted until (YYYY-MM-DD)?',
      default: addMonths(walk.today, 6),
      validate: (v) => {
        const verdict = validateDate(v);
        if (verdict !== true) return verdict;
        return v >= walk.today ? true : `Use a date from today (${walk.today}) on: an acceptance that has expired stops nothing.`;
      },
    });
    result.push({ harm: draft.harm.id, up_to: score.riskLevel as Acceptance['up_to'], reason: reason.trim(), approved_by: approvedBy.trim(), expires });
  }
  return result;
}
