import * as z from 'zod';
import { API_VERSION, gateLevelSchema, lazySchema } from './common.js';
import { RULE_IDS, type RuleId } from './rules.js';

export const RULE_SETTINGS = ['error', 'warning', 'info', 'off'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

function buildConfigSchema() {
  return z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Config'),
    catalogs: z.array(z.string().min(1)).optional(),
    include: z.array(z.string().min(1)).optional(),
    exclude: z.array(z.string().min(1)).optional(),
    failOn: gateLevelSchema.optional(),
    failOnSeverity: gateLevelSchema.optional(),
    maxWarnings: z.number().int().min(-1).optional(),
    // An object with one optional key per rule rather than a record, so that a
    // misspelt rule id gets a "did you mean" like any other unknown key.
    rules: z.strictObject(Object.fromEntries(RULE_IDS.map((id) => [id, z.enum(RULE_SETTINGS).optional()])) as Record<RuleId, z.ZodOptional<z.ZodEnum<{ [K in RuleSetting]: K }>>>).optional(),
  })
  .meta({ title: 'harm Config', description: 'harm.config.yaml: catalogs, files to check, the gate and rule levels.' });
}
export const configSchema = lazySchema(buildConfigSchema);
export type Config = z.infer<ReturnType<typeof buildConfigSchema>>;
