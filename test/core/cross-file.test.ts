import { describe, expect, it } from 'vitest';
import { addDuplicateFeatureFindings, type FeatureAt } from '../../src/core/cross-file.js';
import type { Finding } from '../../src/schema/output.js';

const at = (line: number, column: number) => ({ line, column });

function result(file: string, feature: string | null, featureIdAt = at(4, 7), extra: Partial<FeatureAt> = {}): FeatureAt {
  return { file, feature, featureIdAt, findings: [], ...extra };
}

const review: Finding = { rule: 'review-overdue', level: 'warning', message: 'Due.', file: 'b.harm.yaml', line: 9, column: 3 };

describe('addDuplicateFeatureFindings', () => {
  it('gives the later file, by path, a duplicate-id at its feature id naming the first place', () => {
    const results = [result('b.harm.yaml', 'chat', at(5, 7), { findings: [review] }), result('a.harm.yaml', 'chat', at(4, 7))];
    addDuplicateFeatureFindings(results);
    expect(results[1]!.findings).toEqual([]);
    // Sorted by position: the duplicate at 5:7 comes before the review at 9:3.
    expect(results[0]!.findings).toEqual([
      { rule: 'duplicate-id', level: 'error', message: 'Feature id "chat" is already used by a.harm.yaml:4:7.', file: 'b.harm.yaml', line: 5, column: 7 },
      review,
    ]);
  });

  it('orders files by repository path when it is known, not by the path shown', () => {
    const results = [result('../z/first.harm.yaml', 'chat', at(2, 5), { uri: 'a/first.harm.yaml' }), result('b.harm.yaml', 'chat', at(3, 5), { uri: 'b/second.harm.yaml' })];
    addDuplicateFeatureFindings(results);
    expect(results[0]!.findings).toEqual([]);
    expect(results[1]!.findings.map((f) => f.message)).toEqual(['Feature id "chat" is already used by ../z/first.harm.yaml:2:5.']);
  });

  it('reports every later file, each naming the first', () => {
    const results = [result('c.harm.yaml', 'chat'), result('a.harm.yaml', 'chat'), result('b.harm.yaml', 'chat')];
    addDuplicateFeatureFindings(results);
    expect(results.map((r) => r.findings.map((f) => f.message))).toEqual([
      ['Feature id "chat" is already used by a.harm.yaml:4:7.'],
      [],
      ['Feature id "chat" is already used by a.harm.yaml:4:7.'],
    ]);
  });

  it('leaves different features, broken files and files without a feature id position alone', () => {
    const broken = result('b.harm.yaml', null);
    const unplaced = result('c.harm.yaml', 'chat');
    delete unplaced.featureIdAt;
    const results = [result('a.harm.yaml', 'chat'), broken, unplaced, result('d.harm.yaml', 'search')];
    addDuplicateFeatureFindings(results);
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });

  it.each([
    ['warning', 'warning'],
    ['info', 'info'],
  ] as const)('takes the level %s from the config', (setting, level) => {
    const results = [result('a.harm.yaml', 'chat'), result('b.harm.yaml', 'chat')];
    addDuplicateFeatureFindings(results, { 'duplicate-id': setting });
    expect(results[1]!.findings.map((f) => f.level)).toEqual([level]);
  });

  it('adds nothing when the config turns duplicate-id off', () => {
    const results = [result('a.harm.yaml', 'chat'), result('b.harm.yaml', 'chat')];
    addDuplicateFeatureFindings(results, { 'duplicate-id': 'off' });
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });
});
