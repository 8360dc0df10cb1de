import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuplicateFeatureFindings, compareCheckOrder, FeatureIdRegistry, type FeatureAt } from '../../src/core/cross-file.js';
import { compareFindings } from '../../src/core/findings.js';
import type { Finding } from '../../src/schema/output.js';

type File = FeatureAt & { display: string };

/** SPEC §4 read directly: of the files using a feature id, the first by repository path (code points) owns it; each other names it. */
function duplicatesByWholeRun(files: readonly File[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of files) {
    if (f.feature === null || !f.featureIdAt) continue;
    const owner = files.filter((g) => g.feature === f.feature && g.featureIdAt).reduce((a, b) => (b.uri < a.uri ? b : a));
    if (owner !== f) found.set(f.uri, `Feature id "${f.feature}" is already used by ${owner.file}:${owner.featureIdAt!.line}:${owner.featureIdAt!.column}.`);
  }
  return found;
}

const file: fc.Arbitrary<File> = fc
  .record({ uri: fc.stringMatching(/^[a-c]{1,2}(\/[a-c]{1,2}){0,2}\.harm\.yaml$/), feature: fc.option(fc.constantFrom('one', 'two', 'three'), { nil: null }), line: fc.integer({ min: 1, max: 9 }) })
  .map(({ uri, feature, line }) => ({ uri, display: `../${uri}`, file: `../${uri}`, feature, featureIdAt: { line, column: 7 }, findings: [] }));

describe('FeatureIdRegistry', () => {
  it('finds in one pass, in report order, the duplicates a look at the whole run finds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(file, { selector: (f) => f.uri, maxLength: 12 }), (files) => {
        const expected = duplicatesByWholeRun(files);
        const ordered = [...files].sort(compareCheckOrder);
        const registry = new FeatureIdRegistry({}, (i) => ordered[i]!.file);
        for (const f of ordered) registry.note(f);
        for (const f of files) {
          const message = expected.get(f.uri);
          expect(f.findings.map((x) => x.message)).toEqual(message === undefined ? [] : [message]);
        }
      }),
    );
  });

  it('uses the configured level, or nothing when the rule is off, and keeps findings sorted', () => {
    const make = (uri: string): File => ({
      uri,
      display: uri,
      file: uri,
      feature: 'same',
      featureIdAt: { line: 4, column: 7 },
      findings: [{ rule: 'review-overdue', level: 'warning', message: 'late', file: uri, line: 9, column: 1 }],
    });
    const [a, b] = [make('a.harm.yaml'), make('b.harm.yaml')];
    const warn = new FeatureIdRegistry({ 'duplicate-id': 'warning' }, (i) => ['a.harm.yaml', 'b.harm.yaml'][i]!);
    warn.note(a);
    warn.note(b);
    expect(b.findings.map((f) => [f.rule, f.level])).toEqual([
      ['duplicate-id', 'warning'],
      ['review-overdue', 'warning'],
    ]);
    expect([...b.findings].sort(compareFindings)).toEqual(b.findings);
    const [c, d] = [make('c.harm.yaml'), make('d.harm.yaml')];
    const off = new FeatureIdRegistry({ 'duplicate-id': 'off' }, (i) => ['c.harm.yaml', 'd.harm.yaml'][i]!);
    off.note(c);
    off.note(d);
    expect(d.findings.map((f) => f.rule)).toEqual(['review-overdue']);
  });
});

const at = (line: number, column: number) => ({ line, column });

function result(file: string, feature: string | null, featureIdAt = at(4, 7), extra: Partial<FeatureAt> = {}): FeatureAt {
  return { file, uri: file, feature, featureIdAt, findings: [], ...extra };
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

describe('compareCheckOrder', () => {
  it.each<[string, { uri: string; display: string }, { uri: string; display: string }, number]>([
    ['by repository path first', { uri: 'a.harm.yaml', display: 'z.harm.yaml' }, { uri: 'b.harm.yaml', display: 'a.harm.yaml' }, -1],
    ['by repository path first, the other way', { uri: 'b.harm.yaml', display: 'a.harm.yaml' }, { uri: 'a.harm.yaml', display: 'z.harm.yaml' }, 1],
    ['by code point, not by locale', { uri: 'B.harm.yaml', display: 'x' }, { uri: 'a.harm.yaml', display: 'x' }, -1],
    ['then by the shown path', { uri: 'a.harm.yaml', display: '../a.harm.yaml' }, { uri: 'a.harm.yaml', display: 'a.harm.yaml' }, -1],
    ['then by the shown path, the other way', { uri: 'a.harm.yaml', display: 'a.harm.yaml' }, { uri: 'a.harm.yaml', display: '../a.harm.yaml' }, 1],
    ['the same file', { uri: 'a.harm.yaml', display: 'a.harm.yaml' }, { uri: 'a.harm.yaml', display: 'a.harm.yaml' }, 0],
  ])('orders %s', (_name, a, b, expected) => {
    expect(compareCheckOrder(a, b)).toBe(expected);
  });
});
