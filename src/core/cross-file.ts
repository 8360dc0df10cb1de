import type { RuleSetting } from '../schema/config.js';
import type { Finding } from '../schema/output.js';
import type { RuleId } from '../schema/rules.js';
import { compareFindings } from './findings.js';
import type { Position } from './locator.js';

export interface FeatureAt {
  file: string;
  /** Repository-relative path: the order that decides which file is "later", whatever the working directory. */
  uri?: string;
  feature: string | null;
  featureIdAt?: Position;
  findings: Finding[];
}

/**
 * A feature id used by two files: the later file (by repository path, code-point
 * order) gets a `duplicate-id` at its feature id, naming the first place. Shown
 * paths are relative to the working directory, so ordering by them would move the
 * finding from file to file as the command is run from different folders.
 */
export function addDuplicateFeatureFindings<T extends FeatureAt>(results: T[], rules: Partial<Record<RuleId, RuleSetting>> = {}): void {
  const setting = rules['duplicate-id'];
  if (setting === 'off') return;
  const first = new Map<string, T>();
  const key = (r: T) => r.uri ?? r.file;
  const ordered = [...results].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const result of ordered) {
    if (result.feature === null || !result.featureIdAt) continue;
    const earlier = first.get(result.feature);
    if (!earlier) {
      first.set(result.feature, result);
      continue;
    }
    const where = earlier.featureIdAt ? `${earlier.file}:${earlier.featureIdAt.line}:${earlier.featureIdAt.column}` : earlier.file;
    result.findings.push({
      rule: 'duplicate-id',
      level: setting ?? 'error',
      message: `Feature id "${result.feature}" is already used by ${where}.`,
      file: result.file,
      line: result.featureIdAt.line,
      column: result.featureIdAt.column,
    });
    result.findings.sort(compareFindings);
  }
}
