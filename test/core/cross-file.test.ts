import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCheckOrder, FeatureIdRegistry, type FeatureAt } from '../../src/core/cross-file.js';
import { compareFindings } from '../../src/core/findings.js';

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
