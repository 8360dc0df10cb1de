import { describe, expect, it } from 'vitest';
import { effectiveDeclarations } from '../../src/core/declarations.js';
import { evaluateHarms } from '../../src/core/evaluate.js';
import type { Feature, Harm, SafeguardDeclaration } from '../../src/schema/assessment.js';
import type { Catalog, CatalogSafeguard, Effects } from '../../src/schema/catalog.js';
import { CATALOG, makeHarm } from '../fixtures/framework.js';

function catalogWith(effects: Record<string, Effects>): Catalog {
  const safeguards: CatalogSafeguard[] = Object.entries(effects).map(([id, e]) => ({
    id,
    title: id,
    kind: 'product',
    stage: 'design',
    burden: 'low',
    description: `${id}.`,
    effects: e,
  }));
  return { ...CATALOG, safeguards };
}

/** The states of one harm evaluated on its own, in a beta feature. */
function computeHarmStates(input: { catalog: Catalog; feature: Partial<Feature>; harm: Harm; harmIndex: number }) {
  const feature = { stage: 'beta' as const, ...input.feature };
  return evaluateHarms({ catalog: input.catalog, feature, harms: [input.harm], waivers: [], today: '2025-01-01' }).evaluations[0]!.states;
}

const decl = (id: string, status: SafeguardDeclaration['status']): SafeguardDeclaration => ({ id, status });

describe('computeHarmStates', () => {
  const catalog = catalogWith({
    'product.one-down': { likelihood: -1 },
    'product.two-down': { likelihood: -2, scale: -1 },
    'product.far-down': { scale: -9 },
    'product.no-children': { exclude_populations: ['children'] },
    'product.no-elders': { exclude_populations: ['older_adults'] },
    'product.no-effect': {},
  });

  it.each([
    {
      name: 'no declarations: every state is inherent',
      harm: [],
      feature: [],
      projected: { likelihood: 'possible', scale: 'widespread' },
      residual: { likelihood: 'possible', scale: 'widespread' },
    },
    {
      name: 'implemented counts in both states, planned only in projected',
      harm: [decl('product.one-down', 'implemented'), decl('product.two-down', 'planned')],
      feature: [],
      projected: { likelihood: 'rare', scale: 'community' },
      residual: { likelihood: 'unlikely', scale: 'widespread' },
    },
    {
      name: 'in_progress counts in projected; not_applicable never counts',
      harm: [decl('product.one-down', 'in_progress'), decl('product.two-down', 'not_applicable')],
      feature: [],
      projected: { likelihood: 'unlikely', scale: 'widespread' },
      residual: { likelihood: 'possible', scale: 'widespread' },
    },
    {
      name: 'shifts add up and move a factor at most max_shift (2) levels',
      harm: [decl('product.one-down', 'implemented'), decl('product.two-down', 'implemented'), decl('product.far-down', 'implemented')],
      feature: [],
      projected: { likelihood: 'rare', scale: 'group' },
      residual: { likelihood: 'rare', scale: 'group' },
    },
    {
      name: 'feature-level declarations count for every harm',
      harm: [],
      feature: [decl('product.two-down', 'implemented')],
      projected: { likelihood: 'rare', scale: 'community' },
      residual: { likelihood: 'rare', scale: 'community' },
    },
    {
      name: 'a harm-level declaration replaces the feature-level one (status counts once, from the harm)',
      harm: [decl('product.two-down', 'planned')],
      feature: [decl('product.two-down', 'implemented')],
      projected: { likelihood: 'rare', scale: 'community' },
      residual: { likelihood: 'possible', scale: 'widespread' },
    },
    {
      name: 'replaced effects are not counted twice',
      harm: [decl('product.one-down', 'implemented')],
      feature: [decl('product.one-down', 'implemented')],
      projected: { likelihood: 'unlikely', scale: 'widespread' },
      residual: { likelihood: 'unlikely', scale: 'widespread' },
    },
    {
      name: 'a safeguard declared twice on the harm shifts once',
      harm: [decl('product.one-down', 'implemented'), decl('product.one-down', 'implemented')],
      feature: [],
      projected: { likelihood: 'unlikely', scale: 'widespread' },
      residual: { likelihood: 'unlikely', scale: 'widespread' },
    },
    {
      name: 'a safeguard declared twice for the feature shifts once',
      harm: [],
      feature: [decl('product.one-down', 'implemented'), decl('product.one-down', 'in_progress')],
      projected: { likelihood: 'unlikely', scale: 'widespread' },
      residual: { likelihood: 'unlikely', scale: 'widespread' },
    },
    {
      name: 'of a safeguard declared twice, the first declaration is the one that counts',
      harm: [decl('product.one-down', 'planned'), decl('product.one-down', 'implemented')],
      feature: [],
      projected: { likelihood: 'unlikely', scale: 'widespread' },
      residual: { likelihood: 'possible', scale: 'widespread' },
    },
    {
      name: 'unknown safeguard ids and safeguards without effects change nothing',
      harm: [decl('product.not-in-catalog', 'implemented'), decl('product.no-effect', 'implemented')],
      feature: [],
      projected: { likelihood: 'possible', scale: 'widespread' },
      residual: { likelihood: 'possible', scale: 'widespread' },
    },
  ])('$name', ({ harm, feature, projected, residual }) => {
    const states = computeHarmStates({
      catalog,
      feature: { safeguards: feature },
      harm: makeHarm({ safeguards: harm }),
      harmIndex: 0,
    });
    expect(states.inherent.levels).toMatchObject({ likelihood: 'possible', scale: 'widespread' });
    expect(states.projected.levels).toMatchObject(projected);
    expect(states.residual.levels).toMatchObject(residual);
  });

  it.each([
    { populations: ['general_public', 'children'], implemented: ['product.no-children'], vulnerability: 'none', remaining: ['general_public'] },
    { populations: ['older_adults', 'children'], implemented: ['product.no-children'], vulnerability: 'elevated', remaining: ['older_adults'] },
    { populations: ['children'], implemented: ['product.no-children'], vulnerability: 'none', remaining: [] },
    { populations: ['children', 'older_adults'], implemented: ['product.no-children', 'product.no-elders'], vulnerability: 'none', remaining: [] },
    { populations: ['individuals_in_crisis', 'children'], implemented: ['product.no-children'], vulnerability: 'high', remaining: ['individuals_in_crisis'] },
  ])('exclude_populations: $populations minus $implemented → $vulnerability', ({ populations, implemented, vulnerability, remaining }) => {
    const states = computeHarmStates({
      catalog,
      feature: {},
      harm: makeHarm({ factors: { affected_populations: populations }, safeguards: implemented.map((id) => decl(id, 'implemented')) }),
      harmIndex: 0,
    });
    expect(states.residual.levels.vulnerability).toBe(vulnerability);
    expect(states.residual.populations).toEqual(remaining);
    expect(states.inherent.populations).toEqual(populations);
  });

  it('records the shifts for --explain, capped at max_shift', () => {
    const states = computeHarmStates({
      catalog,
      feature: {},
      harm: makeHarm({ safeguards: [decl('product.two-down', 'implemented'), decl('product.far-down', 'implemented')] }),
      harmIndex: 0,
    });
    expect(states.residual.shifts).toEqual([
      { factor: 'likelihood', from: 'possible', down: 2, up: 0, cap: 2, to: 'rare', withoutRaises: 'rare', stopped: false },
      { factor: 'scale', from: 'widespread', down: 10, up: 0, cap: 2, to: 'group', withoutRaises: 'group', stopped: false },
    ]);
    expect(states.residual.applied.map((a: { id: string }) => a.id)).toEqual(['product.far-down', 'product.two-down']);
  });
});

describe('effectiveDeclarations', () => {
  it('keeps where each declaration was written, harm-level winning', () => {
    const result = effectiveDeclarations(
      { safeguards: [decl('b.one', 'planned'), decl('a.two', 'implemented')] },
      { safeguards: [decl('b.one', 'implemented')] },
      3,
    );
    expect(result.map(({ id, status, level, path }) => ({ id, status, level, path }))).toEqual([
      { id: 'a.two', status: 'implemented', level: 'feature', path: ['feature', 'safeguards', 1] },
      { id: 'b.one', status: 'implemented', level: 'harm', path: ['harms', 3, 'safeguards', 0] },
    ]);
  });
});

describe('the ends of each factor scale (SPEC §2.2: a factor stays within its levels)', () => {
  function raiser(id: string, steps: Record<string, number>): CatalogSafeguard {
    return { id, title: id, kind: 'product', stage: 'design', burden: 'low', description: `${id}.`, raises: { fraud_scams: steps } };
  }
  const catalog: Catalog = {
    ...CATALOG,
    safeguards: [
      ...catalogWith({ 'product.two-down': { likelihood: -2 }, 'product.no-elders': { exclude_populations: ['older_adults'] } }).safeguards,
      raiser('product.scale-up-one', { scale: 1 }),
      raiser('product.scale-up-two', { scale: 2 }),
    ],
  };

  // The default harm: likelihood possible, scale widespread (one level below societal, the top).
  it.each([
    { name: 'down to the lowest level exactly: not stopped', likelihood: 'possible', feature: [decl('product.two-down', 'implemented')], factor: 'likelihood', to: 'rare', stopped: false },
    { name: 'down past the lowest level: stopped at it', likelihood: 'unlikely', feature: [decl('product.two-down', 'implemented')], factor: 'likelihood', to: 'rare', stopped: true },
    { name: 'raised to the top level exactly: not stopped', likelihood: 'possible', feature: [decl('product.scale-up-one', 'implemented')], factor: 'scale', to: 'societal', stopped: false },
    { name: 'raised past the top level: stopped at it', likelihood: 'possible', feature: [decl('product.scale-up-two', 'implemented')], factor: 'scale', to: 'societal', stopped: true },
  ] as const)('$name', ({ likelihood, feature, factor, to, stopped }) => {
    const states = computeHarmStates({ catalog, feature: { safeguards: [...feature] }, harm: makeHarm({ factors: { likelihood } }), harmIndex: 0 });
    expect(states.residual.shifts).toHaveLength(1);
    expect(states.residual.shifts[0]).toMatchObject({ factor, to, stopped });
  });

  it('sums the raises on a category over the scored factors only', () => {
    const { raises } = evaluateHarms({
      catalog,
      feature: { stage: 'beta', safeguards: [decl('product.scale-up-one', 'implemented'), decl('product.scale-up-two', 'planned')] },
      harms: [makeHarm()],
      waivers: [],
      today: '2025-01-01',
    });
    // likelihood, scale, duration, causality, technology_contribution
    expect(raises.projected.get('fraud_scams')!.totals).toEqual([0, 3, 0, 0, 0]);
    expect(raises.residual.get('fraud_scams')!.totals).toEqual([0, 1, 0, 0, 0]);
  });

  it('the inherent state applies nothing; a state excludes only the populations a safeguard names', () => {
    const harm = makeHarm({ factors: { affected_populations: ['general_public', 'older_adults'] } });
    const plain = computeHarmStates({ catalog, feature: {}, harm, harmIndex: 0 });
    expect(plain.inherent).toEqual({ levels: plain.inherent.levels, populations: ['general_public', 'older_adults'], excluded: [], applied: [], raises: [], shifts: [], raisedBy: [] });
    expect(plain.residual.excluded).toEqual([]);
    expect(plain.residual.populations).toEqual(['general_public', 'older_adults']);
    const excluding = computeHarmStates({ catalog, feature: { safeguards: [decl('product.no-elders', 'implemented')] }, harm, harmIndex: 0 });
    expect(excluding.residual.excluded).toEqual(['older_adults']);
    expect(excluding.residual.populations).toEqual(['general_public']);
  });
});
