/** The bounds on YAML input that every reader of harm files keeps. */

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;
export const MAX_ALIAS_COUNT = 100;
/** Far beyond any real assessment or catalog (the built-in catalog has about 3,000). */
export const MAX_NODES = 100_000;
/**
 * Tokens of any kind but spaces (values, indicators, comments, line breaks) the
 * full parser reads before giving up: a file of nothing but line breaks or
 * comments still costs the parser an object per token.
 */
export const MAX_TOKENS = 4 * MAX_NODES;
