import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { CheckRun } from '../../src/reporters/types.js';
import { HARM_REPOSITORY } from '../../src/reporters/sarif-rules.js';
import { RULE_IDS, RULES, type RuleId } from '../../src/schema/rules.js';
import { buildCheckRun, buildCleanRun, buildContext, renderFormat } from '../fixtures/check-run.js';
import { expectGolden } from './check-golden.js';
import { TESTDATA } from '../helpers/testdata.js';

// Both packages are CommonJS whose module.exports also carries itself as `default`.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

const validateSarif = (() => {
  const schema = JSON.parse(readFileSync(resolve(TESTDATA, 'sarif/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
})();

interface SarifRule {
  id: string;
  properties: { tags: string[]; 'security-severity'?: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  properties?: { harm?: string; tags?: string[] };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
}

function parseRun(run: CheckRun, verbose = false) {
  const log = JSON.parse(renderFormat('sarif', run, buildContext({ verbose })));
  const sarifRun = log.runs[0];
  return { log, driver: sarifRun.tool.driver, rules: sarifRun.tool.driver.rules as SarifRule[], results: sarifRun.results as SarifResult[] };
}

function severityOf(rules: SarifRule[], id: string): string | undefined {
  return rules.find((r) => r.id === id)?.properties['security-severity'];
}

describe('formatSarif', () => {
  it('matches the golden file', () => {
    expectGolden('sarif', renderFormat('sarif', buildCheckRun(), buildContext()));
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    for (const run of [buildCheckRun(), buildCleanRun(), buildCheckRun([])]) {
      for (const verbose of [false, true]) {
        const log = JSON.parse(renderFormat('sarif', run, buildContext({ verbose })));
        expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
      }
    }
  });

  it('is checked by a validator that does reject what the schema forbids', () => {
    const { log } = parseRun(buildCheckRun());
    log.runs[0].results[0].level = 'info';
    expect(validateSarif(log)).toBe(false);
  });

  it('describes the tool and every rule, with consistent rule indexes', () => {
    const { log, driver, rules, results } = parseRun(buildCheckRun());
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(driver).toMatchObject({ name: 'harm', version: '1.2.3' });
    expect(rules.map((r) => r.id)).toEqual(RULE_IDS);
    expect(rules[RULE_IDS.indexOf('residual-risk')]).toMatchObject({
      id: 'residual-risk',
      name: 'ResidualRisk',
      shortDescription: { text: RULES['residual-risk'].short },
      fullDescription: { text: RULES['residual-risk'].full },
      defaultConfiguration: { level: 'error' },
    });
    expect(rules[RULE_IDS.indexOf('recommended-safeguard')]).toMatchObject({ defaultConfiguration: { level: 'note' } });
    for (const result of results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('follows SARIF1001: a rule name is a readable label that differs from its id, or is left out', () => {
    const { rules } = parseRun(buildCheckRun());
    const named = rules as unknown as { id: string; name?: string }[];
    for (const rule of named) if (rule.name !== undefined) expect(rule.name.toLowerCase()).not.toBe(rule.id.toLowerCase());
    expect(named.find((r) => r.id === 'schema')?.name).toBeUndefined();
    expect(named.find((r) => r.id === 'missing-required-safeguard')?.name).toBe('MissingRequiredSafeguard');
  });

  it('links every rule to its section of docs/rules.md, and the tool to the repository that package.json names', () => {
    const { driver, rules } = parseRun(buildCheckRun());
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { homepage: string; repository: { url: string } };
    expect(pkg.repository.url).toBe(`git+${HARM_REPOSITORY}.git`);
    expect(pkg.homepage).toBe(`${HARM_REPOSITORY}#readme`);
    expect(driver.informationUri).toBe(pkg.homepage);
    // Each rule's section, by its heading (the anchor), says what the rule's short description says.
    const sections = new Map(readFileSync(resolve('docs/rules.md'), 'utf8').split(/^## /m).slice(1).map((s) => [s.slice(0, s.indexOf('\n')), s]));
    for (const rule of rules as unknown as { id: RuleId; helpUri: string }[]) {
      expect(rule.helpUri).toBe(`${HARM_REPOSITORY}/blob/main/docs/rules.md#${rule.id}`);
      expect(sections.get(rule.id), rule.id).toContain(RULES[rule.id].short);
    }
  });

  it('names the command as the automation category, and the checkout when there is one', () => {
    const { log } = parseRun(buildCheckRun());
    expect(log.runs[0].automationDetails).toEqual({ id: 'harm/check/' });
    expect(log.runs[0].versionControlProvenance).toEqual([
      { repositoryUri: 'https://github.com/example/product.git', revisionId: '0123456789abcdef0123456789abcdef01234567', branch: 'main', mappedTo: { uriBaseId: '%SRCROOT%' } },
    ]);
    const outside = JSON.parse(renderFormat('sarif', buildCheckRun(undefined, { version: '1.0.0', framework: null, config: null, command: 'catalog validate' }), buildContext()));
    expect(outside.runs[0].automationDetails).toEqual({ id: 'harm/catalog-validate/' });
    expect(outside.runs[0]).not.toHaveProperty('versionControlProvenance');
  });

  it('gives a rule the highest residual risk among the harms of its results as security-severity', () => {
    const { rules } = parseRun(buildCheckRun());
    expect(severityOf(rules, 'residual-risk')).toBe('7.1');
    expect(severityOf(rules, 'missing-required-safeguard')).toBe('7.1');
    // unknown-reference names the same harm as residual-risk
    expect(severityOf(rules, 'unknown-reference')).toBe('7.1');
    expect(severityOf(rules, 'required-not-implemented')).toBe('2.6');
    expect(severityOf(rules, 'safeguard-overdue')).toBe('5.0');
    expect(severityOf(rules, 'disproportionate-safeguard')).toBe('0.8');
    // no harm, or a file that was not scored, or no result at all: unknown
    expect(severityOf(rules, 'review-overdue')).toBeUndefined();
    expect(severityOf(rules, 'yaml-syntax')).toBeUndefined();
    expect(severityOf(rules, 'recommended-safeguard')).toBeUndefined();
    expect(rules.find((r) => r.id === 'residual-risk')?.properties.tags).toContain('security');
    expect(rules.find((r) => r.id === 'yaml-syntax')?.properties.tags).not.toContain('security');
  });

  it('tags each result with the clauses its safeguard or category serves, and each rule with those frameworks only', () => {
    const { rules, results } = parseRun(buildCheckRun());
    const tagsOf = (rule: string) => results.find((r) => r.ruleId === rule)?.properties?.tags;
    expect(tagsOf('missing-required-safeguard')).toEqual(['nist-ai-rmf:MEASURE 2.4', 'iso-42001:A.6.2.6']);
    expect(tagsOf('residual-risk')).toEqual(['eu-ai-act:Art. 9']);
    expect(tagsOf('review-overdue')).toBeUndefined();
    // GitHub rejects a rule with more than 20 tags: a rule names the frameworks, sorted, not every clause.
    expect(rules.find((r) => r.id === 'missing-required-safeguard')?.properties.tags).toEqual(['harm', 'security', 'iso-42001', 'nist-ai-rmf']);
    expect(rules.find((r) => r.id === 'residual-risk')?.properties.tags).toEqual(['harm', 'security', 'eu-ai-act']);
    expect(rules.find((r) => r.id === 'review-overdue')?.properties.tags).toEqual(['harm']);
  });

  it("keeps a rule within GitHub's 20 tags however many frameworks its results map to", () => {
    const run = buildCheckRun();
    const many = Array.from({ length: 30 }, (_, i) => `framework-${String(i).padStart(2, '0')}:A.1`);
    run.files[0]!.findings = run.files[0]!.findings.map((f) => (f.rule === 'residual-risk' ? { ...f, tags: many } : f));
    const { rules, results } = parseRun(run);
    const tags = rules.find((r) => r.id === 'residual-risk')!.properties.tags;
    expect(tags).toHaveLength(20);
    expect(tags.slice(0, 3)).toEqual(['harm', 'security', 'framework-00']);
    expect(results.find((r) => r.ruleId === 'residual-risk')?.properties?.tags).toEqual(many);
  });

  it('takes the maximum across files', () => {
    const { rules } = parseRun(buildCheckRun(), true);
    // recommended-safeguard results: computer-use harm at 7.1, agent-tools harm at 5.0
    expect(severityOf(rules, 'recommended-safeguard')).toBe('7.1');
  });

  it('maps levels, leaving infos out unless --verbose, and points at repository-relative URIs', () => {
    const quiet = parseRun(buildCheckRun()).results;
    expect(quiet).toHaveLength(8);
    expect(quiet.map((r) => r.level)).not.toContain('note');
    const verbose = parseRun(buildCheckRun(), true).results;
    expect(verbose).toHaveLength(10);
    expect(verbose.filter((r) => r.level === 'note').map((r) => r.ruleId)).toEqual(['recommended-safeguard', 'recommended-safeguard']);
    const residual = quiet.find((r) => r.ruleId === 'residual-risk');
    expect(residual?.level).toBe('error');
    expect(residual?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'assessments/features/computer-use.harm.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 20, startColumn: 9 },
    });
    expect(quiet.find((r) => r.ruleId === 'safeguard-overdue')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'assessments/features/agent%20tools.harm.yaml',
    );
    expect(quiet.find((r) => r.ruleId === 'review-overdue')?.level).toBe('warning');
  });

  it('keeps messages as plain text', () => {
    const { results } = parseRun(buildCheckRun());
    expect(results.find((r) => r.ruleId === 'missing-required-safeguard')?.message.text).toBe(
      "Safeguard 'detection.account-monitoring' is required for harm 'unauthorized-financial-automation': 100% of <high & critical> cases, every stage\nDeclare it or record a waiver.",
    );
  });
});
