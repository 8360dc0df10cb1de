import type { FindingLevel } from '../schema/common.js';
import { RULE_IDS, RULES, type RuleId } from '../schema/rules.js';

/** The project's home, also package.json's `repository` and `homepage` (a test keeps them equal). */
export const HARM_REPOSITORY = 'https://github.com/harm-cli/harm';
export const HARM_INFORMATION_URI = `${HARM_REPOSITORY}#readme`;
/** One section per rule, its anchor the rule id. */
const RULES_DOC = `${HARM_REPOSITORY}/blob/main/docs/rules.md`;

export const SARIF_LEVELS = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<FindingLevel, string>;
export type SarifLevel = (typeof SARIF_LEVELS)[FindingLevel];

export interface SarifRule {
  id: RuleId;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity'?: string };
}

/**
 * GitHub code scanning rejects a log with more than 20 tags on a rule. Each result names its
 * own clauses (`nist-ai-rmf:MEASURE 2.6`); a rule names only the frameworks its results map
 * to, at most this many, which a catalog's handful of frameworks never reaches.
 */
const MAX_RULE_TAGS = 20;

/**
 * What the rules learn from the results: the highest residual risk among the harms each
 * rule's results name, and the frameworks their safeguards and categories map to. Both are
 * bounded by the catalog, not by the number of results.
 */
export class RuleTally {
  readonly highestRisk = new Map<RuleId, number>();
  readonly frameworks = new Map<RuleId, Set<string>>();

  note(rule: RuleId, risk: number | undefined, tags: readonly string[] | undefined): void {
    if (risk !== undefined) this.highestRisk.set(rule, Math.max(risk, this.highestRisk.get(rule) ?? 0));
    if (!tags || tags.length === 0) return;
    let set = this.frameworks.get(rule);
    if (!set) this.frameworks.set(rule, (set = new Set()));
    for (const tag of tags) set.add(tag.slice(0, tag.indexOf(':')));
  }
}

/**
 * `missing-required-safeguard` → `MissingRequiredSafeguard`, a label for people.
 * SARIF1001: the name must differ from the id (ignoring case) or be left out,
 * as it is for one-word ids such as `schema`.
 */
function ruleName(id: string): string | undefined {
  const name = id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());
  return name.toLowerCase() === id.toLowerCase() ? undefined : name;
}

function ruleHelpUri(id: RuleId): string {
  return `${RULES_DOC}#${id}`;
}

function buildRule(id: RuleId, risk: number | undefined, frameworks: ReadonlySet<string> | undefined): SarifRule {
  const meta = RULES[id];
  const name = ruleName(id);
  const base = risk === undefined ? ['harm'] : ['harm', 'security'];
  const tags = [...base, ...[...(frameworks ?? [])].sort().slice(0, MAX_RULE_TAGS - base.length)];
  return {
    id,
    ...(name === undefined ? {} : { name }),
    shortDescription: { text: meta.short },
    fullDescription: { text: meta.full },
    help: { text: `${meta.full} ${meta.help}`, markdown: `${meta.full}\n\n**How to fix:** ${meta.help}` },
    helpUri: ruleHelpUri(id),
    defaultConfiguration: { level: SARIF_LEVELS[meta.level] },
    // GitHub code scanning ranks alerts by security-severity only for rules tagged "security".
    properties: risk === undefined ? { tags } : { tags, 'security-severity': risk.toFixed(1) },
  };
}

/** Every rule, in a fixed order (stable ruleIndex); each with what its results taught the tally. */
export function buildSarifRules(tally: RuleTally): SarifRule[] {
  return RULE_IDS.map((id) => buildRule(id, tally.highestRisk.get(id), tally.frameworks.get(id)));
}

export const RULE_INDEX: ReadonlyMap<RuleId, number> = new Map(RULE_IDS.map((id, i) => [id, i]));
