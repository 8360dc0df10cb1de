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
 * file ever needs a second look. What is kept is one small entry per distinct
 * feature id (which file, by its place in the report, and where in it), never
 * the files or their findings, so memory does not grow with the findings.
 */
export class FeatureIdRegistry {
  private readonly first = new Map<string, { file: number; line: number; column: number }>();
  private readonly level: Finding['level'] | 'off';
  private noted = 0;

  /** `fileAt(i)`: the shown path of the i-th file noted. */
  constructor(
    rules: Partial<Record<RuleId, RuleSetting>> | undefined,
    private readonly fileAt: (index: number) => string,
  ) {
    this.level = rules?.['duplicate-id'] ?? 'error';
  }

  /** Records the next file's feature id, adding the `duplicate-id` finding when an earlier file used it. */
  note(result: FeatureAt): void {
    const index = this.noted++;
    if (this.level === 'off' || result.feature === null || !result.featureIdAt) return;
    const earlier = this.first.get(result.feature);
    if (earlier === undefined) {
      this.first.set(result.feature, { file: index, line: result.featureIdAt.line, column: result.featureIdAt.column });
      return;
    }
    result.findings.push({
      rule: 'duplicate-id',
      level: this.level,
      message: `Feature id "${result.feature}" is already used by ${this.fileAt(earlier.file)}:${earlier.line}:${earlier.column}.`,
      file: result.file,
      line: result.featureIdAt.line,
      column: result.featureIdAt.column,
    });
    result.findings.sort(compareFindings);
  }
}

/** The same rule over files all in memory (`harm report`): they are noted in report order, wherever they sit in `results`. */
export function addDuplicateFeatureFindings(results: readonly FeatureAt[], rules?: Partial<Record<RuleId, RuleSetting>>): void {
  const ordered = [...results].sort((a, b) => compareCheckOrder({ uri: a.uri, display: a.file }, { uri: b.uri, display: b.file }));
  const registry = new FeatureIdRegistry(rules, (i) => ordered[i]!.file);
  for (const result of ordered) registry.note(result);
}
