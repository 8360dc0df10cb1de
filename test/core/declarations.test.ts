import { describe, expect, it } from 'vitest';
import { compareIds, effectiveDeclarations, indexSafeguards, mergeDeclarations, prepareFeatureDeclarations } from '../../src/core/declarations.js';
import type { Catalog, CatalogSafeguard } from '../../src/schema/catalog.js';
import { CATALOG } from '../fixtures/framework.js';

function safeguard(id: string, extra: Partial<CatalogSafeguard> = {}): CatalogSafeguard {
  return { id, title: id, kind: 'product', stage: 'design', burden: 'low', description: `${id}.`, ...extra };
}

describe('compareIds', () => {
  it.each<[string, string, number]>([
    ['product.a', 'product.b', -1],
    ['product.b', 'product.a', 1],
    ['product.a', 'product.a', 0],
    ['Z', 'a', -1],
    ['product.ab', 'product.a', 1],
  ])('%s against %s: %i', (a, b, expected) => {
    expect(compareIds(a, b)).toBe(expected);
  });
});

describe('indexSafeguards', () => {
  it('keeps the first entry of a repeated id, sorted by id', () => {
    const catalog: Catalog = {
      ...CATALOG,
      safeguards: [
        safeguard('product.b', { effects: { likelihood: -1 } }),
        safeguard('product.a'),
        safeguard('product.b', { effects: { scale: -2 } }),
      ],
    };
    const index = indexSafeguards(catalog);
    expect(index.list.map((info) => [info.safeguard.id, info.rank])).toEqual([
      ['product.a', 0],
      ['product.b', 1],
    ]);
    // likelihood, scale, duration, causality, technology_contribution
    expect(index.byId['product.b']!.down?.join(' ')).toBe('1 0 0 0 0');
  });

  it('a safeguard that shifts or raises nothing has no steps', () => {
    const catalog: Catalog = {
      ...CATALOG,
      safeguards: [
        safeguard('product.none'),
        safeguard('product.zero', { effects: { likelihood: 0 }, raises: { fraud_scams: {} } }),
        safeguard('product.some', { effects: { exclude_populations: ['children'] }, raises: { fraud_scams: { duration: 1 }, privacy: {} } }),
      ],
    };
    const index = indexSafeguards(catalog);
    const steps = (id: string) => {
      const info = index.byId[id]!;
      return { down: info.down, raises: info.raises && Object.fromEntries(info.raises) };
    };
    expect(steps('product.none')).toEqual({ down: undefined, raises: undefined });
    expect(steps('product.zero')).toEqual({ down: undefined, raises: undefined });
    expect(steps('product.some')).toEqual({ down: undefined, raises: { fraud_scams: [0, 0, 1, 0, 0] } });
  });
});

describe('effectiveDeclarations', () => {
  it('is empty when neither the feature nor the harm declares a safeguard', () => {
    expect(effectiveDeclarations({}, {}, 0)).toEqual([]);
    expect(effectiveDeclarations({ safeguards: [] }, { safeguards: [] }, 0)).toEqual([]);
  });

  it('sorts the declarations by id, whichever order they were written in', () => {
    const result = effectiveDeclarations(
      { safeguards: [{ id: 'product.c', status: 'planned' }, { id: 'product.a', status: 'implemented' }] },
      { safeguards: [{ id: 'product.d', status: 'implemented' }, { id: 'product.b', status: 'in_progress' }] },
      0,
    );
    expect(result.map((d) => `${d.id} ${d.level}`)).toEqual(['product.a feature', 'product.b harm', 'product.c feature', 'product.d harm']);
  });

  it('sorts ids the catalog defines and ids it does not into one order by id; a harm-level declaration replaces a feature-level one', () => {
    const index = indexSafeguards(CATALOG);
    const feature = prepareFeatureDeclarations(
      {
        safeguards: [
          { id: 'product.zz-unknown', status: 'implemented' },
          { id: 'product.human-confirmation', status: 'planned' },
          { id: 'enforcement.account-blocking', status: 'implemented' },
          { id: 'detection.aa-unknown', status: 'planned' },
        ],
      },
      index,
    );
    const harm = {
      safeguards: [
        { id: 'usage_policy.aup-coverage', status: 'implemented' as const },
        { id: 'evaluation.unknown', status: 'in_progress' as const },
        { id: 'product.human-confirmation', status: 'implemented' as const },
        { id: 'detection.hierarchical-summarization', status: 'planned' as const },
      ],
    };
    const merged = mergeDeclarations(feature, harm, 2);
    expect(merged.map((c) => [c.declaration.id, c.declaration.level, c.info !== undefined, c.projected, c.residual])).toEqual([
      ['detection.aa-unknown', 'feature', false, true, false],
      ['detection.hierarchical-summarization', 'harm', true, true, false],
      ['enforcement.account-blocking', 'feature', true, true, true],
      ['evaluation.unknown', 'harm', false, true, false],
      ['product.human-confirmation', 'harm', true, true, true],
      ['product.zz-unknown', 'feature', false, true, true],
      ['usage_policy.aup-coverage', 'harm', true, true, true],
    ]);
    expect(merged.map((c) => c.declaration.path)).toEqual([
      ['feature', 'safeguards', 3],
      ['harms', 2, 'safeguards', 3],
      ['feature', 'safeguards', 2],
      ['harms', 2, 'safeguards', 1],
      ['harms', 2, 'safeguards', 2],
      ['feature', 'safeguards', 0],
      ['harms', 2, 'safeguards', 0],
    ]);
  });
});
