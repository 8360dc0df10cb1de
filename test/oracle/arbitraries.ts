import fc from 'fast-check';
import type { Acceptance, Assessment, Harm, SafeguardDeclaration, Waiver } from '../../src/schema/assessment.js';
import type { Catalog, CatalogSafeguard, Condition } from '../../src/schema/catalog.js';
import type { GateLevel } from '../../src/schema/common.js';
import { CATALOG, FRAMEWORK } from '../fixtures/framework.js';
import { LEVEL_ORDER, SHIFTABLE, SPEC_DIMENSIONS, SPEC_LEVELS, SPEC_POPULATIONS, type OracleFactor } from './spec-oracle.js';

/**
 * Catalogs and assessments small enough that their safeguards, conditions, waivers and
 * acceptances often meet: few ids, short lists, conditions of one or two keys.
 */

export const TODAY = '2025-05-01';
/** The day before, today (not past) and the day after. */
const DATES = ['2025-04-30', TODAY, '2025-05-02'];

export const SAFEGUARD_IDS = ['product.alpha', 'detection.beta', 'enforcement.gamma', 'evaluation.delta', 'usage_policy.epsilon'];
/** An id no catalog defines: it is reported elsewhere and never counts. */
const UNKNOWN_SAFEGUARD = 'product.unknown';
const CATEGORIES = ['cbrn', 'fraud_scams', 'privacy', 'over_refusal'];
const CAPABILITIES = ['computer_use', 'tool_use', 'web_search'];
const STAGES = ['concept', 'development', 'beta', 'ga', 'retired'] as const;
const STATUSES = ['planned', 'in_progress', 'implemented', 'not_applicable'] as const;
const POPULATIONS = Object.keys(SPEC_POPULATIONS);
const BAND_LEVELS = LEVEL_ORDER.slice(1);

const idsOf = (factor: OracleFactor) => SPEC_LEVELS[factor].map(([id]) => id);
const oneOrMany = (values: readonly string[]) =>
  fc.oneof(fc.constantFrom(...values), fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }));

/** One key of a condition (SPEC §3.1). */
const conditionKey: fc.Arbitrary<Condition> = fc.oneof(
  oneOrMany(SPEC_DIMENSIONS).map((dimension) => ({ dimension })),
  oneOrMany(CATEGORIES).map((category) => ({ category })),
  oneOrMany(CAPABILITIES).map((capability) => ({ capability })),
  oneOrMany(POPULATIONS).map((population) => ({ population })),
  oneOrMany(STAGES).map((stage) => ({ stage })),
  fc.constantFrom(...BAND_LEVELS).map((min_severity) => ({ min_severity })),
  fc.constantFrom(...BAND_LEVELS).map((min_risk) => ({ min_risk })),
  fc
    .constantFrom<OracleFactor>('likelihood', 'scale', 'duration', 'vulnerability', 'causality', 'technology_contribution', 'mitigation_feasibility')
    .chain((factor) => fc.constantFrom(...idsOf(factor)).map((level) => ({ factor: { [factor]: level } }))),
) as fc.Arbitrary<Condition>;

/** An entry holds when all of its keys do: one or two keys, merged (factor maps merged too). */
const condition = fc.array(conditionKey, { minLength: 1, maxLength: 2 }).map((keys) =>
  keys.reduce<Condition>((all, key) => ({ ...all, ...key, ...(all.factor && key.factor ? { factor: { ...all.factor, ...key.factor } } : {}) }), {}),
);
const conditions = fc.array(condition, { minLength: 1, maxLength: 2 });

const steps = (min: number, max: number) =>
  fc.record(Object.fromEntries(SHIFTABLE.map((f) => [f, fc.integer({ min, max })])), { requiredKeys: [] }) as fc.Arbitrary<
    Partial<Record<(typeof SHIFTABLE)[number], number>>
  >;

const effects = fc.record(
  {
    steps: steps(-3, -1),
    exclude_populations: fc.uniqueArray(fc.constantFrom(...POPULATIONS), { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['steps'] },
).map(({ steps: s, exclude_populations }) => ({ ...s, ...(exclude_populations ? { exclude_populations } : {}) }));

const raises = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...CATEGORIES), steps(1, 3).filter((s) => Object.keys(s).length > 0)), {
    minLength: 1,
    maxLength: 2,
    selector: ([category]) => category,
  })
  .map((entries) => Object.fromEntries(entries));

const safeguard = (id: string): fc.Arbitrary<CatalogSafeguard> =>
  fc
    .record({ effects, effects_when: conditions, raises, require_when: conditions, recommend_when: conditions }, { requiredKeys: [] })
    .map((parts) => ({ id, title: id, kind: 'product', stage: 'design', burden: 'low', description: `${id}.`, ...parts }) as CatalogSafeguard);

/** The SPEC's framework with caps of 0 to 3 on some factors (the others default to 2). */
export const catalogArb: fc.Arbitrary<Catalog> = fc
  .record({
    maxShift: fc.option(fc.record(Object.fromEntries(SHIFTABLE.map((f) => [f, fc.integer({ min: 0, max: 3 })])), { requiredKeys: [] }), { nil: undefined }),
    safeguards: fc.tuple(...SAFEGUARD_IDS.map(safeguard)),
  })
  .map(({ maxShift, safeguards }) => ({
    ...CATALOG,
    framework: { ...FRAMEWORK, version: 2, ...(maxShift ? { max_shift: maxShift } : {}) },
    categories: CATALOG.categories.filter((c) => CATEGORIES.includes(c.id)),
    safeguards,
  }));

const declaration = fc
  .record({
    id: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...SAFEGUARD_IDS) }, { weight: 1, arbitrary: fc.constant(UNKNOWN_SAFEGUARD) }),
    status: fc.constantFrom(...STATUSES),
  })
  .map((d): SafeguardDeclaration => (d.status === 'not_applicable' ? { ...d, note: 'Does not apply here.' } : d));
/** Short lists from five ids: the same id twice in a list, and in both lists, happen often. */
const declarations = fc.array(declaration, { maxLength: 4 });

const harmArb = (id: string): fc.Arbitrary<Harm> =>
  fc
    .record({
      category: fc.constantFrom(...CATEGORIES),
      dimensions: fc.uniqueArray(fc.constantFrom(...SPEC_DIMENSIONS), { minLength: 1, maxLength: 3 }),
      likelihood: fc.constantFrom(...idsOf('likelihood')),
      scale: fc.constantFrom(...idsOf('scale')),
      duration: fc.constantFrom(...idsOf('duration')),
      affected_populations: fc.uniqueArray(fc.constantFrom(...POPULATIONS), { minLength: 1, maxLength: 3 }),
      causality: fc.constantFrom(...idsOf('causality')),
      technology_contribution: fc.constantFrom(...idsOf('technology_contribution')),
      mitigation_feasibility: fc.constantFrom(...idsOf('mitigation_feasibility')),
      safeguards: fc.option(declarations, { nil: undefined }),
      escalated: fc.boolean(),
    })
    .map(({ category, dimensions, safeguards, escalated, ...factors }) => ({
      id,
      title: id,
      category,
      dimensions,
      factors,
      ...(safeguards ? { safeguards } : {}),
      ...(escalated ? { escalation: { ticket: 'RISK-1', decided_by: 'board', date: '2025-03-10' } } : {}),
    }) as Harm);

/** A harm id of the assessment, or one it does not have. */
const targetArb = (harmIds: readonly string[]) =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...harmIds) }, { weight: 1, arbitrary: fc.constant('no-such-harm') });

const waiverArb = (harmIds: readonly string[]): fc.Arbitrary<Waiver> =>
  fc.record({
    harm: targetArb(harmIds),
    safeguard: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...SAFEGUARD_IDS) }, { weight: 1, arbitrary: fc.constant(UNKNOWN_SAFEGUARD) }),
    reason: fc.constant('Not yet.'),
    approved_by: fc.constant('board'),
    expires: fc.constantFrom(...DATES),
  });

const acceptanceArb = (harmIds: readonly string[]): fc.Arbitrary<Acceptance> =>
  fc.record({
    harm: targetArb(harmIds),
    up_to: fc.constantFrom('low', 'medium', 'high', 'critical'),
    reason: fc.constant('Accepted.'),
    approved_by: fc.constant('committee'),
    expires: fc.constantFrom(...DATES),
  });

export const assessmentArb: fc.Arbitrary<Assessment> = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => {
    const harmIds = Array.from({ length: n }, (_, i) => `harm-${i + 1}`);
    return fc.record({
      stage: fc.constantFrom(...STAGES),
      capabilities: fc.uniqueArray(fc.constantFrom(...CAPABILITIES), { maxLength: 2 }),
      safeguards: fc.option(declarations, { nil: undefined }),
      harms: fc.tuple(...harmIds.map(harmArb)),
      waivers: fc.option(fc.array(waiverArb(harmIds), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      acceptances: fc.option(fc.array(acceptanceArb(harmIds), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    });
  })
  .map(({ stage, capabilities, safeguards, harms, waivers, acceptances }) => ({
    apiVersion: 'harm/v1',
    kind: 'Assessment',
    feature: { id: 'feature', name: 'Feature', owner: 'team', stage, capabilities, ...(safeguards ? { safeguards } : {}) },
    assessment: { date: '2025-03-01', assessors: ['someone'] },
    harms,
    ...(waivers ? { waivers } : {}),
    ...(acceptances ? { acceptances } : {}),
  }));

const gateLevel = fc.option(fc.constantFrom<GateLevel>('low', 'medium', 'high', 'critical', 'off'), { nil: undefined });
export const gateArb = fc.record({ failOn: gateLevel, failOnSeverity: gateLevel });
