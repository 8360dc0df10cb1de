import type { RuleSetting } from '../schema/config.js';
import type { Finding } from '../schema/output.js';
import type { RuleId } from '../schema/rules.js';
import { compareFindings } from './findings.js';
import type { Position } from './locator.js';

export interface FeatureAt {
  file: string;
  /** Repository-relative path: the order that decides which file is "later". */
  uri: string;
  feature: string | null;
  featureIdAt?: Position;
  findings: Finding[];
}

/**
 * The order files are checked and reported in, and the order that decides which
 * of two files using one feature id is "later" (SPEC §4): repository path, in
 * code-point order, then the shown path. Shown paths are relative to the working
 * directory, so ordering by them alone would move a `duplicate-id` from file to
 * file as the command is run from different folders.
 */
export function compareCheckOrder(a: { uri: string; display: string }, b: { uri: string; display: string }): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return a.display < b.display ? -1 : a.display > b.display ? 1 : 0;
}

/**
 * Cross-file `duplicate-id` in one pass. Files are reported in the order that
 * also decides which file is later (compareCheckOrder), so the first file to use
 * a feature id is always reported before any file that uses it again: the
 * finding belongs to the file in hand, which has not been reported yet, and no
 * file ever needs a second look. What is kept is one entry per distinct feature
 * id (where it was first used), never the files or their findings, so memory
 * does not grow with the findings.
 */
export class FeatureIdRegistry {
  private readonly first = new Map<string, string>();
  private readonly level: Finding['level'] | 'off';

  constructor(rules: Partial<Record<RuleId, RuleSetting>> = {}) {
    this.level = rules['duplicate-id'] ?? 'error';
  }

  /** Records the file's feature id, adding the `duplicate-id` finding when an earlier file used it. */
  note(result: FeatureAt): void {
    if (this.level === 'off' || result.feature === null || !result.featureIdAt) return;
    const earlier = this.first.get(result.feature);
    if (earlier === undefined) {
      this.first.set(result.feature, `${result.file}:${result.featureIdAt.line}:${result.featureIdAt.column}`);
      return;
    }
    result.findings.push({
      rule: 'duplicate-id',
      level: this.level,
      message: `Feature id "${result.feature}" is already used by ${earlier}.`,
      file: result.file,
      line: result.featureIdAt.line,
      column: result.featureIdAt.column,
    });
    result.findings.sort(compareFindings);
  }
}
