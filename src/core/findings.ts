import type { FindingLevel } from '../schema/common.js';
import type { RuleSetting } from '../schema/config.js';
import type { Finding, Summary } from '../schema/output.js';
import { LOCKED_RULES, RULES, type RuleId } from '../schema/rules.js';
import type { Locator, Path, Position } from './locator.js';

export type { Finding };

/** Where in the node a finding points: the value, its key, or the mapping's first key. */
export type Anchor = 'value' | 'key' | 'firstKey';

/** Collects findings for one file, turning paths into positions. */
/** What a rule may add to a finding beyond its message and place. */
export interface FindingOptions {
  harm?: string;
  level?: FindingLevel;
  /** The framework clauses the finding's safeguard or category serves (`mappingTags`). */
  tags?: readonly string[];
}

export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(
    readonly file: string,
    readonly locator: Locator,
  ) {}

  at(rule: RuleId, path: Path, message: string, opts: FindingOptions & { anchor?: Anchor } = {}): void {
    const pos = this.locator[opts.anchor ?? 'value'](path);
    this.atPosition(rule, pos, message, opts);
  }

  atPosition(rule: RuleId, pos: Position, message: string, opts: FindingOptions = {}): void {
    const finding: Finding = {
      rule,
      level: opts.level ?? RULES[rule].level,
      message,
      file: this.file,
      line: pos.line,
      column: pos.column,
    };
    if (opts.harm !== undefined) finding.harm = opts.harm;
    if (opts.tags !== undefined && opts.tags.length > 0) finding.tags = opts.tags;
    this.findings.push(finding);
  }
}

/** A finding as the JSON outputs write it (SPEC §7 FINDING): fixed key order, no internal tags. */
export function publicFinding(f: Finding): Finding {
  const out: Finding = { rule: f.rule, level: f.level, message: f.message, file: f.file, line: f.line, column: f.column };
  if (f.harm !== undefined) out.harm = f.harm;
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Applies config `rules` (level or off; never to a locked rule) and sorts by line, then column. */
export function settleFindings(findings: readonly Finding[], rules: Partial<Record<RuleId, RuleSetting>> = {}): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = LOCKED_RULES.has(f.rule) ? undefined : rules[f.rule];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, level: setting } : f);
  }
  return out.sort(compareFindings);
}

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  addToSummary(summary, findings);
  return summary;
}

/** Counts more findings into a running summary (a run that keeps the counts, not the findings). */
export function addToSummary(summary: Summary, findings: readonly Finding[]): void {
  for (const f of findings) {
    if (f.level === 'error') summary.errors++;
    else if (f.level === 'warning') summary.warnings++;
    else summary.infos++;
  }
}

/** One line for a finding on stderr, where no report format applies: `file:line:col: level message (rule)`. */
export function formatFindingLine(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.level} ${f.message} (${f.rule})`;
}
