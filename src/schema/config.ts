import { z } from 'zod';
import { API_VERSION, gateLevelSchema } from './common.js';
import { RULE_IDS } from './rules.js';

export const ruleSettingSchema = z.enum(['error', 'warning', 'info', 'off']);
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

export const configSchema = z
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
    rules: z.partialRecord(z.enum(RULE_IDS), ruleSettingSchema).optional(),
  })
  .meta({ title: 'harm Config', description: 'harm.config.yaml: catalogs, files to check, the gate and rule levels.' });
export type Config = z.infer<typeof configSchema>;
