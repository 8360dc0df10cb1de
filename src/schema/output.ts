import * as z from 'zod/mini';
import { API_VERSION, findingLevelSchema, LEVELS, stageSchema } from './common.js';
import { RULE_IDS } from './rules.js';

const levelSchema = z.enum(LEVELS);

export const findingSchema = z.strictObject({
  rule: z.enum(RULE_IDS),
  level: findingLevelSchema,
  message: z.string(),
  file: z.string(),
  line: z.int().check(z.gte(1)),
  column: z.int().check(z.gte(1)),
  harm: z.optional(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

export const scoreSchema = z.object({
  severity: z.number().check(z.gte(0), z.lte(10)),
  severityLevel: levelSchema,
  risk: z.number().check(z.gte(0), z.lte(10)),
  riskLevel: levelSchema,
  vector: z.nullable(z.string()),
});
export type Score = z.infer<typeof scoreSchema>;

const statesSchema = z.object({ inherent: scoreSchema, projected: scoreSchema, residual: scoreSchema });

export const recommendationSchema = z.object({
  safeguard: z.string(),
  title: z.string(),
  required: z.boolean(),
  recommended: z.boolean(),
  status: z.enum(['missing', 'planned', 'in_progress', 'implemented', 'not_applicable']),
  waived: z.boolean(),
  reasons: z.array(z.string()),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const summarySchema = z.object({
  errors: z.int().check(z.gte(0)),
  warnings: z.int().check(z.gte(0)),
  infos: z.int().check(z.gte(0)),
});
export type Summary = z.infer<typeof summarySchema>;

export const reportSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Report'),
    tool: z.object({ name: z.literal('harm'), version: z.string() }),
    framework: z.nullable(z.object({ id: z.string(), version: z.number() })),
    file: z.string(),
    feature: z.nullable(z.object({ id: z.string(), name: z.string(), owner: z.string(), stage: stageSchema })),
    profile: z.nullable(
      z.object({
        overall: z.extend(statesSchema, { harms: z.int().check(z.gte(0)) }),
        dimensions: z.array(z.extend(statesSchema, { id: z.string(), harms: z.int().check(z.gte(0)) })),
      }),
    ),
    harms: z.array(
      z.extend(statesSchema, {
        id: z.string(),
        title: z.string(),
        category: z.string(),
        dimensions: z.array(z.string()),
        recommendations: z.array(recommendationSchema),
      }),
    ),
    findings: z.array(findingSchema),
    summary: summarySchema,
  })
  .register(z.globalRegistry, { title: 'harm Report', description: 'The output of `harm assess --format json`.' });
export type Report = z.infer<typeof reportSchema>;
export type HarmReport = Report['harms'][number];
export type Profile = NonNullable<Report['profile']>;

export const checkResultSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('CheckResult'),
    /** The config file in use, relative to the working directory, or null when there was none. */
    config: z.nullable(z.string()),
    files: z.array(z.object({ file: z.string(), feature: z.nullable(z.string()), findings: z.array(findingSchema) })),
    summary: z.extend(summarySchema, { files: z.int().check(z.gte(0)) }),
  })
  .register(z.globalRegistry, { title: 'harm CheckResult', description: 'The output of `harm check --format json` and `harm validate --format json`.' });
export type CheckResult = z.infer<typeof checkResultSchema>;
