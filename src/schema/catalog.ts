import * as z from 'zod';
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
export const REMOVABLE = ['safeguards', 'categories', 'populations', 'dimensions'] as const;

function buildEffectsSchema() {
  const shift = z.number().int().negative();
  return z.strictObject({
  likelihood: shift.optional(),
  scale: shift.optional(),
  duration: shift.optional(),
  causality: shift.optional(),
  technology_contribution: shift.optional(),
  exclude_populations: z.array(refIdSchema).optional(),
  });
}
export const effectsSchema = lazySchema(buildEffectsSchema);
export type Effects = z.infer<ReturnType<typeof buildEffectsSchema>>;

function buildConditionSchema() {
  return z.strictObject({
  dimension: oneOrMany(refIdSchema).optional(),
  category: oneOrMany(refIdSchema).optional(),
  capability: oneOrMany(refIdSchema).optional(),
  population: oneOrMany(refIdSchema).optional(),
  stage: oneOrMany(stageSchema).optional(),
  min_severity: z.enum(CONDITION_LEVELS).optional(),
  min_risk: z.enum(CONDITION_LEVELS).optional(),
  factor: z
    .strictObject({
      likelihood: factorLevelSchemas.likelihood.optional(),
      scale: factorLevelSchemas.scale.optional(),
      duration: factorLevelSchemas.duration.optional(),
      causality: factorLevelSchemas.causality.optional(),
      technology_contribution: factorLevelSchemas.technology_contribution.optional(),
      mitigation_feasibility: factorLevelSchemas.mitigation_feasibility.optional(),
      vulnerability: vulnerabilityIdSchema.optional(),
    })
    .optional(),
  });
}
export const conditionSchema = lazySchema(buildConditionSchema);
export type Condition = z.infer<ReturnType<typeof buildConditionSchema>>;

type Shape = Record<string, z.ZodType>;

/**
 * Builds the catalog schema twice from one description: the full schema the merged
 * catalog must meet, and the layer schema in which everything but list-entry ids is optional.
 */
function buildCatalogSchema<L extends boolean>(layer: L) {
  const opt = <T extends z.ZodType>(s: T) => (layer ? s.optional() : s) as L extends true ? z.ZodOptional<T> : T;
  const obj = <S extends Shape>(shape: S) => z.strictObject(shape);
  const scoredLevel = <T extends z.ZodType>(id: T) =>
    obj({ id, code: opt(z.string()), value: opt(z.number()), description: opt(textSchema) });
  const factor = <T extends z.ZodType>(id: T) =>
    obj({ name: opt(textSchema), levels: opt(z.array(scoredLevel(id)).min(1)) });
  const root = obj({
    $schema: z.string().optional(),
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Catalog'),
    extends: z.array(z.string().min(1)).optional(),
    remove: obj({
      safeguards: z.array(refIdSchema).optional(),
      categories: z.array(refIdSchema).optional(),
      populations: z.array(refIdSchema).optional(),
      dimensions: z.array(refIdSchema).optional(),
    }).optional(),
    framework: opt(
      obj({
        id: opt(catalogIdSchema),
        version: opt(z.number().int().min(1)),
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
                  z.array(obj({ id: factorLevelSchemas.mitigation_feasibility, code: opt(z.string()), description: opt(textSchema) })).min(1),
                ),
              }),
            ),
          }),
        ),
        vulnerability: opt(obj({ levels: opt(z.array(scoredLevel(vulnerabilityIdSchema)).min(1)) })),
        populations: opt(
          z.array(obj({ id: catalogIdSchema, name: opt(textSchema), vulnerability: opt(vulnerabilityIdSchema), description: opt(textSchema) })),
        ),
        weights: opt(obj({ scale: opt(z.number()), duration: opt(z.number()), attribution: opt(z.number()), likelihood: opt(z.number()) })),
        bands: opt(z.array(obj({ id: bandIdSchema, min: opt(z.number()) })).min(1)),
      }),
    ),
    categories: opt(
      z.array(
        obj({
          id: catalogIdSchema,
          name: opt(textSchema),
          description: opt(textSchema),
          dimensions: z.array(refIdSchema).optional(),
          escalate: z.boolean().optional(),
          escalation_message: z.string().optional(),
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
          reference: httpUrlSchema.optional(),
          effects: effectsSchema().optional(),
          recommend_when: z.array(conditionSchema()).optional(),
          require_when: z.array(conditionSchema()).optional(),
        }),
      ),
    ),
  });
  return root;
}

export const catalogSchema = lazySchema(() =>
  buildCatalogSchema(false).meta({
    title: 'harm Catalog',
    description: 'A harm framework, harm categories and safeguards, or a layer that changes another catalog.',
  }),
);
export const catalogLayerSchema = lazySchema(() =>
  buildCatalogSchema(true).meta({
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
