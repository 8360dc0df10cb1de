import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest, suggestId, SuggestionIndex } from '../../src/core/did-you-mean.js';

/** Levenshtein distance by the textbook recurrence, for reference. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

const id = fc.string({ unit: fc.constantFrom(...'abcde.-_'), maxLength: 90 });

describe('editDistance', () => {
  it('is the Levenshtein distance, or more than `max` once it exceeds it', () => {
    fc.assert(
      fc.property(id, id, fc.nat(6), (a, b, max) => {
        const exact = levenshtein(a, b);
        expect(editDistance(a, b)).toBe(exact);
        const bounded = editDistance(a, b, max);
        if (exact <= max) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(max);
      }),
    );
  });

  it.each([
    ['product.human-confirmation', 'product.human-confirmation', 0],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s: %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('SuggestionIndex', () => {
  it('answers as didYouMean does, whatever the ids, the question and how often it is asked', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 30 }), fc.array(id, { minLength: 1, maxLength: 10 }), (ids, questions) => {
        const index = new SuggestionIndex(ids);
        for (const q of [...questions, ...questions]) expect(index.didYouMean(q)).toBe(didYouMean(q, ids));
      }),
    );
  });

  it('suggests the closest id for a renamed or mistyped one, ignoring case, and nothing for a far one', () => {
    const index = new SuggestionIndex(['product.human-confirmation', 'product.rate-limits', 'detection.user-reporting']);
    expect(index.didYouMean('product.human-confirm')).toBe(' Did you mean "product.human-confirmation"?');
    expect(index.didYouMean('Product.Rate-Limit')).toBe(' Did you mean "product.rate-limits"?');
    expect(index.didYouMean('enforcement.account-blocking')).toBe('');
  });
});

const IDS = ['product.human-confirmation', 'product.rate-limits', 'evaluation.red-teaming', 'cbrn', 'fraud_scams', 'children'];

describe('suggestId', () => {
  it.each([
    ['human-confirmation', 'product.human-confirmation'],
    ['human-confirmaton', 'product.human-confirmation'],
    ['product.human-confirmaton', 'product.human-confirmation'],
    ['evaluation.rate-limits', 'product.rate-limits'],
    ['red-teaming', 'evaluation.red-teaming'],
    ['cbrm', 'cbrn'],
    ['fraud-scams', 'fraud_scams'],
    ['toString', undefined],
    ['something-else-entirely', undefined],
  ])('%s → %s', (input, expected) => {
    expect(suggestId(input, IDS)).toBe(expected);
  });

  it('prefers the whole id on a tie, and reads ids without a dot as a whole', () => {
    expect(suggestId('a.bc', ['a.bd', 'x.bc'])).toBe('x.bc');
    expect(suggestId('childen', ['children'])).toBe('children');
  });
});

describe('suggest', () => {
  it('offers the closest candidate within a third of the input, at least two edits', () => {
    expect(suggest('chek', ['check', 'schema'])).toBe('check');
    expect(suggest('xyz', ['check'])).toBeUndefined();
    expect(suggest('Check', ['check'])).toBe('check');
  });
});

describe('editDistance over long ids', () => {
  it('measures ids longer than any measured before, one character longer than the last', () => {
    // Each length is one past the previous, so that every call needs a table longer than the last.
    for (const n of [500, 501, 502]) {
      const b = `${'a'.repeat(n - 1)}b`;
      expect(editDistance('a'.repeat(n), b)).toBe(1);
      expect(editDistance(`c${'a'.repeat(n - 2)}`, b)).toBe(2);
    }
  });
});

describe('the closest candidate', () => {
  it.each<[string, string[], string]>([
    ['chek', ['check', 'cheeks'], 'check'],
    ['chek', ['cheeks', 'check'], 'check'],
    ['ab', ['ac', 'ad'], 'ac'],
    ['ab', ['ad', 'ac'], 'ad'],
  ])('%s among %j is %s: the nearest, the first on a tie', (input, candidates, expected) => {
    expect(suggest(input, candidates)).toBe(expected);
    expect(new SuggestionIndex(candidates).didYouMean(input)).toBe(` Did you mean "${expected}"?`);
  });
});

describe('suggestId by the part after the dot', () => {
  it.each<[string, string[], string | undefined]>([
    ['rate-limits', ['product.rate-limits', 'evaluation.rate-limits'], 'product.rate-limits'],
    ['rate-limit', ['product.rate-limits', 'evaluation.rate-limits'], 'product.rate-limits'],
    ['misc.cbrm', ['cbrn'], undefined],
    ['ab.cdef', ['zz.cdeh', 'ab.cdeg'], 'ab.cdeg'],
    ['ab.cdef', ['ab.cdeg', 'zz.cdef'], 'zz.cdef'],
  ])('%s among %j is %s', (input, ids, expected) => {
    expect(suggestId(input, ids)).toBe(expected);
  });
});
