import * as z from 'zod/mini';

// Compiling fast paths costs more at start-up than it saves on documents this size.
z.config({ jitless: true });

export const API_VERSION = 'harm/v1' as const;

/** Real calendar dates only: the pattern itself knows month lengths and leap years, so JSON Schema users get the same answer. */
export const ISO_DATE_PATTERN =
  /^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$/;

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Ids a catalog defines for dimensions, categories and populations. */
export const CATALOG_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
/** `<kind>.<name>` with a kebab-case name. */
export const SAFEGUARD_ID_PATTERN = /^[a-z0-9][a-z0-9_]*\.[a-z0-9][a-z0-9-]*$/;

/**
 * An http(s) URL with a host. A pattern rather than a URL format check, so that
 * the JSON Schema says exactly what harm checks and strict validators need no
 * format plug-in.
 */
export const HTTP_URL_PATTERN = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;

// zod/mini: the same schemas and issues as zod's chained API at a fraction of
// its load time, which every run of the CLI pays.
// The message is harm's, and the JSON Schema's for editors (yaml-language-server
// shows `patternErrorMessage` instead of the regular expression).
const pattern = (re: RegExp, message: string, meta: { description?: string } = {}) =>
  z.string().check(z.regex(re, { message })).register(z.globalRegistry, { ...meta, patternErrorMessage: `Must be ${message}.` });

export const isoDateSchema = pattern(ISO_DATE_PATTERN, 'a real calendar date in the form YYYY-MM-DD', {
  description: 'An ISO calendar date, YYYY-MM-DD.',
});
export const slugSchema = pattern(SLUG_PATTERN, 'a slug: lower-case letters, digits and hyphens, starting with a letter or digit');
export const httpUrlSchema = pattern(HTTP_URL_PATTERN, 'an http(s) URL');
export const textSchema = pattern(/\S/, 'a non-empty text');
/** A reference to an id defined by the catalog; whether it exists is the catalog's business, not the schema's. */
export const refIdSchema = z.string().check(z.minLength(1));
export const catalogIdSchema = pattern(CATALOG_ID_PATTERN, 'an id: lower-case letters, digits, "_" and "-"');
export const safeguardIdSchema = pattern(SAFEGUARD_ID_PATTERN, 'a safeguard id of the form <kind>.<kebab-case-name>');

export const STAGES = ['concept', 'development', 'beta', 'ga', 'retired'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export const DECLARATION_STATUSES = ['planned', 'in_progress', 'implemented', 'not_applicable'] as const;
export const declarationStatusSchema = z.enum(DECLARATION_STATUSES);
export type DeclarationStatus = z.infer<typeof declarationStatusSchema>;

/** The levels a score can have, least to most severe. `none` is below the first band. */
export const LEVELS = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];
export const BAND_IDS = ['low', 'medium', 'high', 'critical'] as const;
export const bandIdSchema = z.enum(BAND_IDS);
export const gateLevelSchema = z.enum(['low', 'medium', 'high', 'critical', 'off']);
export type GateLevel = z.infer<typeof gateLevelSchema>;

export const FINDING_LEVELS = ['error', 'warning', 'info'] as const;
export const findingLevelSchema = z.enum(FINDING_LEVELS);
export type FindingLevel = z.infer<typeof findingLevelSchema>;

/**
 * The fixed factor levels, least to most severe, with their vector codes.
 * Catalogs may change values and descriptions but never ids or codes, so vectors
 * and JSON Schemas stay stable.
 */
export const FACTOR_LEVELS = {
  likelihood: [['rare', 'R'], ['unlikely', 'U'], ['possible', 'P'], ['likely', 'L'], ['almost_certain', 'A']],
  scale: [['individual', 'I'], ['group', 'G'], ['community', 'C'], ['widespread', 'W'], ['societal', 'S']],
  duration: [['transient', 'T'], ['short_term', 'S'], ['long_term', 'L'], ['irreversible', 'I']],
  causality: [['indirect', 'I'], ['contributing', 'C'], ['direct', 'D']],
  technology_contribution: [['negligible', 'N'], ['marginal', 'M'], ['significant', 'S'], ['essential', 'E']],
  mitigation_feasibility: [['high', 'H'], ['moderate', 'M'], ['low', 'L'], ['infeasible', 'I']],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;
export const VULNERABILITY_LEVELS = [['none', 'N'], ['elevated', 'E'], ['high', 'H']] as const;

export type FactorName = keyof typeof FACTOR_LEVELS;
/** The factors that carry values and that safeguard effects may shift. */
export const SCORED_FACTORS = ['likelihood', 'scale', 'duration', 'causality', 'technology_contribution'] as const;
export type ScoredFactor = (typeof SCORED_FACTORS)[number];
export type FactorLevelId<F extends FactorName> = (typeof FACTOR_LEVELS)[F][number][0];
export type VulnerabilityId = (typeof VULNERABILITY_LEVELS)[number][0];

export function levelIds<F extends FactorName>(factor: F): [FactorLevelId<F>, ...FactorLevelId<F>[]] {
  return FACTOR_LEVELS[factor].map(([id]) => id) as [FactorLevelId<F>, ...FactorLevelId<F>[]];
}
export const vulnerabilityIdSchema = z.enum(['none', 'elevated', 'high']);

export const factorLevelSchemas = {
  likelihood: z.enum(levelIds('likelihood')),
  scale: z.enum(levelIds('scale')),
  duration: z.enum(levelIds('duration')),
  causality: z.enum(levelIds('causality')),
  technology_contribution: z.enum(levelIds('technology_contribution')),
  mitigation_feasibility: z.enum(levelIds('mitigation_feasibility')),
};

/** A value or a list of values: any of them. */
export function oneOrMany<T extends z.ZodMiniType>(item: T) {
  return z.union([item, z.array(item).check(z.minLength(1))]);
}

/**
 * Builds a schema on first use. zod schemas cost real time to construct, and most
 * runs never need the catalog or config ones.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** Only the header every harm file shares: what is left to check in a file of a kind a command does not read. */
export const documentHeaderSchema = lazySchema(() => z.looseObject({ apiVersion: z.literal(API_VERSION) }));
