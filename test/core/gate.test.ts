import { describe, expect, it } from 'vitest';
import type { HarmEvaluation } from '../../src/core/evaluate.js';
import { FindingSink } from '../../src/core/findings.js';
import { acceptanceFor, reportGate, type Gate } from '../../src/core/gate.js';
import type { Locator } from '../../src/core/locator.js';
import type { Acceptance } from '../../src/schema/assessment.js';
import { makeHarm } from '../fixtures/framework.js';

const TODAY = '2026-06-01';

const accept = (harm: string, reason: string, expires: string): Acceptance => ({ harm, up_to: 'high', reason, approved_by: 'board', expires });

describe('acceptanceFor: the one in use, else the first unexpired, else the first (SPEC §1.1)', () => {
  const mine = 'account-takeover';
  it.each<[string, Acceptance[], number[], string | null]>([
    ['no acceptance at all', [], [], null],
    ['only acceptances of other harms', [accept('other', 'other active', '2026-12-31')], [0], null],
    ['the one in use, after an unexpired one', [accept(mine, 'first active', '2026-12-31'), accept(mine, 'in use', '2026-12-31')], [1], 'in use'],
    ['the first unexpired, after an expired one', [accept(mine, 'expired', '2026-01-01'), accept(mine, 'active', '2026-12-31'), accept(mine, 'later', '2027-01-01')], [], 'active'],
    ['the first, when all have expired', [accept(mine, 'old', '2026-01-01'), accept(mine, 'older', '2025-01-01')], [], 'old'],
    ['never another harm\'s, in use or unexpired', [accept('other', 'other in use', '2026-12-31'), accept('other', 'other active', '2026-12-31'), accept(mine, 'mine expired', '2026-01-01')], [0], 'mine expired'],
    ['the day it expires still counts', [accept(mine, 'expired', '2026-05-31'), accept(mine, 'last day', TODAY)], [], 'last day'],
  ])('%s', (_name, acceptances, used, expected) => {
    const found = acceptanceFor(mine, acceptances, new Set(used), TODAY);
    expect(found?.reason ?? null).toBe(expected);
    if (found) expect(found.active).toBe(found.expires >= TODAY);
  });
});

describe('reportGate', () => {
  const locator: Locator = { value: () => ({ line: 4, column: 7 }), key: () => ({ line: 4, column: 3 }), firstKey: () => ({ line: 4, column: 3 }) };
  const evaluation = (riskLevel: 'low' | 'high', severityLevel: 'low' | 'critical') =>
    ({
      harm: makeHarm({ id: 'h' }),
      index: 0,
      scores: { residual: { risk: riskLevel === 'high' ? 7.8 : 1.5, riskLevel, severity: severityLevel === 'critical' ? 9.5 : 1.5, severityLevel } },
    }) as unknown as HarmEvaluation;
  const gate: Gate = { stage: 'ga', failOn: 'high', failOnSeverity: 'critical', acceptances: [accept('h', 'covered', '2026-12-31')], today: TODAY };

  it('returns no acceptance and reports nothing when the gate is not reached', () => {
    const sink = new FindingSink('a.harm.yaml', locator);
    expect(reportGate(sink, evaluation('low', 'low'), gate)).toBeUndefined();
    expect(sink.findings).toEqual([]);
  });

  it('returns the index of the acceptance that stopped the risk gate', () => {
    const sink = new FindingSink('a.harm.yaml', locator);
    expect(reportGate(sink, evaluation('high', 'low'), { ...gate, acceptances: [accept('x', 'other', '2026-12-31'), ...gate.acceptances] })).toBe(1);
    expect(sink.findings).toEqual([]);
  });

  it('reports a failed gate at the harm id, without tags unless given', () => {
    const sink = new FindingSink('a.harm.yaml', locator);
    expect(reportGate(sink, evaluation('high', 'critical'), { ...gate, acceptances: [] })).toBeUndefined();
    expect(sink.findings).toStrictEqual([
      {
        rule: 'residual-risk',
        level: 'error',
        message:
          'Harm "h" fails the gate: its residual risk high (7.8) is at or above the risk gate high and its residual severity critical (9.5) is at or above the severity gate critical.',
        file: 'a.harm.yaml',
        line: 4,
        column: 7,
        harm: 'h',
      },
    ]);
  });
});
