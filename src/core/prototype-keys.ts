/**
 * Keys that could change an object's prototype when a document becomes plain
 * data. The YAML readers refuse them, with a finding at the key.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
