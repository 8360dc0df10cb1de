import type { DiffOutput } from './types.js';

/** `harm diff --format json`: the SPEC's Diff, as data. */
export function formatDiffJson(output: DiffOutput): string {
  return `${JSON.stringify(output.diff, null, 2)}\n`;
}
