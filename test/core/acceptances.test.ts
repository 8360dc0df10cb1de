import { describe, expect, it } from 'vitest';
import type { AssessOptions } from '../../src/core/assess.js';
import { assessFile } from '../../src/io/load-assessment.js';
import { makeTempDir, writeIn } from '../helpers/files.js';
import { CATALOG } from '../fixtures/framework.js';

const TODAY = '2026-06-01';

/** Factors that score 7.8 high / 7.8 high with the SPEC values; SEVERE 10.0 critical / 10.0; LOW 1.5 / 0.8 (SPEC §2.1). */
const HIGH = `
      likelihood: almost_certain
      scale: widespread
      duration: long_term
      affected_populations: [children]
      causality: contributing
      technology_contribution: significant
      mitigation_feasibility: moderate`;
const SEVERE = `
      likelihood: almost_certain
      scale: societal
      duration: irreversible
      affected_populations: [children]
      causality: direct
      technology_contribution: essential
      mitigation_feasibility: moderate`;
const LOW = `
      likelihood: rare
      scale: individual
      duration: transient
      affected_populations: [general_public]
      causality: indirect
      technology_contribution: negligible
      mitigation_feasibility: high`;

function assessment(opts: { stage?: string; factors?: string; acceptances: string; harmId?: string }): string {
  return `apiVersion: harm/v1
kind: Assessment
feature:
  id: agent
  name: Agent
  owner: team
  stage: ${opts.stage ?? 'beta'}
assessment:
  date: 2026-01-01
  assessors: [someone]
harms:
  - id: ${opts.harmId ?? 'account-takeover'}
    title: Account takeover
    category: misinformation
    dimensions: [societal]
    factors:${opts.factors ?? HIGH}
acceptances:
${opts.acceptances}`;
}

const acceptance = (fields: { harm?: string; up_to?: string; expires?: string; reason?: string | null; approved_by?: string | null }) =>
  [
    `  - harm: ${fields.harm ?? 'account-takeover'}`,
    `    up_to: ${fields.up_to ?? 'high'}`,
    fields.reason === null ? undefined : `    reason: ${fields.reason ?? 'Enterprise accounts only, with contractual controls.'}`,
    fields.approved_by === null ? undefined : `    approved_by: ${fields.approved_by ?? 'risk-committee'}`,
    `    expires: ${fields.expires ?? '2026-12-31'}`,
  ]
    .filter((line) => line !== undefined)
    .join('\n');

function run(text: string, options: Partial<AssessOptions> = {}) {
  const dir = makeTempDir('harm-acceptance-');
  const path = writeIn(dir, 'a.harm.yaml', text);
  const { report } = assessFile(path, 'a.harm.yaml', CATALOG, { today: TODAY, version: 'test', ...options });
  const lines = text.split('\n');
  /** The 1-based line of the first line containing `needle` after `after`. */
  const lineOf = (needle: string, after = '') => {
    const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
    return lines.findIndex((l, i) => i >= start && l.includes(needle)) + 1;
  };
  const rules = (rule: string) => report.findings.filter((f) => f.rule === rule);
  return { report, rules, lineOf };
}

describe('acceptances of residual risk', () => {
  it('stop residual-risk while the gated risk level is at or below up_to, and show in the report', () => {
    const { report, rules } = run(assessment({ acceptances: acceptance({}) }));
    expect(report.harms[0]!.residual).toMatchObject({ severity: 7.8, severityLevel: 'high', risk: 7.8, riskLevel: 'high' });
    expect(rules('residual-risk')).toEqual([]);
    expect(rules('unused-acceptance')).toEqual([]);
    expect(report.harms[0]!.acceptance).toEqual({
      upTo: 'high',
      approvedBy: 'risk-committee',
      expires: '2026-12-31',
      active: true,
      reason: 'Enterprise accounts only, with contractual controls.',
    });
  });

  it('do not cover a risk above up_to: the gate fails and the acceptance is unused, at its harm', () => {
    const { rules, lineOf, report } = run(assessment({ acceptances: acceptance({ up_to: 'medium' }) }));
    expect(rules('residual-risk')).toHaveLength(1);
    expect(rules('unused-acceptance').map((f) => [f.level, f.line, f.column, f.message])).toEqual([
      [
        'warning',
        lineOf('- harm: account-takeover', 'acceptances:'),
        11,
        'The acceptance of risk up to medium for harm "account-takeover" stops nothing: its residual risk high (7.8) is above the accepted level medium.',
      ],
    ]);
    expect(report.harms[0]!.acceptance).toMatchObject({ upTo: 'medium', active: true });
  });

  it('never accept severity away: a critical severity still fails the gate, and says why', () => {
    const { rules } = run(assessment({ factors: SEVERE, acceptances: acceptance({ up_to: 'critical' }) }));
    expect(rules('residual-risk').map((f) => f.message)).toEqual([
      'Harm "account-takeover" fails the gate: its residual severity critical (10.0) is at or above the severity gate critical (an acceptance covers its risk, never its severity).',
    ]);
    expect(rules('unused-acceptance')).toEqual([]);
  });

  it('stop nothing once expired: acceptance-expired at expires, and the gate fails again', () => {
    const { rules, lineOf, report } = run(assessment({ acceptances: acceptance({ expires: '2026-05-31' }) }));
    expect(rules('acceptance-expired').map((f) => [f.level, f.line, f.column, f.harm])).toEqual([['error', lineOf('expires: 2026-05-31'), 14, 'account-takeover']]);
    expect(rules('acceptance-expired')[0]!.message).toContain('expired on 2026-05-31');
    expect(rules('residual-risk')).toHaveLength(1);
    expect(rules('unused-acceptance')).toEqual([]);
    expect(report.harms[0]!.acceptance).toMatchObject({ active: false });
  });

  it('never accept a gap away: a required safeguard that is missing is still an error', () => {
    // The test catalog requires age assurance for harms to children at beta.
    const { rules } = run(assessment({ acceptances: acceptance({}) }));
    expect(rules('residual-risk')).toEqual([]);
    expect(rules('missing-required-safeguard').map((f) => f.message)).toEqual([expect.stringContaining('"product.age-assurance"')]);
  });

  it('count until the end of their expires day', () => {
    expect(run(assessment({ acceptances: acceptance({ expires: TODAY }) })).rules('residual-risk')).toEqual([]);
  });

  it('are unused when the harm does not reach the gate', () => {
    const { rules } = run(assessment({ factors: LOW, acceptances: acceptance({}) }));
    expect(rules('unused-acceptance').map((f) => f.message)).toEqual([
      'The acceptance of risk up to high for harm "account-takeover" stops nothing: its residual risk low (0.8) does not reach the risk gate high.',
    ]);
  });

  it('follow the gate of the command line: with --fail-on critical there is nothing to accept', () => {
    const { rules } = run(assessment({ acceptances: acceptance({}) }), { failOn: 'critical' });
    expect(rules('unused-acceptance')[0]!.message).toContain('does not reach the risk gate critical');
  });

  it('judge the projected state before beta', () => {
    const { rules } = run(assessment({ stage: 'development', acceptances: acceptance({}) }));
    expect(rules('residual-risk')).toEqual([]);
    expect(run(assessment({ stage: 'development', acceptances: acceptance({ up_to: 'low' }) })).rules('unused-acceptance')[0]!.message).toContain(
      'its projected risk high (7.8) is above the accepted level low',
    );
  });

  it('count once: a second acceptance of the same harm is unused', () => {
    const { rules, report } = run(assessment({ acceptances: `${acceptance({})}\n${acceptance({ up_to: 'critical', approved_by: 'cso' })}` }));
    expect(rules('residual-risk')).toEqual([]);
    expect(rules('unused-acceptance').map((f) => f.message)).toEqual([
      'The acceptance of risk up to critical for harm "account-takeover" stops nothing: another acceptance of the same harm already covers it.',
    ]);
    expect(report.harms[0]!.acceptance).toMatchObject({ upTo: 'high', approvedBy: 'risk-committee' });
  });

  it('count once even at exactly the accepted level: the second is covered by the first, not exceeded', () => {
    const { rules, report } = run(assessment({ acceptances: `${acceptance({})}\n${acceptance({ approved_by: 'cso' })}` }));
    expect(rules('residual-risk')).toEqual([]);
    expect(rules('unused-acceptance').map((f) => f.message)).toEqual([
      'The acceptance of risk up to high for harm "account-takeover" stops nothing: another acceptance of the same harm already covers it.',
    ]);
    expect(report.harms[0]!.acceptance).toMatchObject({ upTo: 'high', approvedBy: 'risk-committee' });
  });

  it('name a harm that exists: unknown-reference at the harm id, with a suggestion', () => {
    const { rules, lineOf } = run(assessment({ acceptances: acceptance({ harm: 'account-takeovr' }) }));
    expect(rules('unknown-reference').map((f) => [f.line, f.column, f.message])).toEqual([
      [lineOf('- harm: account-takeovr'), 11, 'Unknown harm "account-takeovr". Did you mean "account-takeover"?'],
    ]);
    expect(rules('unused-acceptance')).toEqual([]);
    expect(rules('residual-risk')).toHaveLength(1);
  });

  it('are never judged for a retired feature', () => {
    const { rules } = run(assessment({ stage: 'retired', factors: LOW, acceptances: acceptance({}) }));
    expect(rules('unused-acceptance')).toEqual([]);
  });

  it.each([
    ['without a reason', acceptance({ reason: null }), 'reason'],
    ['without an approver', acceptance({ approved_by: null }), 'approved_by'],
    ['with up_to that is not a level', acceptance({ up_to: 'severe' }), 'severe'],
    ['with a blank reason', acceptance({ reason: '" "' }), '" "'],
    ['with a date that is not a date', acceptance({ expires: '2026-02-30' }), '2026-02-30'],
  ])('%s are a schema finding at their line', (_name, entry, needle) => {
    const text = assessment({ acceptances: entry });
    const { rules, report } = run(text);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes(needle));
    // A missing key is reported at the first key of the acceptance.
    const expected = at >= 0 ? at + 1 : lines.findIndex((l) => l.includes('- harm: account-takeover')) + 1;
    expect(rules('schema').map((f) => f.line)).toEqual([expected]);
    expect(report.profile).toBeNull();
  });
});
