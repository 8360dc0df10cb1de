import type { FindingLevel } from '../schema/common.js';
import { RULE_IDS, RULES, type RuleId } from '../schema/rules.js';
import { selectVisibleFindings } from './text.js';
import type { CheckRun, ReporterContext } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const HARM_INFORMATION_URI = 'https://www.npmjs.com/package/harm';

const SARIF_LEVELS = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<FindingLevel, string>;
type SarifLevel = (typeof SARIF_LEVELS)[FindingLevel];

interface SarifRule {
  id: RuleId;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity'?: string };
}

interface SarifResult {
  ruleId: RuleId;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: [
    {
      physicalLocation: {
        artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
        region: { startLine: number; startColumn: number };
      };
    },
  ];
  properties?: { harm: string };
}

/** `missing-required-safeguard` → `MissingRequiredSafeguard`: SARIF's name is an identifier-like label. */
function toRuleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

/** Percent-encodes each segment so that spaces and the like still make a valid relative URI reference. */
function toUriReference(uri: string): string {
  return uri.split('/').map(encodeURIComponent).join('/');
}

function buildRule(id: RuleId, risk: number | undefined): SarifRule {
  const meta = RULES[id];
  return {
    id,
    name: toRuleName(id),
    shortDescription: { text: meta.short },
    fullDescription: { text: meta.full },
    help: { text: `${meta.full} ${meta.help}`, markdown: `${meta.full}\n\n**How to fix:** ${meta.help}` },
    defaultConfiguration: { level: SARIF_LEVELS[meta.level] },
    // GitHub code scanning ranks alerts by security-severity only for rules tagged "security".
    properties: risk === undefined ? { tags: ['harm'] } : { tags: ['harm', 'security'], 'security-severity': risk.toFixed(1) },
  };
}

/**
 * SARIF 2.1.0 for code scanning. Every rule is listed (stable ruleIndex); a rule's
 * security-severity is the highest residual risk among the harms its results name.
 * URIs are the repository-relative ones the command computed: nothing here reads the process.
 */
export function formatSarif(run: CheckRun, ctx: ReporterContext): string {
  const ruleIndex = new Map(RULE_IDS.map((id, i) => [id, i]));
  const highestRisk = new Map<RuleId, number>();
  const results: SarifResult[] = [];
  for (const file of run.files) {
    for (const f of selectVisibleFindings(file.findings, ctx.verbose)) {
      const risk = f.harm === undefined ? undefined : file.scored?.harmRisk[f.harm];
      if (risk !== undefined) highestRisk.set(f.rule, Math.max(risk, highestRisk.get(f.rule) ?? 0));
      const result: SarifResult = {
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule) ?? 0,
        level: SARIF_LEVELS[f.level],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUriReference(file.uri), uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line, startColumn: f.column },
            },
          },
        ],
      };
      if (f.harm !== undefined) result.properties = { harm: f.harm };
      results.push(result);
    }
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'harm',
            version: ctx.version,
            informationUri: HARM_INFORMATION_URI,
            rules: RULE_IDS.map((id) => buildRule(id, highestRisk.get(id))),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
