import type { Finding } from '../schema/output.js';
import type { RuleId } from '../schema/rules.js';
import { splitJsonArray } from './json-stream.js';
import { escapeQuotedActing } from './sanitize.js';
import { buildSarifRules, HARM_INFORMATION_URI, RULE_INDEX, RuleTally, SARIF_LEVELS, type SarifLevel, type SarifRule } from './sarif-rules.js';
import { selectVisibleFindings } from './text.js';
import type { CheckRunInfo, CheckStream, FileResult, ReporterContext } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifResult {
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
  properties?: { harm?: string; tags?: string[] };
}

/** Percent-encodes each segment so that spaces and the like still make a valid relative URI reference. */
function toUriReference(uri: string): string {
  return uri.split('/').map(encodeURIComponent).join('/');
}

function buildResult(file: FileResult, f: Finding): SarifResult {
  const result: SarifResult = {
    ruleId: f.rule,
    ruleIndex: RULE_INDEX.get(f.rule) ?? 0,
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
  const properties: NonNullable<SarifResult['properties']> = {};
  if (f.harm !== undefined) properties.harm = f.harm;
  if (f.tags !== undefined && f.tags.length > 0) properties.tags = [...f.tags];
  if (properties.harm !== undefined || properties.tags !== undefined) result.properties = properties;
  return result;
}

/** A file's results, teaching the tally each rule's highest residual risk and framework clauses. */
export function buildSarifResults(file: FileResult, verbose: boolean, tally: RuleTally): SarifResult[] {
  return selectVisibleFindings(file.findings, verbose).map((f) => {
    tally.note(f.rule, f.harm === undefined ? undefined : file.scored?.harmRisk[f.harm], f.tags);
    return buildResult(file, f);
  });
}

/**
 * The SARIF 2.1.0 log, built in this one place. URIs are the repository-relative
 * ones the command computed (`%SRCROOT%` is the checkout the provenance names):
 * nothing here reads the process.
 */
export function buildSarifLog(info: CheckRunInfo, ctx: ReporterContext, rules: SarifRule[], results: SarifResult[]) {
  const repository = info.repository;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'harm', version: ctx.version, informationUri: HARM_INFORMATION_URI, rules } },
        // GitHub code scanning files the alerts of each command under its own category.
        automationDetails: { id: `harm/${info.command.replace(' ', '-')}/` },
        ...(repository
          ? {
              versionControlProvenance: [
                {
                  repositoryUri: repository.uri,
                  ...(repository.revision === undefined ? {} : { revisionId: repository.revision }),
                  ...(repository.branch === undefined ? {} : { branch: repository.branch }),
                  mappedTo: { uriBaseId: '%SRCROOT%' },
                },
              ],
            }
          : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

const RESULTS = ['runs', 0, 'results'] as const;

/**
 * SARIF for code scanning. Every rule is listed before the results and carries the
 * highest residual risk among its results as security-severity, so the results
 * are held back (by the command, on disk when they are many) until the rules are known.
 */
export function streamSarif(info: CheckRunInfo, ctx: ReporterContext): CheckStream {
  const tally = new RuleTally();
  // Where the results sit does not depend on the rules: items can be written before the head is known.
  const layout = splitJsonArray(buildSarifLog(info, ctx, [], []), RESULTS);
  let count = 0;
  return {
    head: undefined,
    file: (file) => escapeQuotedActing(buildSarifResults(file, ctx.verbose, tally).map((r) => layout.item(r, count++)).join('')),
    finish: () => {
      const parts = splitJsonArray(buildSarifLog(info, ctx, buildSarifRules(tally), []), RESULTS);
      return { head: escapeQuotedActing(parts.head), tail: `${parts.tail(count)}\n` };
    },
  };
}
