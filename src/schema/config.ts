import * as z from 'zod/mini';
import { API_VERSION, gateLevelSchema, lazySchema } from './common.js';
import { LOCKED_RULES, RULE_IDS, type RuleId } from './rules.js';

export const RULE_SETTINGS = ['error', 'warning', 'info', 'off'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

function buildConfigSchema() {
  return z
  .strictObject({
    $schema: z.optional(z.string()),
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Config'),
    catalogs: z.optional(z.array(z.string().check(z.minLength(1)))),
    include: z.optional(z.array(z.string().check(z.minLength(1)))),
    exclude: z.optional(z.array(z.string().check(z.minLength(1)))),
    failOn: z.optional(gateLevelSchema),
    failOnSeverity: z.optional(gateLevelSchema),
    maxWarnings: z.optional(z.int().check(z.gte(-1))),
    // An object with one optional key per rule rather than a record, so that a
    // misspelt rule id gets a "did you mean" like any other unknown key.
    rules: z.optional(
      // The locked rules accept only their own level, so that editors flag `off` there too.
      z.strictObject(
        Object.fromEntries(RULE_IDS.map((id) => [id, z.optional(LOCKED_RULES.has(id) ? z.enum(['error']) : z.enum(RULE_SETTINGS))])) as Record<RuleId, z.ZodMiniOptional<z.ZodMiniEnum<{ [K in RuleSetting]: K }>>>,
      ),
    ),
  })
  .register(z.globalRegistry, { title: 'harm Config', description: 'harm.config.yaml: catalogs, files to check, the gate and rule levels.' });
}
export const configSchema = lazySchema(buildConfigSchema);
export type Config = z.infer<ReturnType<typeof buildConfigSchema>>;
