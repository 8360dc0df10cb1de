/** The bounds on YAML input that every reader of harm files keeps. */

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;
export const MAX_ALIAS_COUNT = 100;
/** Far beyond any real assessment or catalog (the built-in catalog has about 3,000). */
export const MAX_NODES = 100_000;
