import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { FindingSink, type Anchor } from '../../src/core/findings.js';
import { nowhere, type Path } from '../../src/core/locator.js';
import { MAX_SCHEMA_FINDINGS, reportSchemaIssues } from '../../src/core/schema-findings.js';
import { assessmentSchema } from '../../src/schema/assessment.js';
import { catalogLayerSchema } from '../../src/schema/catalog.js';
import { configSchema } from '../../src/schema/config.js';
import type { FindingLevel } from '../../src/schema/common.js';
import type { RuleId } from '../../src/schema/rules.js';
import { makeAssessment } from '../fixtures/framework.js';

/** A sink that keeps where each finding points: the path and which part of the node. */
class RecordingSink extends FindingSink {
  readonly calls: { path: Path; anchor: Anchor; message: string }[] = [];
  constructor() {
    super('a.harm.yaml', nowhere);
  }
  override at(rule: RuleId, path: Path, message: string, opts: { anchor?: Anchor; harm?: string; level?: FindingLevel } = {}): void {
    super.at(rule, path, message, opts);
    this.calls.push({ path: [...path], anchor: opts.anchor ?? 'value', message });
  }
}

type AnySchema = Parameters<typeof reportSchemaIssues>[2];

function report(schema: AnySchema, value: unknown) {
  const sink = new RecordingSink();
  const result = z.safeParse(schema as z.ZodMiniType, value);
  if (!result.success) reportSchemaIssues(result.error.issues, value, schema, sink);
  return sink;
}

/** A valid assessment with one change made by `edit`. */
function assessment(edit: (a: Record<string, any>) => void): unknown {
  const a = structuredClone(makeAssessment()) as Record<string, any>;
  edit(a);
  return a;
}

const config = (extra: Record<string, unknown>) => ({ apiVersion: 'harm/v1', kind: 'Config', ...extra });
const layer = (extra: Record<string, unknown>) => ({ apiVersion: 'harm/v1', kind: 'Catalog', ...extra });

type Expected = [path: Path, anchor: Anchor, message: string];
const STAGES = 'expected one of: concept, development, beta, ga, retired.';
const FEATURE_KEYS = 'Allowed here: id, name, description, owner, stage, capabilities, paths, safeguards.';

describe('reportSchemaIssues', () => {
  it.each<[string, AnySchema, unknown, Expected[]]>([
    ['an empty document', assessmentSchema, null, [[[], 'value', 'The document is empty.']]],
    ['a document that is a list', assessmentSchema, [1, 2], [[[], 'value', 'The document must be a mapping, not a list.']]],
    ['a missing key, at the first key of its mapping', assessmentSchema, assessment((a) => delete a.feature.owner), [[['feature'], 'firstKey', 'Missing required key "owner" in feature.']]],
    ['a missing top-level key', assessmentSchema, assessment((a) => delete a.harms), [[[], 'firstKey', 'Missing required key "harms".']]],
    ['a missing key in a list entry', assessmentSchema, assessment((a) => delete a.harms[0].factors.scale), [[['harms', 0, 'factors'], 'firstKey', 'Missing required key "scale" in factors.']]],
    ['an unknown key, at the key, with a suggestion', assessmentSchema, assessment((a) => (a.feature.ownr = 'x')), [[['feature', 'ownr'], 'key', `Unknown key "ownr". Did you mean "owner"? ${FEATURE_KEYS}`]]],
    ['an unknown key with nothing close', assessmentSchema, assessment((a) => (a.feature.zzzzzzzz = 'x')), [[['feature', 'zzzzzzzz'], 'key', `Unknown key "zzzzzzzz". ${FEATURE_KEYS}`]]],
    [
      'an unknown key in an optional list of conditions',
      catalogLayerSchema(),
      layer({ safeguards: [{ id: 'product.x', recommend_when: [{ categry: 'privacy' }] }] }),
      [
        [
          ['safeguards', 0, 'recommend_when', 0, 'categry'],
          'key',
          'Unknown key "categry". Did you mean "category"? Allowed here: dimension, category, capability, population, stage, min_severity, min_risk, factor.',
        ],
      ],
    ],
    ...['__proto__', 'constructor', 'prototype'].map((key): [string, AnySchema, unknown, Expected[]] => [
      `a ${key} key, which the parser reports`,
      assessmentSchema,
      assessment((a) => Object.defineProperty(a.feature, key, { value: 1, enumerable: true })),
      [],
    ]),
    ['a number for a text, with how to quote it', assessmentSchema, assessment((a) => (a.feature.id = 123)), [[['feature', 'id'], 'value', '"id" must be a text, not the number 123. Quote it: "123".']]],
    ['a boolean for a text', assessmentSchema, assessment((a) => (a.feature.name = true)), [[['feature', 'name'], 'value', '"name" must be a text, not the boolean true.']]],
    ['a mapping for a text', assessmentSchema, assessment((a) => (a.feature.name = { a: 1 })), [[['feature', 'name'], 'value', '"name" must be a text, not a mapping.']]],
    ['a list for a mapping', assessmentSchema, assessment((a) => (a.feature = ['x'])), [[['feature'], 'value', '"feature" must be a mapping, not a list.']]],
    ['an empty value for a list', assessmentSchema, assessment((a) => (a.harms = null)), [[['harms'], 'value', '"harms" must be a list, not an empty value.']]],
    ['a text for a list, cut at 60 characters', assessmentSchema, assessment((a) => (a.feature.capabilities = 'x'.repeat(100))), [[['feature', 'capabilities'], 'value', `"capabilities" must be a list, not the text "${'x'.repeat(59)}…".`]]],
    ['a text of 60 characters, whole', assessmentSchema, assessment((a) => (a.feature.capabilities = 'x'.repeat(60))), [[['feature', 'capabilities'], 'value', `"capabilities" must be a list, not the text "${'x'.repeat(60)}".`]]],
    ['a timestamp for a date', assessmentSchema, assessment((a) => (a.assessment.date = new Date('2025-03-01'))), [[['assessment', 'date'], 'value', '"date" must be a text, not a timestamp (quote dates: "2025-03-01").']]],
    ['binary data for a text', assessmentSchema, assessment((a) => (a.feature.name = new Uint8Array([1]))), [[['feature', 'name'], 'value', '"name" must be a text, not binary data.']]],
    ['a bad enum value, with a suggestion', assessmentSchema, assessment((a) => (a.feature.stage = 'betta')), [[['feature', 'stage'], 'value', `"betta" is not a valid stage; ${STAGES} Did you mean "beta"?`]]],
    ['a bad enum value that is not text', assessmentSchema, assessment((a) => (a.feature.stage = 7)), [[['feature', 'stage'], 'value', `7 is not a valid stage; ${STAGES}`]]],
    ['an unsupported apiVersion', assessmentSchema, assessment((a) => (a.apiVersion = 'harm/v2')), [[['apiVersion'], 'value', 'Unsupported apiVersion "harm/v2"; supported: harm/v1.']]],
    ['an unsupported kind', assessmentSchema, assessment((a) => (a.kind = 'Assesment')), [[['kind'], 'value', 'Unsupported kind "Assesment"; supported: Assessment.']]],
    ['an empty list', assessmentSchema, assessment((a) => (a.harms = [])), [[['harms'], 'value', '"harms" needs at least 1 entry.']]],
    ['an empty id', assessmentSchema, assessment((a) => (a.feature.capabilities = [''])), [[['feature', 'capabilities', 0], 'value', '"capabilities" must not be empty.']]],
    ['a blank text', assessmentSchema, assessment((a) => (a.assessment.assessors = [' '])), [[['assessment', 'assessors', 0], 'value', '"assessors" must be a non-empty text, not the text " ".']]],
    ['a date that is not in the calendar', assessmentSchema, assessment((a) => (a.assessment.date = '2025-02-30')), [[['assessment', 'date'], 'value', '"date" must be a real calendar date in the form YYYY-MM-DD, not the text "2025-02-30".']]],
    ['a bad slug', assessmentSchema, assessment((a) => (a.feature.id = 'Computer Use')), [[['feature', 'id'], 'value', '"id" must be a slug: lower-case letters, digits and hyphens, starting with a letter or digit, not the text "Computer Use".']]],
    ['a number below its minimum', configSchema(), config({ maxWarnings: -2 }), [[['maxWarnings'], 'value', '"maxWarnings" must be at least -1.']]],
    ['a fraction for a whole number', configSchema(), config({ maxWarnings: 1.5 }), [[['maxWarnings'], 'value', '"maxWarnings" must be a whole number, not the number 1.5.']]],
    [
      'a locked rule turned off',
      configSchema(),
      config({ rules: { schema: 'off' } }),
      [[['rules', 'schema'], 'value', 'schema cannot be set to "off": yaml-syntax, file-too-large and schema are always errors, since a file that does not parse or fit cannot be checked.']],
    ],
    ['a rule set to a bad level', configSchema(), config({ rules: { 'review-overdue': 'loud' } }), [[['rules', 'review-overdue'], 'value', '"loud" is not a valid review-overdue; expected one of: error, warning, info, off.']]],
    [
      'a condition value that is neither a value nor a list',
      catalogLayerSchema(),
      layer({ safeguards: [{ id: 'product.x', recommend_when: [{ category: { a: 1 } }] }] }),
      [[['safeguards', 0, 'recommend_when', 0, 'category'], 'value', '"category" must be a value or a list of values, not a mapping.']],
    ],
    [
      'a record key not of its form',
      catalogLayerSchema(),
      layer({ safeguards: [{ id: 'product.x', mappings: { 'NIST RMF': ['GOVERN 1.1'] } }] }),
      [[['safeguards', 0, 'mappings', 'NIST RMF'], 'key', 'The key "NIST RMF" in mappings must be a framework slug: lower-case letters, digits and hyphens.']],
    ],
    ['a raise that is not a step up', catalogLayerSchema(), layer({ safeguards: [{ id: 'product.x', raises: { over_refusal: { likelihood: 0 } } }] }), [[['safeguards', 0, 'raises', 'over_refusal', 'likelihood'], 'value', '"likelihood" must be at least 0 (exclusive).']]],
    ['a cap below 0', catalogLayerSchema(), layer({ framework: { max_shift: { scale: -1 } } }), [[['framework', 'max_shift', 'scale'], 'value', '"scale" must be at least 0.']]],
    ['an effect that is not a step down', catalogLayerSchema(), layer({ safeguards: [{ id: 'product.x', effects: { likelihood: 1 } }] }), [[['safeguards', 0, 'effects', 'likelihood'], 'value', '"likelihood" must be at most 0.']]],
    [
      'a key of a record of another form',
      z.record(z.string().check(z.minLength(2)), z.number()),
      { c: 1 },
      [[['c'], 'key', 'The key "c" in the document must be a valid key.']],
    ],
    ['a problem of another kind, in its own words', z.strictObject({ n: z.number().check(z.refine((n) => n % 2 === 0, 'an even number please')) }), { n: 3 }, [[['n'], 'value', '"n": an even number please.']]],
    [
      'a problem of another kind under a mapping that is absent, in its own words at its own path',
      z.strictObject({ a: z.optional(z.strictObject({ b: z.optional(z.number()) })) }).check(
        z.superRefine((v, ctx) => {
          if (!v.a) ctx.issues.push({ code: 'custom', path: ['a', 'b'], message: 'b is needed without a', input: v });
        }),
      ),
      {},
      [[['a', 'b'], 'value', '"b": b is needed without a.']],
    ],
    ['each problem once', z.intersection(z.object({ a: z.string() }), z.object({ a: z.string() })), {}, [[[], 'firstKey', 'Missing required key "a".']]],
    [
      'the same message at two paths whose keys run together',
      z.strictObject({ a: z.strictObject({ b: z.strictObject({ c: z.number() }) }), ab: z.strictObject({ c: z.number() }) }),
      { a: { b: { c: 'x' } }, ab: { c: 'x' } },
      [
        [['a', 'b', 'c'], 'value', '"c" must be a number, not the text "x".'],
        [['ab', 'c'], 'value', '"c" must be a number, not the text "x".'],
      ],
    ],
    ['a text for true or false', catalogLayerSchema(), layer({ categories: [{ id: 'privacy', escalate: 'yes' }] }), [[['categories', 0, 'escalate'], 'value', '"escalate" must be true or false, not the text "yes".']]],
    ['a type without words of its own, by its name', z.strictObject({ a: z.null() }), { a: 1 }, [[['a'], 'value', '"a" must be null, not the number 1.']]],
    [
      'an unknown key in the steps of a raise, a record of mappings',
      catalogLayerSchema(),
      layer({ safeguards: [{ id: 'product.x', raises: { over_refusal: { likelyhood: 1 } } }] }),
      [[['safeguards', 0, 'raises', 'over_refusal', 'likelyhood'], 'key', 'Unknown key "likelyhood". Did you mean "likelihood"? Allowed here: likelihood, scale, duration, causality, technology_contribution.']],
    ],
    [
      'an unknown key in one option of a union, where another option has no such key',
      z.strictObject({ u: z.union([z.strictObject({ a: z.strictObject({ b: z.number() }) }), z.strictObject({ c: z.number() })]) }),
      { u: { a: { b: 1, zzzzzz: 1 } } },
      [[['u', 'a', 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: b.']],
    ],
    [
      'an unknown key in a mapping that may also be a number',
      z.strictObject({ u: z.union([z.strictObject({ b: z.number() }), z.number()]) }),
      { u: { b: 1, zzzzzz: 1 } },
      [[['u', 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: b.']],
    ],
    ['an unknown key where no key is allowed', z.strictObject({}), { zzzzzz: 1 }, [[['zzzzzz'], 'key', 'Unknown key "zzzzzz".']]],
    ['an unknown key in a mapping that may be empty', z.strictObject({ a: z.nullable(z.strictObject({ name: z.string() })) }), { a: { name: 'x', zzzzzz: 1 } }, [[['a', 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: name.']]],
    ['an unknown key in a mapping with a default', z.strictObject({ a: z._default(z.strictObject({ name: z.string() }), { name: 'x' }) }), { a: { name: 'x', zzzzzz: 1 } }, [[['a', 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: name.']]],
    [
      'an unknown key in a mapping that is then transformed',
      z.strictObject({ a: z.pipe(z.strictObject({ name: z.string() }), z.transform((v) => v)) }),
      { a: { name: 'x', zzzzzz: 1 } },
      [[['a', 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: name.']],
    ],
    [
      'an unknown key in a mapping that may also be a text',
      z.strictObject({ a: z.union([z.strictObject({ name: z.string() }), z.string()]) }),
      { a: { name: 'x', zzzzzz: 1 } },
      [[['a', 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: name.']],
    ],
    [
      'an unknown key under a value that may be a list or a mapping, by key',
      z.strictObject({ a: z.union([z.array(z.strictObject({ left: z.string() })), z.strictObject({ b: z.strictObject({ right: z.string() }) }), z.string()]) }),
      { a: { b: { right: 'x', zzzzzz: 1 } } },
      [[['a', 'b', 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: right.']],
    ],
    [
      'an unknown key under a value that may be a list or a mapping, by index',
      z.strictObject({ a: z.union([z.array(z.strictObject({ left: z.string() })), z.strictObject({ 0: z.strictObject({ right: z.string() }) })]) }),
      { a: [{ left: 'x', zzzzzz: 1 }] },
      [[['a', 0, 'zzzzzz'], 'key', 'Unknown key "zzzzzz". Allowed here: left.']],
    ],
    ['a value of another type, by its type', z.strictObject({ n: z.string() }), { n: 10n }, [[['n'], 'value', '"n" must be a text, not bigint 10.']]],
    ['an absent document', z.strictObject({ name: z.string() }), undefined, [[[], 'value', 'The document is empty.']]],
    [
      'a key missing from a mapping made from an absent document',
      z.pipe(z.transform(() => ({})), z.strictObject({ d: z.string() })),
      undefined,
      [[[], 'firstKey', 'Missing required key "d".']],
    ],
    [
      'a key missing from a mapping made from a text',
      z.strictObject({ a: z.pipe(z.transform(() => ({ c: {} })), z.strictObject({ c: z.strictObject({ d: z.string() }) })) }),
      { a: 'text' },
      [[['a', 'c'], 'firstKey', 'Missing required key "d" in c.']],
    ],
    [
      'a key missing from a mapping made from an empty value',
      z.strictObject({ a: z.pipe(z.transform(() => ({ c: {} })), z.strictObject({ c: z.strictObject({ d: z.string() }) })) }),
      { a: null },
      [[['a', 'c'], 'firstKey', 'Missing required key "d" in c.']],
    ],
    [
      'a key missing from a mapping made from a text, named like a property of texts',
      z.strictObject({ a: z.pipe(z.transform(() => ({})), z.strictObject({ length: z.string() })) }),
      { a: 'text' },
      [[['a'], 'firstKey', 'Missing required key "length" in a.']],
    ],
    [
      'an unknown key in a mapping made where none was written',
      z.strictObject({ a: z.strictObject({ b: z.pipe(z.transform((): unknown => ({ zzzzzz: 1 })), z.strictObject({})) }) }),
      { a: {} },
      [[['a', 'b', 'zzzzzz'], 'key', 'Unknown key "zzzzzz".']],
    ],
    ['a bad value of a key named like a locked rule, outside rules', z.strictObject({ other: z.strictObject({ schema: z.enum(['error', 'warning']) }) }), { other: { schema: 'off' } }, [[['other', 'schema'], 'value', '"off" is not a valid schema; expected one of: error, warning.']]],
    [
      'a bad value of a key named like a locked rule, deeper in rules',
      z.strictObject({ rules: z.strictObject({ x: z.strictObject({ schema: z.enum(['error', 'warning']) }) }) }),
      { rules: { x: { schema: 'off' } } },
      [[['rules', 'x', 'schema'], 'value', '"off" is not a valid schema; expected one of: error, warning.']],
    ],
    ['an unsupported kind among several', z.strictObject({ kind: z.enum(['Assessment', 'Catalog']) }), { kind: 'Config' }, [[['kind'], 'value', 'Unsupported kind "Config"; supported: Assessment, Catalog.']]],
    ['a list too short by more than one', z.strictObject({ xs: z.array(z.string()).check(z.minLength(2)) }), { xs: ['a'] }, [[['xs'], 'value', '"xs" needs at least 2 entries.']]],
    ['a text that is not a URL', z.strictObject({ u: z.url() }), { u: 'nowhere' }, [[['u'], 'value', '"u" must be an http(s) URL, not the text "nowhere".']]],
    ['a text not in another format, by the format', z.strictObject({ e: z.email() }), { e: 'nowhere' }, [[['e'], 'value', '"e" must be email, not the text "nowhere".']]],
  ])('%s', (_name, schema, value, expected) => {
    const { calls, findings } = report(schema, value);
    expect(calls.map(({ path, anchor, message }) => [path, anchor, message])).toEqual(expected);
    expect(findings.every((f) => f.rule === 'schema' && f.level === 'error')).toBe(true);
  });

  it(`lists at most ${MAX_SCHEMA_FINDINGS} problems, then says how many more there are`, () => {
    const value = assessment((a) => (a.assessment.assessors = Array.from({ length: MAX_SCHEMA_FINDINGS + 30 }, () => 7)));
    const { calls, findings } = report(assessmentSchema, value);
    // The last call says how many more, at the first problem not listed, through the sink's own
    // placing (a catalog's sink names the layer file that holds it).
    expect(calls).toHaveLength(MAX_SCHEMA_FINDINGS + 1);
    expect(calls[MAX_SCHEMA_FINDINGS - 1]!.path).toEqual(['assessment', 'assessors', MAX_SCHEMA_FINDINGS - 1]);
    expect(calls[MAX_SCHEMA_FINDINGS]!.path).toEqual(['assessment', 'assessors', MAX_SCHEMA_FINDINGS]);
    expect(findings).toHaveLength(MAX_SCHEMA_FINDINGS + 1);
    expect(findings.at(-1)).toMatchObject({ rule: 'schema', level: 'error', message: '30 more schema problems are not listed; fix the ones above first.' });
  });
});
