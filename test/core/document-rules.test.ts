import { describe, expect, it } from 'vitest';
import { checkDocumentRules } from '../../src/core/document-rules.js';
import { FindingSink, type Anchor } from '../../src/core/findings.js';
import { nowhere, type Path } from '../../src/core/locator.js';
import type { Assessment } from '../../src/schema/assessment.js';
import type { FindingLevel } from '../../src/schema/common.js';
import type { RuleId } from '../../src/schema/rules.js';
import { CATALOG, makeAssessment, makeHarm, makeWaiver } from '../fixtures/framework.js';

const TODAY = '2025-05-01';

class RecordingSink extends FindingSink {
  readonly calls: { rule: RuleId; path: Path; message: string; harm?: string; level: FindingLevel }[] = [];
  constructor() {
    super('a.harm.yaml', nowhere);
  }
  override at(rule: RuleId, path: Path, message: string, opts: { anchor?: Anchor; harm?: string; level?: FindingLevel } = {}): void {
    super.at(rule, path, message, opts);
    const { level, harm } = this.findings.at(-1)!;
    this.calls.push({ rule, path: [...path], message, level, ...(harm === undefined ? {} : { harm }) });
  }
}

function check(assessment: Assessment) {
  const sink = new RecordingSink();
  checkDocumentRules(assessment, CATALOG, TODAY, sink);
  return sink.calls;
}

describe('checkDocumentRules', () => {
  it('reports each document rule at its value, with the harm it concerns', () => {
    const a = makeAssessment({
      feature: {
        safeguards: [
          { id: 'product.human-confirmation', status: 'planned', due: '2025-04-30' },
          { id: 'product.human-confirmaton', status: 'implemented' },
          { id: 'product.human-confirmation', status: 'implemented' },
          { id: 'evaluation.red-teaming', status: 'not_applicable' },
          { id: 'enforcement.account-blocking', status: 'not_applicable', note: '  ' },
          { id: 'enforcement.stricter-thresholds', status: 'in_progress', due: TODAY },
          { id: 'usage_policy.aup-coverage', status: 'implemented', due: '2025-01-01' },
          { id: 'product.age-assurance', status: 'not_applicable', note: 'Adults only.', due: '2025-01-01' },
        ],
      },
      harms: [
        makeHarm({ id: 'fraud', category: 'fraud_scam', dimensions: ['economic', 'econmic'], factors: { affected_populations: ['children', 'childern'] }, safeguards: [{ id: 'product.zzz', status: 'in_progress', due: '2025-04-01' }] }),
        makeHarm({ id: 'fraud', category: 'privacy' }),
      ],
      waivers: [makeWaiver({ harm: 'frau' }), makeWaiver({ harm: 'fraud', safeguard: 'product.nope', expires: '2025-04-30' }), makeWaiver({ harm: 'zzzzzz', expires: '2025-01-01' }), makeWaiver({ harm: 'fraud', expires: TODAY })],
    });
    a.assessment.review_by = '2025-04-30';
    a.acceptances = [
      { harm: 'frud', up_to: 'high', reason: 'r', approved_by: 'board', expires: '2025-04-01' },
      { harm: 'fraud', up_to: 'medium', reason: 'r', approved_by: 'board', expires: '2025-04-30' },
      { harm: 'fraud', up_to: 'medium', reason: 'r', approved_by: 'board', expires: TODAY },
    ];
    expect(check(a)).toEqual([
      { rule: 'safeguard-overdue', path: ['feature', 'safeguards', 0, 'due'], message: 'Safeguard "product.human-confirmation" was due on 2025-04-30 and is planned, not implemented.', level: 'warning' },
      { rule: 'unknown-reference', path: ['feature', 'safeguards', 1, 'id'], message: 'Unknown safeguard "product.human-confirmaton". Did you mean "product.human-confirmation"?', level: 'error' },
      { rule: 'duplicate-id', path: ['feature', 'safeguards', 2, 'id'], message: 'Safeguard "product.human-confirmation" is declared twice here (first as entry 1); declare it once.', level: 'error' },
      { rule: 'not-applicable-without-note', path: ['feature', 'safeguards', 3, 'status'], message: 'Safeguard "evaluation.red-teaming" is marked not_applicable without a note saying why.', level: 'error' },
      { rule: 'not-applicable-without-note', path: ['feature', 'safeguards', 4, 'status'], message: 'Safeguard "enforcement.account-blocking" is marked not_applicable without a note saying why.', level: 'error' },
      { rule: 'safeguard-overdue', path: ['feature', 'safeguards', 7, 'due'], message: 'Safeguard "product.age-assurance" was due on 2025-01-01 and is not applicable, not implemented.', level: 'warning' },
      { rule: 'review-overdue', path: ['assessment', 'review_by'], message: 'The assessment was due for review on 2025-04-30.', level: 'warning' },
      { rule: 'unknown-reference', path: ['harms', 0, 'category'], message: 'Unknown category "fraud_scam". Did you mean "fraud_scams"?', level: 'error', harm: 'fraud' },
      { rule: 'unknown-reference', path: ['harms', 0, 'dimensions', 1], message: 'Unknown dimension "econmic". Did you mean "economic"?', level: 'error', harm: 'fraud' },
      { rule: 'unknown-reference', path: ['harms', 0, 'factors', 'affected_populations', 1], message: 'Unknown population "childern". Did you mean "children"?', level: 'error', harm: 'fraud' },
      { rule: 'unknown-reference', path: ['harms', 0, 'safeguards', 0, 'id'], message: 'Unknown safeguard "product.zzz".', level: 'error', harm: 'fraud' },
      { rule: 'safeguard-overdue', path: ['harms', 0, 'safeguards', 0, 'due'], message: 'Safeguard "product.zzz" was due on 2025-04-01 and is in progress, not implemented.', level: 'warning', harm: 'fraud' },
      { rule: 'duplicate-id', path: ['harms', 1, 'id'], message: 'Harm id "fraud" is already used by harm 1 in this file.', level: 'error', harm: 'fraud' },
      { rule: 'unknown-reference', path: ['waivers', 0, 'harm'], message: 'Unknown harm "frau". Did you mean "fraud"?', level: 'error' },
      { rule: 'unknown-reference', path: ['waivers', 1, 'safeguard'], message: 'Unknown safeguard "product.nope".', level: 'error', harm: 'fraud' },
      { rule: 'waiver-expired', path: ['waivers', 1, 'expires'], message: 'The waiver for safeguard "product.nope" on harm "fraud" expired on 2025-04-30.', level: 'error', harm: 'fraud' },
      { rule: 'unknown-reference', path: ['waivers', 2, 'harm'], message: 'Unknown harm "zzzzzz".', level: 'error' },
      { rule: 'waiver-expired', path: ['waivers', 2, 'expires'], message: 'The waiver for safeguard "product.human-confirmation" on harm "zzzzzz" expired on 2025-01-01.', level: 'error' },
      { rule: 'unknown-reference', path: ['acceptances', 0, 'harm'], message: 'Unknown harm "frud". Did you mean "fraud"?', level: 'error' },
      { rule: 'acceptance-expired', path: ['acceptances', 0, 'expires'], message: 'The acceptance of risk up to high for harm "frud", approved by board, expired on 2025-04-01: the gate applies again.', level: 'error' },
      { rule: 'acceptance-expired', path: ['acceptances', 1, 'expires'], message: 'The acceptance of risk up to medium for harm "fraud", approved by board, expired on 2025-04-30: the gate applies again.', level: 'error', harm: 'fraud' },
    ]);
  });

  it('finds nothing in an assessment without mistakes, with dates that are today', () => {
    const a = makeAssessment({
      feature: { safeguards: [{ id: 'product.human-confirmation', status: 'planned', due: TODAY }] },
      harms: [makeHarm({ safeguards: [{ id: 'evaluation.red-teaming', status: 'not_applicable', note: 'No model.' }] })],
      waivers: [makeWaiver({ expires: TODAY })],
    });
    a.assessment.review_by = TODAY;
    a.acceptances = [{ harm: 'unauthorized-financial-automation', up_to: 'high', reason: 'r', approved_by: 'board', expires: TODAY }];
    expect(check(a)).toEqual([]);
  });
});
