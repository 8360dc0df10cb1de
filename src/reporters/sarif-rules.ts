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

function buildRule(id: RuleId, risk: number | undefined): SarifRule {
  const meta = RULES[id];
  const name = ruleName(id);
  return {
    id,
    ...(name === undefined ? {} : { name }),
    shortDescription: { text: meta.short },
    fullDescription: { text: meta.full },
    help: { text: `${meta.full} ${meta.help}`, markdown: `${meta.full}\n\n**How to fix:** ${meta.help}` },
    helpUri: ruleHelpUri(id),
    defaultConfiguration: { level: SARIF_LEVELS[meta.level] },
    // GitHub code scanning ranks alerts by security-severity only for rules tagged "security".
    properties: risk === undefined ? { tags: ['harm'] } : { tags: ['harm', 'security'], 'security-severity': risk.toFixed(1) },
  };
}

/** Every rule, in a fixed order (stable ruleIndex); each with the highest residual risk among its results' harms, if any. */
export function buildSarifRules(highestRisk: ReadonlyMap<RuleId, number>): SarifRule[] {
  return RULE_IDS.map((id) => buildRule(id, highestRisk.get(id)));
}

export const RULE_INDEX: ReadonlyMap<RuleId, number> = new Map(RULE_IDS.map((id, i) => [id, i]));
