import * as z from 'zod';
import {
  API_VERSION,
  declarationStatusSchema,
  factorLevelSchemas,
  isoDateSchema,
  refIdSchema,
  slugSchema,
  stageSchema,
  textSchema,
} from './common.js';

export const safeguardDeclarationSchema = z.strictObject({
  id: refIdSchema.meta({ description: 'A catalog safeguard id, declared once per harm.' }),
  status: declarationStatusSchema,
  evidence: z.string().optional(),
  due: isoDateSchema.optional(),
  note: z.string().optional(),
});
export type SafeguardDeclaration = z.infer<typeof safeguardDeclarationSchema>;

export const factorsSchema = z.strictObject({
  likelihood: factorLevelSchemas.likelihood,
  scale: factorLevelSchemas.scale,
  duration: factorLevelSchemas.duration,
  affected_populations: z.array(refIdSchema).min(1),
  causality: factorLevelSchemas.causality,
  technology_contribution: factorLevelSchemas.technology_contribution,
  mitigation_feasibility: factorLevelSchemas.mitigation_feasibility,
});
export type Factors = z.infer<typeof factorsSchema>;

export const escalationSchema = z.strictObject({
  ticket: textSchema,
  decided_by: textSchema,
  date: isoDateSchema,
  outcome: z.string().optional(),
});

export const harmSchema = z.strictObject({
  id: slugSchema,
  title: textSchema,
  description: z.string().optional(),
  category: refIdSchema,
  dimensions: z.array(refIdSchema).min(1),
  factors: factorsSchema,
  rationale: z.string().optional(),
  escalation: escalationSchema.optional(),
  safeguards: z.array(safeguardDeclarationSchema).optional(),
});
export type Harm = z.infer<typeof harmSchema>;

export const waiverSchema = z.strictObject({
  harm: refIdSchema,
  safeguard: refIdSchema,
  reason: textSchema,
  approved_by: textSchema,
  expires: isoDateSchema,
});
export type Waiver = z.infer<typeof waiverSchema>;

export const featureSchema = z.strictObject({
  id: slugSchema,
  name: textSchema,
  description: z.string().optional(),
  owner: textSchema,
  stage: stageSchema,
  capabilities: z.array(refIdSchema).optional(),
  safeguards: z.array(safeguardDeclarationSchema).optional(),
});
export type Feature = z.infer<typeof featureSchema>;

export const assessmentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Assessment'),
    feature: featureSchema,
    assessment: z.strictObject({
      date: isoDateSchema,
      assessors: z.array(textSchema).min(1),
      review_by: isoDateSchema.optional(),
    }),
    harms: z.array(harmSchema).min(1),
    waivers: z.array(waiverSchema).optional(),
  })
  .meta({ title: 'harm Assessment', description: 'A product feature and its potential harms, assessed with harm.' });
export type Assessment = z.infer<typeof assessmentSchema>;
