import * as z from 'zod/mini';
import {
  API_VERSION,
  bandIdSchema,
  catalogIdSchema,
  factorLevelSchemas,
  httpUrlSchema,
  lazySchema,
  LEVELS,
  oneOrMany,
  refIdSchema,
  safeguardIdSchema,
  stageSchema,
  textSchema,
  vulnerabilityIdSchema,
} from './common.js';

export const SAFEGUARD_KINDS = ['usage_policy', 'evaluation', 'detection', 'enforcement', 'product', 'transparency', 'escalation'] as const;
export const SAFEGUARD_STAGES = ['design', 'pre_launch', 'post_launch'] as const;
export const BURDENS = ['low', 'medium', 'high'] as const;
export const CONDITION_LEVELS = LEVELS.filter((l) => l !== 'none') as ['low', 'medium', 'high', 'critical'];

function buildEffectsSchema() {
  const shift = z.optional(z.int().check(z.negative()));
  return z.strictObject({
    likelihood: shift,
    scale: shift,
    duration: shift,
    causality: shift,
    technology_contribution: shift,
    exclude_populations: z.optional(z.array(refIdSchema)),
  });
}
export const effectsSchema = lazySchema(buildEffectsSchema);
export type Effects = z.infer<ReturnType<typeof buildEffectsSchema>>;

/** What a safeguard costs a harm of another category: positive whole steps toward the most severe level. */
function buildRaiseStepsSchema() {
  const step = z.optional(z.int().check(z.positive()));
  return z.strictObject({ likelihood: step, scale: step, duration: step, causality: step, technology_contribution: step });
}
export type RaiseSteps = z.infer<ReturnType<typeof buildRaiseStepsSchema>>;
/** Category id → steps; which categories exist is a rule of the merged catalog. */
export const raisesSchema = lazySchema(() => z.record(refIdSchema, buildRaiseStepsSchema()));
export type Raises = Record<string, RaiseSteps>;

/** The most levels safeguards may move each shiftable factor, each way (SPEC §2.2); a factor left out: 2. */
function buildMaxShiftSchema() {
  const cap = z.optional(z.int().check(z.gte(0)));
  return z.strictObject({ likelihood: cap, scale: cap, duration: cap, causality: cap, technology_contribution: cap });
}
export type MaxShift = z.infer<ReturnType<typeof buildMaxShiftSchema>>;

function buildConditionSchema() {
  return z.strictObject({
    dimension: z.optional(oneOrMany(refIdSchema)),
    category: z.optional(oneOrMany(refIdSchema)),
    capability: z.optional(oneOrMany(refIdSchema)),
    population: z.optional(oneOrMany(refIdSchema)),
    stage: z.optional(oneOrMany(stageSchema)),
    min_severity: z.optional(z.enum(CONDITION_LEVELS)),
    min_risk: z.optional(z.enum(CONDITION_LEVELS)),
    factor: z.optional(
      z.strictObject({
        likelihood: z.optional(factorLevelSchemas.likelihood),
        scale: z.optional(factorLevelSchemas.scale),
        duration: z.optional(factorLevelSchemas.duration),
        causality: z.optional(factorLevelSchemas.causality),
        technology_contribution: z.optional(factorLevelSchemas.technology_contribution),
        mitigation_feasibility: z.optional(factorLevelSchemas.mitigation_feasibility),
        vulnerability: z.optional(vulnerabilityIdSchema),
      }),
    ),
  });
}
export const conditionSchema = lazySchema(buildConditionSchema);
export type Condition = z.infer<ReturnType<typeof buildConditionSchema>>;

/** A framework's slug, lower case: `nist-ai-rmf`, `eu-ai-act`, `iso-42001`. */
export const MAPPING_KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Framework slug → the clause ids a safeguard serves or a category relates to (SPEC §1.2). */
export const mappingsSchema = lazySchema(() =>
  z.record(
    z.string().check(z.regex(MAPPING_KEY_PATTERN, { message: 'a framework slug: lower-case letters, digits and hyphens' })),
    z.array(textSchema).check(z.minLength(1)),
  ),
);
export type Mappings = Record<string, string[]>;

type Shape = Record<string, z.ZodMiniType>;

/**
 * Builds the catalog schema twice from one description: the full schema the merged
 * catalog must meet, and the layer schema in which everything but list-entry ids is optional.
 */
function buildCatalogSchema<L extends boolean>(layer: L) {
  const opt = <T extends z.ZodMiniType>(s: T) => (layer ? z.optional(s) : s) as L extends true ? z.ZodMiniOptional<T> : T;
  const obj = <S extends Shape>(shape: S) => z.strictObject(shape);
  const scoredLevel = <T extends z.ZodMiniType>(id: T) =>
    obj({ id, code: opt(z.string()), value: opt(z.number()), description: opt(textSchema) });
  const factor = <T extends z.ZodMiniType>(id: T) =>
    obj({ name: opt(textSchema), levels: opt(z.array(scoredLevel(id)).check(z.minLength(1))) });
  const root = obj({
    $schema: z.optional(z.string()),
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Catalog'),
    extends: z.optional(z.array(z.string().check(z.minLength(1)))),
    remove: z.optional(
      obj({
        safeguards: z.optional(z.array(refIdSchema)),
        categories: z.optional(z.array(refIdSchema)),
        populations: z.optional(z.array(refIdSchema)),
        dimensions: z.optional(z.array(refIdSchema)),
      }),
    ),
    framework: opt(
      obj({
        id: opt(catalogIdSchema),
        version: opt(z.int().check(z.gte(1))),
        dimensions: opt(z.array(obj({ id: catalogIdSchema, name: opt(textSchema), description: opt(textSchema) }))),
        factors: opt(
          obj({
            likelihood: opt(factor(factorLevelSchemas.likelihood)),
            scale: opt(factor(factorLevelSchemas.scale)),
            duration: opt(factor(factorLevelSchemas.duration)),
            causality: opt(factor(factorLevelSchemas.causality)),
            technology_contribution: opt(factor(factorLevelSchemas.technology_contribution)),
            mitigation_feasibility: opt(
              obj({
                name: opt(textSchema),
                levels: opt(
                  z.array(obj({ id: factorLevelSchemas.mitigation_feasibility, code: opt(z.string()), description: opt(textSchema) })).check(z.minLength(1)),
                ),
              }),
            ),
          }),
        ),
        vulnerability: opt(obj({ levels: opt(z.array(scoredLevel(vulnerabilityIdSchema)).check(z.minLength(1))) })),
        populations: opt(
          z.array(obj({ id: catalogIdSchema, name: opt(textSchema), vulnerability: opt(vulnerabilityIdSchema), description: opt(textSchema) })),
        ),
        weights: opt(obj({ scale: opt(z.number()), duration: opt(z.number()), attribution: opt(z.number()), likelihood: opt(z.number()) })),
        bands: opt(z.array(obj({ id: bandIdSchema, min: opt(z.number()) })).check(z.minLength(1))),
        max_shift: z.optional(buildMaxShiftSchema()),
      }),
    ),
    categories: opt(
      z.array(
        obj({
          id: catalogIdSchema,
          name: opt(textSchema),
          description: opt(textSchema),
          dimensions: z.optional(z.array(refIdSchema)),
          escalate: z.optional(z.boolean()),
          escalation_message: z.optional(z.string()),
          mappings: z.optional(mappingsSchema()),
        }),
      ),
    ),
    safeguards: opt(
      z.array(
        obj({
          id: safeguardIdSchema,
          title: opt(textSchema),
          kind: opt(z.enum(SAFEGUARD_KINDS)),
          stage: opt(z.enum(SAFEGUARD_STAGES)),
          burden: opt(z.enum(BURDENS)),
          description: opt(textSchema),
          reference: z.optional(httpUrlSchema),
          mappings: z.optional(mappingsSchema()),
          effects: z.optional(effectsSchema()),
          effects_when: z.optional(z.array(conditionSchema())),
          raises: z.optional(raisesSchema()),
          recommend_when: z.optional(z.array(conditionSchema())),
          require_when: z.optional(z.array(conditionSchema())),
        }),
      ),
    ),
  });
  return root;
}

export const catalogSchema = lazySchema(() =>
  buildCatalogSchema(false).register(z.globalRegistry, {
    title: 'harm Catalog',
    description: 'A harm framework, harm categories and safeguards, or a layer that changes another catalog.',
  }),
);
export const catalogLayerSchema = lazySchema(() =>
  buildCatalogSchema(true).register(z.globalRegistry, {
    title: 'harm Catalog layer',
    description: 'A catalog file as written: every field optional except ids in lists, merged over the catalogs it extends.',
  }),
);

export type Catalog = z.infer<ReturnType<typeof buildCatalogSchema<false>>>;
export type CatalogLayer = z.infer<ReturnType<typeof buildCatalogSchema<true>>>;
export type Framework = Catalog['framework'];
export type CatalogSafeguard = Catalog['safeguards'][number];
export type CatalogCategory = Catalog['categories'][number];
export type Population = Framework['populations'][number];
export type Band = Framework['bands'][number];
