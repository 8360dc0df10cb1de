import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAssessment } from '../../src/core/evaluate.js';
import { gatedState } from '../../src/core/gate.js';
import { FindingSink } from '../../src/core/findings.js';
import { nowhere, type Path } from '../../src/core/locator.js';
import type { Assessment, Factors, Harm, SafeguardDeclaration } from '../../src/schema/assessment.js';
import type { Catalog } from '../../src/schema/catalog.js';
import { DECLARATION_STATUSES, FACTOR_LEVELS, type FindingLevel, type GateLevel, type Stage } from '../../src/schema/common.js';
import type { RuleId } from '../../src/schema/rules.js';
import { CATALOG, FRAMEWORK, makeAssessment, makeHarm, makeWaiver, SAFEGUARDS } from '../fixtures/framework.js';

interface Call {
  rule: RuleId;
  path: Path;
  message: string;
  harm?: string;
  level: FindingLevel;
}

/** A sink that also keeps the path each finding was reported at. */
class RecordingSink extends FindingSink {
  readonly calls: Call[] = [];
  constructor() {
    super('test.harm.yaml', nowhere);
  }
  override at(rule: RuleId, path: Path, message: string, opts: { harm?: string; level?: FindingLevel } = {}): void {
    super.at(rule, path, message, opts);
    const call: Call = { rule, path: [...path], message, level: this.findings.at(-1)!.level };
    if (opts.harm !== undefined) call.harm = opts.harm;
    this.calls.push(call);
  }
}

const TODAY = '2025-05-01';

function evaluate(assessment: Assessment, opts: { catalog?: Catalog; failOn?: GateLevel; failOnSeverity?: GateLevel } = {}) {
  const sink = new RecordingSink();
  const result = evaluateAssessment({
    assessment,
    catalog: opts.catalog ?? CATALOG,
    sink,
    today: TODAY,
    failOn: opts.failOn,
    failOnSeverity: opts.failOnSeverity,
  });
  return { ...result, calls: sink.calls, sink };
}

const rulesOf = (calls: Call[]) => calls.map((c) => c.rule);
const only = (calls: Call[], rule: RuleId) => calls.filter((c) => c.rule === rule);

/** Inherent 7.5 high / 7.5 high; account-blocking planned → projected 6.5 / 4.9; no other requirement. */
function gateHarm(safeguards: SafeguardDeclaration[] = []): Harm {
  return makeHarm({
    id: 'viral-falsehoods',
    category: 'misinformation',
    dimensions: ['societal'],
    factors: { likelihood: 'almost_certain', duration: 'long_term', affected_populations: ['general_public'], causality: 'direct', technology_contribution: 'essential' },
    safeguards,
  });
}

/** Inherent 1.5 low / 0.8 low, nothing required or recommended. */
function lowHarm(id = 'odd-refusal', safeguards: SafeguardDeclaration[] = []): Harm {
  return makeHarm({
    id,
    category: 'over_refusal',
    dimensions: ['psychological'],
    factors: { likelihood: 'rare', scale: 'individual', duration: 'transient', affected_populations: ['general_public'], causality: 'indirect', technology_contribution: 'negligible' },
    safeguards,
  });
}

describe('evaluateAssessment: gaps', () => {
  it('reports a missing required safeguard at the harm id, in one sentence', () => {
    const { calls } = evaluate(makeAssessment());
    const missing = only(calls, 'missing-required-safeguard');
    expect(missing).toEqual([
      {
        rule: 'missing-required-safeguard',
        path: ['harms', 0, 'id'],
        level: 'error',
        harm: 'unauthorized-financial-automation',
        message:
          'Harm "unauthorized-financial-automation" needs safeguard "product.human-confirmation" (required: inherent severity high (7.3) is at least high and dimension economic), but it is not declared.',
      },
    ]);
  });

  it('reports recommended safeguards as info, never a required one', () => {
    const { calls } = evaluate(makeAssessment());
    const recommended = only(calls, 'recommended-safeguard');
    expect(recommended.map((c) => [c.level, c.path, c.message])).toEqual([
      [
        'info',
        ['harms', 0, 'id'],
        'Safeguard "enforcement.stricter-thresholds" (Stricter enforcement thresholds for high-risk capabilities) is recommended for harm "unauthorized-financial-automation" (recommended: inherent risk medium (5.5) is at least medium), but it is not declared.',
      ],
      ['info', ['harms', 0, 'id'], expect.stringContaining('"usage_policy.aup-coverage"')],
    ]);
    expect(recommended.some((c) => c.message.includes('product.human-confirmation'))).toBe(false);
  });

  it('does not recommend what is declared, whatever its status', () => {
    const harm = makeHarm({ safeguards: [{ id: 'enforcement.stricter-thresholds', status: 'not_applicable', note: 'n/a' }] });
    const { calls } = evaluate(makeAssessment({ harms: [harm] }));
    expect(only(calls, 'recommended-safeguard').map((c) => c.message)).toEqual([expect.stringContaining('usage_policy.aup-coverage')]);
  });

  it.each<[string, Stage, SafeguardDeclaration['status'], 'harm' | 'feature', FindingLevel, Path, RegExp]>([
    ['planned at beta', 'beta', 'planned', 'harm', 'error', ['harms', 0, 'safeguards', 0, 'status'], /but it is only planned, not implemented\.$/],
    ['in progress at ga', 'ga', 'in_progress', 'harm', 'error', ['harms', 0, 'safeguards', 0, 'status'], /but it is still in progress, not implemented\.$/],
    ['planned at development', 'development', 'planned', 'harm', 'warning', ['harms', 0, 'safeguards', 0, 'status'], /only planned/],
    ['planned at concept', 'concept', 'planned', 'harm', 'warning', ['harms', 0, 'safeguards', 0, 'status'], /only planned/],
    ['feature-level declaration', 'beta', 'planned', 'feature', 'error', ['feature', 'safeguards', 0, 'status'], /only planned for the feature, not implemented/],
    ['not applicable', 'beta', 'not_applicable', 'harm', 'error', ['harms', 0, 'safeguards', 0, 'status'], /marked not_applicable; only an approved waiver can set a required safeguard aside\.$/],
  ])('required-not-implemented: %s', (_name, stage, status, where, level, path, message) => {
    const declaration: SafeguardDeclaration = { id: 'product.human-confirmation', status, note: 'why' };
    const assessment = makeAssessment({
      feature: { stage, safeguards: where === 'feature' ? [declaration] : [] },
      harms: [makeHarm({ safeguards: where === 'harm' ? [declaration] : [] })],
    });
    const { calls } = evaluate(assessment);
    expect(only(calls, 'missing-required-safeguard')).toEqual([]);
    const found = only(calls, 'required-not-implemented');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level, path, harm: 'unauthorized-financial-automation' });
    expect(found[0]!.message).toMatch(message);
  });

  it('a harm-level implemented declaration satisfies the requirement despite a planned feature-level one', () => {
    const assessment = makeAssessment({
      feature: { safeguards: [{ id: 'product.human-confirmation', status: 'planned' }] },
      harms: [makeHarm({ safeguards: [{ id: 'product.human-confirmation', status: 'implemented' }] })],
    });
    const { calls } = evaluate(assessment);
    expect(rulesOf(calls)).not.toContain('required-not-implemented');
    expect(rulesOf(calls)).not.toContain('missing-required-safeguard');
  });

  it('reports a required safeguard once per harm that needs it', () => {
    const second = makeHarm({ id: 'payment-fraud' });
    const assessment = makeAssessment({
      feature: { safeguards: [{ id: 'product.human-confirmation', status: 'in_progress' }] },
      harms: [makeHarm(), second],
    });
    const found = only(evaluate(assessment).calls, 'required-not-implemented');
    expect(found.map((c) => [c.harm, c.path])).toEqual([
      ['unauthorized-financial-automation', ['feature', 'safeguards', 0, 'status']],
      ['payment-fraud', ['feature', 'safeguards', 0, 'status']],
    ]);
  });
});

describe('evaluateAssessment: waivers', () => {
  it.each<[string, Harm, ReturnType<typeof makeWaiver>[], RuleId[], string | null]>([
    ['an unexpired waiver covers the gap', makeHarm(), [makeWaiver({ expires: '2025-07-01' })], [], null],
    ['a waiver expiring today still covers', makeHarm(), [makeWaiver({ expires: TODAY })], [], null],
    ['an expired waiver covers nothing', makeHarm(), [makeWaiver({ expires: '2025-04-30' })], ['missing-required-safeguard'], null],
    [
      'a waiver for a safeguard that is not required is unused',
      makeHarm({ safeguards: [{ id: 'product.human-confirmation', status: 'implemented' }] }),
      [makeWaiver({ safeguard: 'enforcement.stricter-thresholds' })],
      ['unused-waiver'],
      'The waiver for safeguard "enforcement.stricter-thresholds" on harm "unauthorized-financial-automation" covers no gap: the safeguard is not required for that harm.',
    ],
    [
      'a waiver for an implemented safeguard is unused',
      makeHarm({ safeguards: [{ id: 'product.human-confirmation', status: 'implemented' }] }),
      [makeWaiver()],
      ['unused-waiver'],
      'The waiver for safeguard "product.human-confirmation" on harm "unauthorized-financial-automation" covers no gap: the safeguard is already implemented for that harm.',
    ],
    [
      'a waiver over a planned required safeguard is used',
      makeHarm({ safeguards: [{ id: 'product.human-confirmation', status: 'planned' }] }),
      [makeWaiver()],
      [],
      null,
    ],
    ['waivers naming unknown harms or safeguards are left to unknown-reference', makeHarm({ safeguards: [{ id: 'product.human-confirmation', status: 'implemented' }] }), [makeWaiver({ harm: 'no-such-harm' }), makeWaiver({ safeguard: 'product.no-such-safeguard' })], [], null],
  ])('%s', (_name, harm, waivers, rules, message) => {
    const { calls } = evaluate(makeAssessment({ harms: [harm], waivers }));
    const relevant = calls.filter((c) => ['missing-required-safeguard', 'required-not-implemented', 'unused-waiver'].includes(c.rule));
    expect(rulesOf(relevant)).toEqual(rules);
    if (message) {
      expect(relevant[0]).toMatchObject({ message, level: 'warning', path: ['waivers', 0, 'harm'], harm: 'unauthorized-financial-automation' });
    }
  });

  it('says when the waiver of a gap has expired', () => {
    const { calls } = evaluate(makeAssessment({ waivers: [makeWaiver({ expires: '2025-01-31' })] }));
    expect(only(calls, 'missing-required-safeguard')[0]!.message).toMatch(/but it is not declared; its waiver expired on 2025-01-31\.$/);
  });

  it('marks the recommendation waived', () => {
    const { harms } = evaluate(makeAssessment({ waivers: [makeWaiver()] }));
    expect(harms[0]!.recommendations[0]).toEqual({
      safeguard: 'product.human-confirmation',
      title: 'Human confirmation before consequential actions',
      required: true,
      recommended: true,
      status: 'missing',
      waived: true,
      reasons: [
        'required: inherent severity high (7.3) is at least high and dimension economic',
        'recommended: inherent risk medium (5.5) is at least medium and capability computer_use',
      ],
      mappings: {},
    });
  });

  it('points at the right waiver', () => {
    const waivers = [makeWaiver(), makeWaiver({ safeguard: 'enforcement.account-blocking' })];
    const { calls } = evaluate(makeAssessment({ waivers }));
    expect(only(calls, 'unused-waiver').map((c) => c.path)).toEqual([['waivers', 1, 'harm']]);
  });
});

describe('evaluateAssessment: the gate', () => {
  it.each<[Stage, 'projected' | 'residual']>([
    ['concept', 'projected'],
    ['development', 'projected'],
    ['beta', 'residual'],
    ['ga', 'residual'],
  ])('%s gates on the %s state', (stage, state) => {
    expect(gatedState(stage)).toBe(state);
  });

  it.each<[string, Stage, SafeguardDeclaration['status'] | null, boolean]>([
    ['no safeguard at beta', 'beta', null, true],
    ['planned safeguard at development: projected is below the gate', 'development', 'planned', false],
    ['planned safeguard at concept', 'concept', 'planned', false],
    ['planned safeguard at beta: residual is still high', 'beta', 'planned', true],
    ['in progress safeguard at ga', 'ga', 'in_progress', true],
    ['implemented safeguard at beta', 'beta', 'implemented', false],
    ['no safeguard at development', 'development', null, true],
  ])('%s', (_name, stage, status, fires) => {
    const harm = gateHarm(status ? [{ id: 'enforcement.account-blocking', status }] : []);
    const { calls } = evaluate(makeAssessment({ feature: { stage, capabilities: [] }, harms: [harm] }));
    const gate = only(calls, 'residual-risk');
    expect(gate.length).toBe(fires ? 1 : 0);
    if (fires) {
      const state = stage === 'beta' || stage === 'ga' ? 'residual' : 'projected';
      expect(gate[0]).toMatchObject({ path: ['harms', 0, 'id'], harm: 'viral-falsehoods', level: 'error' });
      expect(gate[0]!.message).toBe(`Harm "viral-falsehoods" fails the gate: its ${state} risk high (7.5) is at or above the risk gate high.`);
    }
  });

  it.each<[GateLevel | undefined, GateLevel | undefined, boolean]>([
    ['off', undefined, false],
    ['critical', undefined, false],
    ['medium', 'off', true],
    ['off', 'high', true],
    ['off', 'off', false],
  ])('failOn %s, failOnSeverity %s', (failOn, failOnSeverity, fires) => {
    const { calls } = evaluate(makeAssessment({ feature: { capabilities: [] }, harms: [gateHarm()] }), { failOn, failOnSeverity });
    expect(only(calls, 'residual-risk').length).toBe(fires ? 1 : 0);
  });

  it('names both gates when both are reached', () => {
    const { calls } = evaluate(makeAssessment({ feature: { capabilities: [] }, harms: [gateHarm()] }), { failOnSeverity: 'high' });
    expect(only(calls, 'residual-risk')[0]!.message).toBe(
      'Harm "viral-falsehoods" fails the gate: its residual risk high (7.5) is at or above the risk gate high and its residual severity high (7.5) is at or above the severity gate high.',
    );
  });

  it('the default severity gate is critical', () => {
    // 10.0 critical severity, risk lowered to medium by likelihood: only the severity gate fires.
    const harm = makeHarm({
      id: 'mass-harm',
      category: 'misinformation',
      dimensions: ['societal'],
      factors: { likelihood: 'rare', scale: 'societal', duration: 'irreversible', affected_populations: ['children'], causality: 'direct', technology_contribution: 'essential', mitigation_feasibility: 'high' },
    });
    const { calls } = evaluate(makeAssessment({ feature: { capabilities: [] }, harms: [harm] }));
    expect(only(calls, 'residual-risk').map((c) => c.message)).toEqual([
      'Harm "mass-harm" fails the gate: its residual severity critical (10.0) is at or above the severity gate critical.',
    ]);
  });
});

describe('evaluateAssessment: escalation', () => {
  it('requires an escalation record for an escalate category', () => {
    const harm = makeHarm({ id: 'weapons-uplift', category: 'cbrn', dimensions: ['physical'] });
    const { calls } = evaluate(makeAssessment({ harms: [harm] }));
    expect(only(calls, 'escalation-required')).toEqual([
      {
        rule: 'escalation-required',
        path: ['harms', 0, 'id'],
        level: 'error',
        harm: 'weapons-uplift',
        message:
          'Harm "weapons-uplift" needs an escalation record (ticket, decided_by, date) because its category "cbrn" must be escalated (Route to the catastrophic-risk process).',
      },
    ]);
  });

  it.each([
    ['no escalation message', undefined, 'must be escalated.'],
    ['a message with spaces around it and trailing dots', '  Route to the catastrophic-risk process...  ', 'must be escalated (Route to the catastrophic-risk process).'],
  ])('quotes the category with %s', (_case, escalationMessage, ending) => {
    const catalog: Catalog = {
      ...CATALOG,
      categories: CATALOG.categories.map(({ escalation_message: _message, ...c }) =>
        c.id === 'cbrn' && escalationMessage !== undefined ? { ...c, escalation_message: escalationMessage } : c,
      ),
    };
    const harm = makeHarm({ id: 'weapons-uplift', category: 'cbrn', dimensions: ['physical'] });
    const [found] = only(evaluate(makeAssessment({ harms: [harm] }), { catalog }).calls, 'escalation-required');
    expect(found!.message).toBe(`Harm "weapons-uplift" needs an escalation record (ticket, decided_by, date) because its category "cbrn" ${ending}`);
  });

  it('gives both causes in one sentence when both hold', () => {
    const harm = makeHarm({
      id: 'weapons-uplift',
      category: 'cbrn',
      factors: { likelihood: 'likely', scale: 'societal', duration: 'irreversible', affected_populations: ['children'], causality: 'direct', technology_contribution: 'essential', mitigation_feasibility: 'low' },
    });
    expect(only(evaluate(makeAssessment({ harms: [harm] })).calls, 'escalation-required').map((c) => c.message)).toEqual([
      'Harm "weapons-uplift" needs an escalation record (ticket, decided_by, date) because its category "cbrn" must be escalated (Route to the catastrophic-risk process) and its inherent severity is critical (10.0) and its mitigation feasibility is low.',
    ]);
  });

  it('still requires escalation for a critical severity hard to mitigate when the category is unknown', () => {
    const harm = makeHarm({
      id: 'odd',
      category: 'no_such_category',
      factors: { likelihood: 'likely', scale: 'societal', duration: 'irreversible', affected_populations: ['children'], causality: 'direct', technology_contribution: 'essential', mitigation_feasibility: 'infeasible' },
    });
    const { calls, sink } = evaluate(makeAssessment({ harms: [harm] }));
    expect(only(calls, 'escalation-required').map((c) => c.message)).toEqual([
      'Harm "odd" needs an escalation record (ticket, decided_by, date) because its inherent severity is critical (10.0) and its mitigation feasibility is infeasible.',
    ]);
    expect(sink.findings.find((f) => f.rule === 'escalation-required')!.tags).toBeUndefined();
  });

  it('is satisfied by an escalation record', () => {
    const harm = makeHarm({ category: 'cbrn', escalation: { ticket: 'RISK-1', decided_by: 'board', date: '2025-03-10' } });
    expect(rulesOf(evaluate(makeAssessment({ harms: [harm] })).calls)).not.toContain('escalation-required');
  });

  it.each([
    ['low', true],
    ['infeasible', true],
    ['moderate', false],
    ['high', false],
  ] as const)('critical inherent severity with mitigation feasibility %s → %s', (feasibility, fires) => {
    const harm = makeHarm({
      category: 'misinformation',
      factors: { likelihood: 'likely', scale: 'societal', duration: 'irreversible', affected_populations: ['children'], causality: 'direct', technology_contribution: 'essential', mitigation_feasibility: feasibility },
    });
    const found = only(evaluate(makeAssessment({ harms: [harm] })).calls, 'escalation-required');
    expect(found.length).toBe(fires ? 1 : 0);
    if (fires) expect(found[0]!.message).toContain(`its inherent severity is critical (10.0) and its mitigation feasibility is ${feasibility}`);
  });

  it('a high (not critical) severity hard to mitigate needs no escalation', () => {
    const harm = makeHarm({ category: 'misinformation', factors: { mitigation_feasibility: 'infeasible' } });
    expect(rulesOf(evaluate(makeAssessment({ harms: [harm] })).calls)).not.toContain('escalation-required');
  });
});

describe('evaluateAssessment: proportionality', () => {
  const blocking = (status: SafeguardDeclaration['status'] = 'implemented'): SafeguardDeclaration => ({ id: 'enforcement.account-blocking', status, note: 'x' });

  it('warns about a high-burden safeguard declared for a low-risk harm, at the declaration id', () => {
    const { calls } = evaluate(makeAssessment({ feature: { capabilities: [] }, harms: [lowHarm('odd-refusal', [blocking('planned')])] }));
    expect(only(calls, 'disproportionate-safeguard')).toEqual([
      {
        rule: 'disproportionate-safeguard',
        path: ['harms', 0, 'safeguards', 0, 'id'],
        level: 'warning',
        harm: 'odd-refusal',
        message: 'Safeguard "enforcement.account-blocking" has a high burden on legitimate users, but harm "odd-refusal" has only inherent risk low (0.8).',
      },
    ]);
  });

  it('accepts it for a harm that warrants it, or when marked not applicable', () => {
    expect(rulesOf(evaluate(makeAssessment({ feature: { capabilities: [] }, harms: [gateHarm([blocking()])] })).calls)).not.toContain('disproportionate-safeguard');
    expect(rulesOf(evaluate(makeAssessment({ feature: { capabilities: [] }, harms: [lowHarm('a', [blocking('not_applicable')])] })).calls)).not.toContain(
      'disproportionate-safeguard',
    );
  });

  it('judges a feature-level declaration against every harm it serves', () => {
    const feature = { capabilities: [], safeguards: [blocking()] };
    const allLow = evaluate(makeAssessment({ feature, harms: [lowHarm('a'), lowHarm('b')] })).calls;
    expect(only(allLow, 'disproportionate-safeguard')).toEqual([
      {
        rule: 'disproportionate-safeguard',
        path: ['feature', 'safeguards', 0, 'id'],
        level: 'warning',
        message:
          'Safeguard "enforcement.account-blocking" has a high burden on legitimate users, but every harm it is declared for has low or no inherent risk: "a" inherent risk low (0.8), "b" inherent risk low (0.8).',
      },
    ]);
    const oneHigh = evaluate(makeAssessment({ feature, harms: [lowHarm('a'), gateHarm()] })).calls;
    expect(rulesOf(oneHigh)).not.toContain('disproportionate-safeguard');
    // The high harm declares it itself, so the feature-level one serves only the low harm.
    const overridden = evaluate(makeAssessment({ feature, harms: [lowHarm('a'), gateHarm([blocking()])] })).calls;
    expect(only(overridden, 'disproportionate-safeguard').map((c) => [c.path, c.harm])).toEqual([[['feature', 'safeguards', 0, 'id'], 'a']]);
  });
});

describe('evaluateAssessment: retired features', () => {
  it('scores and recommends, but reports no gap, escalation, gate or unused waiver', () => {
    const harms = [
      makeHarm({ category: 'cbrn' }),
      gateHarm(),
      lowHarm('odd-refusal', [{ id: 'enforcement.account-blocking', status: 'implemented' }]),
      makeHarm({ id: 'planned-one', safeguards: [{ id: 'product.human-confirmation', status: 'planned' }] }),
    ];
    const waivers = [makeWaiver({ safeguard: 'enforcement.stricter-thresholds' })];
    const active = evaluate(makeAssessment({ feature: { stage: 'ga' }, harms, waivers }));
    const retired = evaluate(makeAssessment({ feature: { stage: 'retired' }, harms, waivers }));
    const gatedRules: RuleId[] = ['missing-required-safeguard', 'required-not-implemented', 'escalation-required', 'residual-risk', 'unused-waiver'];
    for (const rule of gatedRules) expect(rulesOf(active.calls)).toContain(rule);
    expect(rulesOf(retired.calls).filter((r) => gatedRules.includes(r))).toEqual([]);
    expect(rulesOf(retired.calls)).toContain('recommended-safeguard');
    expect(rulesOf(retired.calls)).toContain('disproportionate-safeguard');
    expect(retired.harms).toEqual(active.harms);
    expect(retired.profile).toEqual(active.profile);
    expect(retired.harms[0]!.recommendations[0]).toMatchObject({ safeguard: 'product.human-confirmation', required: true, status: 'missing' });
  });
});

describe('evaluateAssessment: report data', () => {
  it('returns each harm with its three scores and plain recommendations', () => {
    const harm = makeHarm({ safeguards: [{ id: 'product.human-confirmation', status: 'implemented' }, { id: 'enforcement.stricter-thresholds', status: 'planned' }] });
    const { harms, profile } = evaluate(makeAssessment({ harms: [harm] }));
    expect(harms).toHaveLength(1);
    const h = harms[0]!;
    expect(Object.keys(h)).toEqual(['id', 'title', 'category', 'dimensions', 'inherent', 'projected', 'residual', 'raisedBy', 'acceptance', 'mappings', 'recommendations']);
    expect(h.inherent).toEqual({ severity: 7.3, severityLevel: 'high', risk: 5.5, riskLevel: 'medium', vector: 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M' });
    // Both lower likelihood by one: projected possible → rare, residual possible → unlikely.
    expect(h.projected.vector).toBe('HARM:1/L:R/S:W/D:L/V:E/C:C/T:S/M:M');
    expect(h.residual.vector).toBe('HARM:1/L:U/S:W/D:L/V:E/C:C/T:S/M:M');
    expect(h.residual).toEqual({ severity: 7.3, severityLevel: 'high', risk: 4.7, riskLevel: 'medium', vector: 'HARM:1/L:U/S:W/D:L/V:E/C:C/T:S/M:M' });
    for (const r of h.recommendations) expect(Object.keys(r)).toEqual(['safeguard', 'title', 'required', 'recommended', 'status', 'waived', 'reasons', 'mappings']);
    expect(profile.dimensions.map((d) => d.id)).toEqual(['physical', 'psychological', 'economic', 'societal', 'individual_autonomy']);
    expect(profile.dimensions[2]).toMatchObject({ id: 'economic', harms: 1, residual: h.residual });
    expect(profile.overall.harms).toBe(1);
  });

  it('ignores ids the catalog does not know instead of failing', () => {
    const harm = makeHarm({
      category: 'no_such_category',
      dimensions: ['no_such_dimension', 'economic'],
      factors: { affected_populations: ['no_such_population'] },
      safeguards: [{ id: 'product.no-such-safeguard', status: 'implemented' }],
    });
    const assessment = makeAssessment({
      feature: { safeguards: [{ id: 'detection.no-such-thing', status: 'planned' }] },
      harms: [harm],
      waivers: [makeWaiver({ harm: 'nope' }), makeWaiver({ safeguard: 'x.nope' })],
    });
    const { harms, profile } = evaluate(assessment);
    expect(harms[0]!.inherent.vector).toBe('HARM:1/L:P/S:W/D:L/V:N/C:C/T:S/M:M');
    expect(harms[0]!.recommendations.map((r) => r.safeguard)).not.toContain('product.no-such-safeguard');
    expect(profile.dimensions.map((d) => d.id)).not.toContain('no_such_dimension');
  });
});

const factorsArb: fc.Arbitrary<Factors> = fc.record({
  likelihood: fc.constantFrom(...FACTOR_LEVELS.likelihood.map(([id]) => id)),
  scale: fc.constantFrom(...FACTOR_LEVELS.scale.map(([id]) => id)),
  duration: fc.constantFrom(...FACTOR_LEVELS.duration.map(([id]) => id)),
  affected_populations: fc.subarray(FRAMEWORK.populations.map((p) => p.id), { minLength: 1 }),
  causality: fc.constantFrom(...FACTOR_LEVELS.causality.map(([id]) => id)),
  technology_contribution: fc.constantFrom(...FACTOR_LEVELS.technology_contribution.map(([id]) => id)),
  mitigation_feasibility: fc.constantFrom(...FACTOR_LEVELS.mitigation_feasibility.map(([id]) => id)),
});

const declarationsArb: fc.Arbitrary<SafeguardDeclaration[]> = fc
  .subarray(SAFEGUARDS.map((s) => s.id))
  .chain((ids) => fc.tuple(...ids.map((id) => fc.constantFrom(...DECLARATION_STATUSES).map((status): SafeguardDeclaration => ({ id, status, note: 'n' })))));

const harmArb = (id: string): fc.Arbitrary<Harm> =>
  fc
    .record({
      factors: factorsArb,
      safeguards: declarationsArb,
      category: fc.constantFrom(...CATALOG.categories.map((c) => c.id)),
      dimensions: fc.subarray(FRAMEWORK.dimensions.map((d) => d.id), { minLength: 1 }),
    })
    .map((h) => ({ id, title: id, ...h }));

const permutation = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('evaluateAssessment properties', () => {
  it('implementing a safeguard never raises residual severity or risk', () => {
    fc.assert(
      fc.property(harmArb('h'), fc.nat(), (harm, pick) => {
        const pending = (harm.safeguards ?? []).filter((s) => s.status !== 'implemented');
        fc.pre(pending.length > 0);
        const target = pending[pick % pending.length]!;
        const after: Harm = { ...harm, safeguards: harm.safeguards!.map((s) => (s === target ? { ...s, status: 'implemented' } : s)) };
        const a = evaluate(makeAssessment({ harms: [harm] })).harms[0]!;
        const b = evaluate(makeAssessment({ harms: [after] })).harms[0]!;
        expect(b.residual.risk).toBeLessThanOrEqual(a.residual.risk);
        expect(b.residual.severity).toBeLessThanOrEqual(a.residual.severity);
      }),
      { numRuns: 300 },
    );
  });

  it('projected and residual never exceed inherent, and residual never exceeds projected', () => {
    fc.assert(
      fc.property(harmArb('h'), (harm) => {
        const h = evaluate(makeAssessment({ harms: [harm] })).harms[0]!;
        expect(h.projected.risk).toBeLessThanOrEqual(h.inherent.risk);
        expect(h.residual.risk).toBeLessThanOrEqual(h.inherent.risk);
        expect(h.residual.risk).toBeGreaterThanOrEqual(h.projected.risk);
        for (const s of [h.inherent, h.projected, h.residual]) {
          expect(s.severity).toBeGreaterThanOrEqual(0);
          expect(s.severity).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of categories, safeguards, populations or bands in the catalog', () => {
    fc.assert(
      fc.property(
        fc.tuple(harmArb('first'), harmArb('second')),
        fc.constantFrom<Stage>('concept', 'beta', 'retired'),
        permutation(CATALOG.categories),
        permutation(CATALOG.safeguards),
        permutation(FRAMEWORK.populations),
        permutation(FRAMEWORK.bands),
        (harms, stage, categories, safeguards, populations, bands) => {
          const shuffled: Catalog = { ...CATALOG, categories, safeguards, framework: { ...FRAMEWORK, populations, bands } };
          const waivers = [makeWaiver({ harm: 'first' }), makeWaiver({ harm: 'second', safeguard: 'enforcement.stricter-thresholds' })];
          const assessment = makeAssessment({ feature: { stage }, harms, waivers });
          const a = evaluate(assessment);
          const b = evaluate(assessment, { catalog: shuffled });
          expect(b.harms).toEqual(a.harms);
          expect(b.profile).toEqual(a.profile);
          expect(b.calls).toEqual(a.calls);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('evaluateAssessment: framework clauses on findings', () => {
  /** Every safeguard and category mapped to a clause named after itself, in two frameworks. */
  const mapped: Catalog = {
    ...CATALOG,
    safeguards: CATALOG.safeguards.map((s) => ({ ...s, mappings: { 'nist-ai-rmf': [`S ${s.id}`], 'eu-ai-act': ['Art. 9'] } })),
    categories: CATALOG.categories.map((c) => ({ ...c, mappings: { 'iso-42001': [`C ${c.id}`] } })),
  };
  const safeguardIn = (message: string) => /[Ss]afeguard "([^"]+)"/.exec(message)![1];

  it("tags a gap or a recommendation with its safeguard's clauses, framework by framework in mapping order", () => {
    const { sink } = evaluate(makeAssessment(), { catalog: mapped });
    const safeguardFindings = sink.findings.filter((f) => f.rule === 'missing-required-safeguard' || f.rule === 'recommended-safeguard');
    expect(safeguardFindings.length).toBeGreaterThanOrEqual(2);
    for (const f of safeguardFindings) expect(f.tags).toEqual([`nist-ai-rmf:S ${safeguardIn(f.message)}`, 'eu-ai-act:Art. 9']);
  });

  it("tags a failed gate and an escalation with the clauses of the harm's category", () => {
    const harm = gateHarm();
    const { sink } = evaluate(makeAssessment({ harms: [harm] }), { catalog: mapped });
    const gate = sink.findings.filter((f) => f.rule === 'residual-risk');
    expect(gate).toHaveLength(1);
    expect(gate[0]!.tags).toEqual([`iso-42001:C ${harm.category}`]);
  });

  it("tags an escalation with the clauses of the harm's category", () => {
    const harm = makeHarm({ id: 'weapons-uplift', category: 'cbrn', dimensions: ['physical'] });
    const { sink } = evaluate(makeAssessment({ harms: [harm] }), { catalog: mapped });
    expect(sink.findings.filter((f) => f.rule === 'escalation-required').map((f) => f.tags)).toEqual([['iso-42001:C cbrn']]);
  });

  it("gives each recommendation its safeguard's clauses, as a copy of the catalog's lists", () => {
    const { harms } = evaluate(makeAssessment(), { catalog: mapped });
    const recommendations = harms[0]!.recommendations;
    expect(recommendations.length).toBeGreaterThanOrEqual(2);
    for (const r of recommendations) {
      expect(r.mappings).toEqual({ 'nist-ai-rmf': [`S ${r.safeguard}`], 'eu-ai-act': ['Art. 9'] });
      expect(r.mappings['eu-ai-act']).not.toBe(mapped.safeguards.find((s) => s.id === r.safeguard)!.mappings!['eu-ai-act']);
    }
  });

  it('tags nothing when the catalog maps nothing', () => {
    const { sink } = evaluate(makeAssessment({ harms: [gateHarm()] }));
    expect(sink.findings.filter((f) => f.tags !== undefined)).toEqual([]);
  });
});
