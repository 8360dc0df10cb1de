import { describe, expect, it } from 'vitest';
import { compareFindings, FindingSink, formatFindingLine, publicFinding, settleFindings, summarize, type Finding } from '../../src/core/findings.js';
import type { Locator, Path } from '../../src/core/locator.js';

/** A locator that puts each anchor of a path at a different, recognisable place. */
const locator: Locator = {
  value: (path: Path) => ({ line: path.length, column: 1 }),
  key: (path: Path) => ({ line: path.length, column: 2 }),
  firstKey: (path: Path) => ({ line: path.length, column: 3 }),
};

const finding = (rule: Finding['rule'], line: number, column: number, level: Finding['level'] = 'error'): Finding => ({ rule, level, message: `${rule}.`, file: 'a.harm.yaml', line, column });

describe('FindingSink', () => {
  it('places a finding at the value, the key or the first key of its path, at the rule\'s level unless told', () => {
    const sink = new FindingSink('a.harm.yaml', locator);
    sink.at('unknown-reference', ['harms', 0, 'category'], 'Unknown category.', { harm: 'h' });
    sink.at('schema', ['feature', 'ownr'], 'Unknown key.', { anchor: 'key' });
    sink.at('schema', ['feature'], 'Missing key.', { anchor: 'firstKey' });
    sink.at('required-not-implemented', ['harms', 0, 'safeguards', 0, 'status'], 'Not implemented.', { level: 'warning', harm: 'h' });
    sink.atPosition('recommended-safeguard', { line: 9, column: 4 }, 'Recommended.');
    expect(sink.findings).toEqual([
      { rule: 'unknown-reference', level: 'error', message: 'Unknown category.', file: 'a.harm.yaml', line: 3, column: 1, harm: 'h' },
      { rule: 'schema', level: 'error', message: 'Unknown key.', file: 'a.harm.yaml', line: 2, column: 2 },
      { rule: 'schema', level: 'error', message: 'Missing key.', file: 'a.harm.yaml', line: 1, column: 3 },
      { rule: 'required-not-implemented', level: 'warning', message: 'Not implemented.', file: 'a.harm.yaml', line: 5, column: 1, harm: 'h' },
      { rule: 'recommended-safeguard', level: 'info', message: 'Recommended.', file: 'a.harm.yaml', line: 9, column: 4 },
    ]);
  });
});

describe('findings without a harm', () => {
  it('have no harm key at all, in the sink and in the JSON outputs', () => {
    const sink = new FindingSink('a.harm.yaml', locator);
    sink.at('schema', ['feature', 'ownr'], 'Unknown key.');
    sink.atPosition('review-overdue', { line: 2, column: 1 }, 'Overdue.', { tags: [] });
    expect(sink.findings).toStrictEqual([
      { rule: 'schema', level: 'error', message: 'Unknown key.', file: 'a.harm.yaml', line: 2, column: 1 },
      { rule: 'review-overdue', level: 'warning', message: 'Overdue.', file: 'a.harm.yaml', line: 2, column: 1 },
    ]);
    expect(sink.findings.map(publicFinding)).toStrictEqual(sink.findings);
    expect(publicFinding({ ...finding('residual-risk', 3, 4), harm: 'h', tags: ['owasp-llm:LLM06'] })).toStrictEqual({ ...finding('residual-risk', 3, 4), harm: 'h' });
  });
});

describe('compareFindings', () => {
  it('orders by line, then column, then rule', () => {
    const list = [finding('schema', 2, 1), finding('duplicate-id', 1, 5), finding('unknown-reference', 1, 5), finding('schema', 1, 9), finding('review-overdue', 1, 2)];
    expect([...list].sort(compareFindings).map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual([
      '1:2 review-overdue',
      '1:5 duplicate-id',
      '1:5 unknown-reference',
      '1:9 schema',
      '2:1 schema',
    ]);
    expect(compareFindings(finding('schema', 1, 1), finding('schema', 1, 1))).toBe(0);
    expect(compareFindings(finding('duplicate-id', 1, 5), finding('unknown-reference', 1, 5))).toBeLessThan(0);
    expect(compareFindings(finding('unknown-reference', 1, 5), finding('duplicate-id', 1, 5))).toBeGreaterThan(0);
    expect([finding('unknown-reference', 1, 5), finding('duplicate-id', 1, 5)].sort(compareFindings).map((f) => f.rule)).toEqual(['duplicate-id', 'unknown-reference']);
  });
});

describe('settleFindings', () => {
  const findings = [finding('review-overdue', 3, 1, 'warning'), finding('schema', 2, 1), finding('recommended-safeguard', 1, 1, 'info'), finding('residual-risk', 1, 7)];

  it('sorts by position and keeps every finding when no rule is set', () => {
    expect(settleFindings(findings).map((f) => [f.rule, f.level])).toEqual([
      ['recommended-safeguard', 'info'],
      ['residual-risk', 'error'],
      ['schema', 'error'],
      ['review-overdue', 'warning'],
    ]);
  });

  it('sets levels and turns rules off, but never a locked rule', () => {
    const settled = settleFindings(findings, { 'review-overdue': 'error', 'recommended-safeguard': 'off', schema: 'off', 'residual-risk': 'warning' } as never);
    expect(settled.map((f) => [f.rule, f.level])).toEqual([
      ['residual-risk', 'warning'],
      ['schema', 'error'],
      ['review-overdue', 'error'],
    ]);
  });

  it('leaves the findings it is given unchanged', () => {
    const copy = structuredClone(findings);
    settleFindings(findings, { 'review-overdue': 'error' });
    expect(findings).toEqual(copy);
  });
});

describe('summarize and formatFindingLine', () => {
  it('counts each level', () => {
    expect(summarize([finding('schema', 1, 1), finding('schema', 2, 1), finding('review-overdue', 3, 1, 'warning'), finding('recommended-safeguard', 4, 1, 'info')])).toEqual({ errors: 2, warnings: 1, infos: 1 });
    expect(summarize([])).toEqual({ errors: 0, warnings: 0, infos: 0 });
  });

  it('writes one line as file:line:column: level message (rule)', () => {
    expect(formatFindingLine(finding('schema', 12, 7))).toBe('a.harm.yaml:12:7: error schema. (schema)');
  });
});
