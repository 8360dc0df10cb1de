import { describe, expect, it } from 'vitest';
import { assessDocument, type CheckedDocument } from '../../src/core/assess.js';
import { catalogDigest } from '../../src/core/digest.js';
import type { Locator } from '../../src/core/locator.js';
import type { Assessment } from '../../src/schema/assessment.js';
import type { Finding } from '../../src/schema/output.js';
import { CATALOG, makeAssessment, makeHarm } from '../fixtures/framework.js';

const TODAY = '2025-05-01';
/** Each path at its own line, so that findings can be told apart by where they point. */
const locator: Locator = {
  value: (path) => ({ line: path.length + (path[0] === 'feature' ? 10 : 20), column: 3 }),
  key: (path) => ({ line: path.length, column: 1 }),
  firstKey: (path) => ({ line: path.length, column: 1 }),
};
const FRAMEWORK_REF = { id: 'harm-default', version: 1, digest: catalogDigest(CATALOG) };

function doc(data: Assessment | undefined, findings: Finding[] = []): CheckedDocument<Assessment> {
  return { file: 'a.harm.yaml', ...(data ? { data } : {}), locator, findings };
}

/** Required human confirmation missing (severity 7.3 on economic); the review is overdue. */
function assessment(): Assessment {
  const a = makeAssessment({ harms: [makeHarm({ id: 'fraud' })] });
  a.assessment.review_by = '2025-01-01';
  return a;
}

describe('assessDocument', () => {
  it('reports a broken document by its findings alone', () => {
    const yaml: Finding = { rule: 'yaml-syntax', level: 'error', message: 'Bad YAML.', file: 'a.harm.yaml', line: 2, column: 1 };
    const { report, assessment: data, featureIdAt } = assessDocument(doc(undefined, [yaml]), CATALOG, { today: TODAY, version: '9.9.9' });
    expect(data).toBeUndefined();
    expect(featureIdAt).toBeUndefined();
    expect(report).toEqual({
      apiVersion: 'harm/v1',
      kind: 'Report',
      tool: { name: 'harm', version: '9.9.9' },
      framework: FRAMEWORK_REF,
      config: null,
      file: 'a.harm.yaml',
      feature: null,
      profile: null,
      harms: [],
      findings: [yaml],
      summary: { errors: 1, warnings: 0, infos: 0 },
    });
  });

  it('runs only the document rules for validate, and says where the feature id is', () => {
    const { report, featureIdAt } = assessDocument(doc(assessment()), CATALOG, { today: TODAY, version: '1.0.0', documentOnly: true });
    expect(featureIdAt).toEqual({ line: 12, column: 3 });
    expect(report).toMatchObject({ feature: { id: 'computer-use', name: 'Computer Use', owner: 'agents-team', stage: 'beta' }, profile: null, harms: [] });
    expect(report.findings.map((f) => f.rule)).toEqual(['review-overdue']);
    expect(report.summary).toEqual({ errors: 0, warnings: 1, infos: 0 });
  });

  it('scores, judges and sorts the findings of a whole assessment, after the ones the reader found', () => {
    const earlier: Finding = { rule: 'schema', level: 'error', message: 'Reported by the reader.', file: 'a.harm.yaml', line: 1, column: 1 };
    const { report, assessment: data, featureIdAt } = assessDocument(doc(assessment(), [earlier]), CATALOG, { today: TODAY, version: '1.0.0' });
    expect(data).toEqual(assessment());
    expect(featureIdAt).toEqual({ line: 12, column: 3 });
    expect(report).toMatchObject({ apiVersion: 'harm/v1', kind: 'Report', tool: { name: 'harm', version: '1.0.0' }, framework: FRAMEWORK_REF, file: 'a.harm.yaml' });
    expect(report.feature).toEqual({ id: 'computer-use', name: 'Computer Use', owner: 'agents-team', stage: 'beta' });
    expect(report.harms.map((h) => [h.id, h.inherent.severity, h.inherent.risk])).toEqual([['fraud', 7.3, 5.5]]);
    expect(report.profile?.overall.harms).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.line])).toEqual([
      ['schema', 1],
      ['review-overdue', 22],
      ['missing-required-safeguard', 23],
      ['recommended-safeguard', 23],
      ['recommended-safeguard', 23],
    ]);
    expect(report.summary).toEqual({ errors: 2, warnings: 1, infos: 2 });
  });

  it.each([
    ['the default gate: risk high, severity critical', {}, []],
    ['a risk gate at medium', { failOn: 'medium' as const }, ['residual-risk']],
    ['a severity gate at high', { failOnSeverity: 'high' as const }, ['residual-risk']],
  ])('passes %s on to the gate', (_name, gate, rules) => {
    const { report } = assessDocument(doc(assessment()), CATALOG, { today: TODAY, version: '1.0.0', ...gate });
    expect(report.findings.filter((f) => f.rule === 'residual-risk').map((f) => f.rule)).toEqual(rules);
  });

  it('applies the config rules to every finding, the reader\'s and the judged ones', () => {
    const rules = { 'review-overdue': 'error', 'recommended-safeguard': 'off' } as const;
    const { report } = assessDocument(doc(assessment()), CATALOG, { today: TODAY, version: '1.0.0', rules });
    expect(report.findings.map((f) => [f.rule, f.level])).toEqual([
      ['review-overdue', 'error'],
      ['missing-required-safeguard', 'error'],
    ]);
    const only = assessDocument(doc(assessment()), CATALOG, { today: TODAY, version: '1.0.0', rules, documentOnly: true }).report;
    expect(only.findings.map((f) => [f.rule, f.level])).toEqual([['review-overdue', 'error']]);
    const broken = assessDocument(doc(undefined, [{ rule: 'review-overdue', level: 'warning', message: 'Due.', file: 'a.harm.yaml', line: 1, column: 1 }]), CATALOG, { today: TODAY, version: '1.0.0', rules }).report;
    expect(broken.findings.map((f) => f.level)).toEqual(['error']);
  });
});

describe('assessDocument: where the feature id is, and the config used', () => {
  /** Only the feature id has a place of its own. */
  const idLocator: Locator = {
    value: (path) => (path.length === 2 && path[0] === 'feature' && path[1] === 'id' ? { line: 7, column: 9 } : { line: 1, column: 1 }),
    key: () => ({ line: 1, column: 1 }),
    firstKey: () => ({ line: 1, column: 1 }),
  };

  it.each([
    ['validate', { documentOnly: true }],
    ['assess', {}],
  ])('%s: the feature id at its value; no config file is null, a config file is named', (_name, mode) => {
    const document = { file: 'a.harm.yaml', data: assessment(), locator: idLocator, findings: [] };
    const plain = assessDocument(document, CATALOG, { today: TODAY, version: '1.0.0', ...mode });
    expect(plain.featureIdAt).toEqual({ line: 7, column: 9 });
    expect(plain.report.config).toBeNull();
    expect(assessDocument(document, CATALOG, { today: TODAY, version: '1.0.0', config: '.harm.yaml', ...mode }).report.config).toBe('.harm.yaml');
  });
});
