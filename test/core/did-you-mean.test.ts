import { describe, expect, it } from 'vitest';
import { suggest, suggestId } from '../../src/core/did-you-mean.js';

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
