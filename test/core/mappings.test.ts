import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clausesOf, compareClauses, mappingTags } from '../../src/core/mappings.js';
import type { Catalog } from '../../src/schema/catalog.js';
import { CATALOG, SAFEGUARDS } from '../fixtures/framework.js';

describe('compareClauses', () => {
  it.each([
    // Numbers compare as numbers, wherever they are in the id.
    ['MEASURE 2.9', 'MEASURE 2.10'],
    ['Art. 9', 'Art. 50'],
    ['Art. 50(1)', 'Art. 50(2)'],
    ['A.6.2.4', 'A.6.10'],
    // Text compares as text.
    ['GOVERN 1.1', 'MANAGE 1.1'],
    ['Art. 9', 'Art. 9a'],
    // A clause number and an annex letter compare as characters: digits come before letters.
    ['6.1.2', 'A.6.2.4'],
    ['10', 'Annex III'],
    // Leading zeros do not make a number text.
    ['A.4', 'A.05'],
    // A prefix comes first.
    ['Art. 50', 'Art. 50(1)'],
    ['', 'A'],
    // A gap of white space is text, never the number 0: by code point, a shorter gap first.
    ['1 2', '1  2'],
    ['1\t2', '1 2'],
    [' 1', '0'],
    // One number written two ways: the rest of the ids decides, else the spelling, as text.
    ['Art. 1(a)', 'Art. 01(b)'],
    ['Art. 01', 'Art. 1'],
    ['Art. 01', 'Art. 1(a)'],
    ['A.01.2', 'A.1.02'],
  ])('%s before %s', (a, b) => {
    expect(Math.sign(compareClauses(a, b))).toBe(-1);
    expect(Math.sign(compareClauses(b, a))).toBe(1);
  });

  it('finds equal ids equal, and only those', () => {
    expect(compareClauses('MEASURE 2.10', 'MEASURE 2.10')).toBe(0);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '.', ' ', 'A', '(') }), fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '.', ' ', 'A', '(') }), (a, b) => {
        const ab = Math.sign(compareClauses(a, b));
        expect(ab === 0).toBe(a === b);
        expect(Math.sign(compareClauses(b, a)) + ab).toBe(0);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  it('sorts a list in reading order', () => {
    expect(['Art. 50(2)', 'Art. 10', 'Art. 9', 'Art. 50(1)', 'Art. 50'].sort(compareClauses)).toEqual(['Art. 9', 'Art. 10', 'Art. 50', 'Art. 50(1)', 'Art. 50(2)']);
  });
});

describe('clausesOf', () => {
  const catalog: Catalog = {
    ...CATALOG,
    safeguards: [
      { ...SAFEGUARDS[0]!, mappings: { 'eu-ai-act': ['Art. 14', 'Art. 9'], 'nist-ai-rmf': ['MANAGE 2.3'] } },
      { ...SAFEGUARDS[1]!, mappings: { 'eu-ai-act': ['Art. 9', 'Art. 9'] } },
      SAFEGUARDS[2]!,
    ],
    categories: [{ ...CATALOG.categories[0]!, mappings: { 'eu-ai-act': ['Art. 10'] } }, CATALOG.categories[1]!],
  };

  it('lists each clause of one framework in reading order, with its safeguards and categories in catalog order', () => {
    expect(clausesOf(catalog, 'eu-ai-act')).toEqual([
      { clause: 'Art. 9', safeguards: [SAFEGUARDS[0]!.id, SAFEGUARDS[1]!.id], categories: [] },
      { clause: 'Art. 10', safeguards: [], categories: ['cbrn'] },
      { clause: 'Art. 14', safeguards: [SAFEGUARDS[0]!.id], categories: [] },
    ]);
  });

  it('lists only the framework asked for', () => {
    expect(clausesOf(catalog, 'nist-ai-rmf')).toEqual([{ clause: 'MANAGE 2.3', safeguards: [SAFEGUARDS[0]!.id], categories: [] }]);
  });

  it.each(['iso-42001', 'constructor', 'toString', '__proto__'])('finds nothing for %s, which nothing maps to', (slug) => {
    expect(clausesOf(catalog, slug)).toEqual([]);
  });
});

describe('mappingTags', () => {
  it.each([
    ['no mappings', undefined, []],
    ['one framework', { 'nist-ai-rmf': ['MEASURE 2.6', 'MANAGE 1.3'] }, ['nist-ai-rmf:MEASURE 2.6', 'nist-ai-rmf:MANAGE 1.3']],
    ['frameworks in mapping order', { 'eu-ai-act': ['Art. 50(1)'], 'iso-42001': ['A.6.2.6'] }, ['eu-ai-act:Art. 50(1)', 'iso-42001:A.6.2.6']],
    ['a framework with no clauses', { 'eu-ai-act': [] }, []],
  ] as const)('%s', (_name, mappings, tags) => {
    expect(mappingTags(mappings)).toEqual(tags);
  });
});
