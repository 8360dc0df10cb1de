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
/**
 * A finding as the rules make it. `tags` are the framework clauses (`nist-ai-rmf:MEASURE 2.6`) of the
 * safeguard or category it concerns, for SARIF's `properties.tags`; the JSON outputs leave them out,
 * so that a FINDING is exactly the SPEC's.
 */
export type Finding = z.infer<typeof findingSchema> & { tags?: readonly string[] };

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
  mappings: z.record(z.string(), z.array(z.string())),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

/** The residual risk accepted for a harm; `active` is false once `expires` has passed. */
export const acceptanceReportSchema = z.object({
  upTo: z.enum(['low', 'medium', 'high', 'critical']),
  approvedBy: z.string(),
  expires: z.string(),
  active: z.boolean(),
  reason: z.string(),
});
export type AcceptanceReport = z.infer<typeof acceptanceReportSchema>;

/** The framework a report was scored with; `digest` identifies the whole effective catalog (SPEC §7). */
export const frameworkRefSchema = z.object({
  id: z.string(),
  version: z.number(),
  digest: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
});
export type FrameworkRef = z.infer<typeof frameworkRefSchema>;

export const summarySchema = z.object({
  errors: z.int().check(z.gte(0)),
  warnings: z.int().check(z.gte(0)),
  infos: z.int().check(z.gte(0)),
});
export type Summary = z.infer<typeof summarySchema>;

const toolSchema = z.object({ name: z.literal('harm'), version: z.string() });

export const reportSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Report'),
    tool: toolSchema,
    framework: z.nullable(frameworkRefSchema),
    config: z.nullable(z.string()),
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
        raisedBy: z.array(z.string()),
        acceptance: z.nullable(acceptanceReportSchema),
        mappings: z.record(z.string(), z.array(z.string())),
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

/** The config file a command used, as shown to the user, or null when there was none (SPEC §4). */
const configPathSchema = z.nullable(z.string());

export const checkResultSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('CheckResult'),
    tool: toolSchema,
    /** The framework the files were judged with; null only for a catalog that does not load (`catalog validate`). */
    framework: z.nullable(frameworkRefSchema),
    config: configPathSchema,
    files: z.array(z.object({ file: z.string(), feature: z.nullable(z.string()), findings: z.array(findingSchema) })),
    summary: z.extend(summarySchema, { files: z.int().check(z.gte(0)) }),
  })
  .register(z.globalRegistry, { title: 'harm CheckResult', description: 'The output of `harm check --format json` and `harm validate --format json`.' });
export type CheckResult = z.infer<typeof checkResultSchema>;

/** The two states a comparison or a portfolio shows: as written, and with the implemented safeguards. */
const scorePairSchema = z.object({ inherent: scoreSchema, residual: scoreSchema });
export type ScorePair = z.infer<typeof scorePairSchema>;

const statusOrMissingSchema = recommendationSchema.shape.status;
const factorValueSchema = z.union([z.string(), z.array(z.string())]);
const changeSchema = <T extends z.ZodMiniType>(value: T) => z.object({ old: value, new: value });

const diffSideSchema = z.object({
  /** `path`, or `REV:path` for a side read with git. */
  file: z.string(),
  feature: z.string(),
  stage: stageSchema,
  framework: frameworkRefSchema,
  config: configPathSchema,
});

export const diffSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Diff'),
    tool: toolSchema,
    /** The new side's framework; `frameworkChanged` says whether the old side's differs. */
    framework: frameworkRefSchema,
    config: configPathSchema,
    frameworkChanged: z.boolean(),
    old: diffSideSchema,
    new: diffSideSchema,
    overall: changeSchema(scorePairSchema),
    profile: z.array(z.object({ id: z.string(), old: z.nullable(scorePairSchema), new: z.nullable(scorePairSchema) })),
    harms: z.object({
      added: z.array(z.string()),
      removed: z.array(z.string()),
      changed: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          factors: z.record(z.string(), changeSchema(factorValueSchema)),
          category: z.optional(changeSchema(z.string())),
          dimensions: z.optional(changeSchema(z.array(z.string()))),
          old: scorePairSchema,
          new: scorePairSchema,
          safeguards: z.array(z.object({ id: z.string(), old: statusOrMissingSchema, new: statusOrMissingSchema })),
          raisedBy: z.optional(changeSchema(z.array(z.string()))),
        }),
      ),
    }),
    riskIncreased: z.boolean(),
  })
  .register(z.globalRegistry, { title: 'harm Diff', description: 'The output of `harm diff <old> <new> --format json`.' });
export type Diff = z.infer<typeof diffSchema>;
export type HarmChange = Diff['harms']['changed'][number];

const countSchema = z.int().check(z.gte(0));
/** How a feature stands with a clause: a serving safeguard implemented; else planned or in progress; else needed (required or recommended) but missing; else declared not applicable. */
export const COVERAGE_STATUSES = ['implemented', 'planned', 'missing', 'not_applicable'] as const;
/** A finding, with the feature of the file it is in. */
const featureFindingSchema = z.extend(findingSchema, { feature: z.string() });
const harmRefSchema = { file: z.string(), feature: z.string(), harm: z.string() };

export const portfolioSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Portfolio'),
    tool: toolSchema,
    framework: frameworkRefSchema,
    config: configPathSchema,
    /** The date the report was made for: expiry and review dates are counted from it. */
    today: z.string(),
    /** Worst first: overall residual risk, then severity, then error count; ties by id. */
    features: z.array(
      z.object({
        file: z.string(),
        id: z.string(),
        name: z.string(),
        owner: z.string(),
        stage: stageSchema,
        overall: scorePairSchema,
        dimensions: z.array(z.object({ id: z.string(), residual: scoreSchema })),
        harms: z.array(
          z.extend(scorePairSchema, { id: z.string(), title: z.string(), category: z.string(), dimensions: z.array(z.string()) }),
        ),
        gaps: countSchema,
        reviewOverdue: z.boolean(),
        reviewBy: z.nullable(z.string()),
        waiversExpiringSoon: countSchema,
        acceptancesExpiringSoon: countSchema,
        summary: summarySchema,
      }),
    ),
    /** Files that could not be scored, with the findings that say why. */
    broken: z.array(z.object({ file: z.string(), findings: z.array(findingSchema) })),
    topHarms: z.array(z.extend(scorePairSchema, { ...harmRefSchema, title: z.string(), category: z.string() })),
    gaps: z.array(
      z.object({ ...harmRefSchema, safeguard: z.string(), title: z.string(), status: statusOrMissingSchema, residual: scoreSchema }),
    ),
    escalations: z.array(featureFindingSchema),
    reviewsOverdue: z.array(z.object({ file: z.string(), feature: z.string(), reviewBy: z.string(), daysOverdue: countSchema })),
    expiring: z.array(
      z.object({
        file: z.string(),
        feature: z.string(),
        kind: z.enum(['waiver', 'acceptance']),
        harm: z.string(),
        /** A waiver's safeguard. */
        safeguard: z.optional(z.string()),
        /** An acceptance's highest accepted residual risk level. */
        upTo: z.optional(levelSchema),
        approvedBy: z.string(),
        expires: z.string(),
        daysLeft: countSchema,
      }),
    ),
    drift: z.array(featureFindingSchema),
    tradeoffs: z.array(featureFindingSchema),
    /** `--by-mapping <slug>`: for each clause of that framework, how each feature stands with the safeguards serving it; null without the option. */
    mapping: z.nullable(
      z.object({
        framework: z.string(),
        clauses: z.array(
          z.object({
            clause: z.string(),
            safeguards: z.array(z.string()),
            categories: z.array(z.string()),
            features: z.array(
              z.object({
                file: z.string(),
                feature: z.string(),
                status: z.enum(COVERAGE_STATUSES),
                safeguards: z.array(z.object({ id: z.string(), status: statusOrMissingSchema })),
              }),
            ),
          }),
        ),
      }),
    ),
    summary: z.extend(summarySchema, {
      files: countSchema,
      features: countSchema,
      broken: countSchema,
      byLevel: z.object({ none: countSchema, low: countSchema, medium: countSchema, high: countSchema, critical: countSchema }),
    }),
  })
  .register(z.globalRegistry, { title: 'harm Portfolio', description: 'The output of `harm report --format json`.' });
export type Portfolio = z.infer<typeof portfolioSchema>;
export type PortfolioFeature = Portfolio['features'][number];
