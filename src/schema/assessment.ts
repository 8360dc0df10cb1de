import * as z from 'zod/mini';
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
  id: z.string().check(z.minLength(1)).register(z.globalRegistry, { description: 'A catalog safeguard id, declared once per harm.' }),
  status: declarationStatusSchema,
  evidence: z.optional(z.string()),
  due: z.optional(isoDateSchema),
  note: z.optional(z.string()),
});
export type SafeguardDeclaration = z.infer<typeof safeguardDeclarationSchema>;

export const factorsSchema = z.strictObject({
  likelihood: factorLevelSchemas.likelihood,
  scale: factorLevelSchemas.scale,
  duration: factorLevelSchemas.duration,
  affected_populations: z.array(refIdSchema).check(z.minLength(1)),
  causality: factorLevelSchemas.causality,
  technology_contribution: factorLevelSchemas.technology_contribution,
  mitigation_feasibility: factorLevelSchemas.mitigation_feasibility,
});
export type Factors = z.infer<typeof factorsSchema>;

export const escalationSchema = z.strictObject({
  ticket: textSchema,
  decided_by: textSchema,
  date: isoDateSchema,
  outcome: z.optional(z.string()),
});

export const harmSchema = z.strictObject({
  id: slugSchema,
  title: textSchema,
  description: z.optional(z.string()),
  category: refIdSchema,
  dimensions: z.array(refIdSchema).check(z.minLength(1)),
  factors: factorsSchema,
  rationale: z.optional(z.string()),
  escalation: z.optional(escalationSchema),
  safeguards: z.optional(z.array(safeguardDeclarationSchema)),
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

/** The highest residual risk level an acceptance can cover. */
export const ACCEPTANCE_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/** A residual risk knowingly accepted, ISO 31000-style: who, why, up to which level, until when. */
export const acceptanceSchema = z.strictObject({
  harm: refIdSchema,
  up_to: z.enum(ACCEPTANCE_LEVELS),
  reason: textSchema,
  approved_by: textSchema,
  expires: isoDateSchema,
});
export type Acceptance = z.infer<typeof acceptanceSchema>;

export const featureSchema = z.strictObject({
  id: slugSchema,
  name: textSchema,
  description: z.optional(z.string()),
  owner: textSchema,
  stage: stageSchema,
  capabilities: z.optional(z.array(refIdSchema)),
  paths: z.optional(z.array(textSchema)),
  safeguards: z.optional(z.array(safeguardDeclarationSchema)),
});
export type Feature = z.infer<typeof featureSchema>;

export const assessmentSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Assessment'),
    feature: featureSchema,
    assessment: z.strictObject({
      date: isoDateSchema,
      assessors: z.array(textSchema).check(z.minLength(1)),
      review_by: z.optional(isoDateSchema),
    }),
    harms: z.array(harmSchema).check(z.minLength(1)),
    waivers: z.optional(z.array(waiverSchema)),
    acceptances: z.optional(z.array(acceptanceSchema)),
  })
  .register(z.globalRegistry, { title: 'harm Assessment', description: 'A product feature and its potential harms, assessed with harm.' });
export type Assessment = z.infer<typeof assessmentSchema>;
