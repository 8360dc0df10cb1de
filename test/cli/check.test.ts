import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TESTDATA } from '../helpers/testdata.js';

// CommonJS packages whose module.exports also carries itself as `default`.
const Ajv04 = AjvDraft04.default;
const Ajv07 = Ajv.default;
const addFormats = ajvFormats.default;

const PACKAGE = process.cwd();
const BIN = join(PACKAGE, 'bin', 'harm.js');
const BUILT = existsSync(join(PACKAGE, 'dist', 'main.js')) && existsSync(join(PACKAGE, 'dist', 'check-worker.js'));
const TODAY = '2026-01-15';

const validateSarif = (() => {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(resolve(TESTDATA, 'sarif/sarif-schema-2.1.0.json'), 'utf8')));
})();
const validateCheckResult = (() => {
  const ajv = new Ajv07({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(PACKAGE, 'schemas', 'check-result.schema.json'), 'utf8')));
})();
const JUNIT_XSD = readFileSync(resolve(TESTDATA, 'junit/junit-10.xsd'), 'utf8');

// --- The repository under test ------------------------------------------------

const CONFIG_BODY = `catalogs: [policy/catalog.yaml]
include: ["assessments/**/*.harm.yaml"]
exclude: ["**/drafts/**"]
`;
const config = (extra = '') => `apiVersion: harm/v1\nkind: Config\n${CONFIG_BODY}${extra}`;

/** A policy layer over the built-in catalog: one safeguard the built-in catalog does not have. */
const POLICY_LAYER = `apiVersion: harm/v1
kind: Catalog
safeguards:
  - id: product.finance-signoff
    title: Finance team sign-off before launch
    kind: product
    stage: pre_launch
    burden: low
    description: The finance team reviews every flow that moves money before it ships.
    effects:
      likelihood: -1
    require_when:
      - { capability: payments, min_risk: medium }
`;

/** Clean, and valid only with the policy layer (it declares the layer's safeguard). */
const CHECKOUT = `apiVersion: harm/v1
kind: Assessment
feature:
  id: checkout
  name: Checkout Assistant
  owner: payments-team
  stage: beta
  capabilities: [payments]
  safeguards:
    - id: product.finance-signoff
      status: implemented
assessment:
  date: 2025-11-01
  assessors: [payments-safety@example.com]
  review_by: 2026-11-01
harms:
  - id: wrong-amount
    title: The assistant pays the wrong amount
    category: fraud_scams
    dimensions: [economic]
    factors:
      likelihood: unlikely
      scale: individual
      duration: short_term
      affected_populations: [general_public]
      causality: contributing
      technology_contribution: marginal
      mitigation_feasibility: high
`;

/** A waiver that expired on 2025-12-31, so the gap it covered is open again. */
const REFUNDS = `apiVersion: harm/v1
kind: Assessment
feature:
  id: refunds
  name: Refund Automation
  owner: payments-team
  stage: beta
  capabilities: [payments]
  safeguards:
    - id: product.finance-signoff
      status: implemented
    - id: product.human-confirmation
      status: implemented
assessment:
  date: 2025-11-01
  assessors: [payments-safety@example.com]
harms:
  - id: refund-fraud
    title: Refunds issued to fraudsters at scale
    category: fraud_scams
    dimensions: [economic]
    factors:
      likelihood: possible
      scale: widespread
      duration: long_term
      affected_populations: [general_public, older_adults]
      causality: contributing
      technology_contribution: significant
      mitigation_feasibility: moderate
waivers:
  - harm: refund-fraud
    safeguard: usage_policy.aup-coverage
    reason: The usage policy update is scheduled for the next quarter.
    approved_by: safety-review-board
    expires: 2025-12-31
`;

/** Review overdue (a warning) and a medium risk (6.7 severity, 5.0 risk) that only a stricter gate stops. */
const DESKTOP = `apiVersion: harm/v1
kind: Assessment
feature:
  id: desktop-agent
  name: Desktop Agent
  owner: agents-team
  stage: concept
  capabilities: [computer_use]
  safeguards:
    - id: usage_policy.aup-coverage
      status: implemented
assessment:
  date: 2025-03-01
  assessors: [agents-safety@example.com]
  review_by: 2025-09-01
harms:
  - id: unwanted-purchase
    title: The agent completes a purchase the user did not want
    category: dangerous_advice
    dimensions: [individual_autonomy]
    factors:
      likelihood: possible
      scale: widespread
      duration: long_term
      affected_populations: [general_public]
      causality: contributing
      technology_contribution: significant
      mitigation_feasibility: moderate
`;

/** Uses the feature id of CHECKOUT. */
const CHECKOUT_COPY = `apiVersion: harm/v1
kind: Assessment
feature:
  id: checkout
  name: Checkout Assistant (old copy)
  owner: payments-team
  stage: concept
assessment:
  date: 2025-11-01
  assessors: [payments-safety@example.com]
harms:
  - id: wrong-currency
    title: The assistant shows prices in the wrong currency
    category: dangerous_advice
    dimensions: [economic]
    factors:
      likelihood: rare
      scale: individual
      duration: transient
      affected_populations: [general_public]
      causality: indirect
      technology_contribution: negligible
      mitigation_feasibility: high
`;

const FILES: Record<string, string> = {
  'harm.config.yaml': config('rules: { recommended-safeguard: off }\n'),
  'bare.config.yaml': config(),
  'nocatalog.config.yaml': 'apiVersion: harm/v1\nkind: Config\ninclude: ["assessments/**/*.harm.yaml"]\nexclude: ["**/drafts/**"]\n',
  'gate.config.yaml': config('failOn: medium\nrules: { recommended-safeguard: off }\n'),
  'severity.config.yaml': config('failOnSeverity: medium\nrules: { recommended-safeguard: off }\n'),
  'strict.config.yaml': config('maxWarnings: 0\nrules: { recommended-safeguard: off }\n'),
  'rules.config.yaml': config('rules: { recommended-safeguard: off, review-overdue: error, waiver-expired: off, duplicate-id: warning }\n'),
  'policy/catalog.yaml': POLICY_LAYER,
  'assessments/payments/checkout.harm.yaml': CHECKOUT,
  'assessments/payments/refunds.harm.yaml': REFUNDS,
  'assessments/payments/drafts/wip.harm.yaml': 'apiVersion: harm/v1\nkind: Assessment\nfeature: [unclosed\n',
  'assessments/agents/desktop/computer.harm.yaml': DESKTOP,
  'assessments/agents/computer-use.harm.yaml': readFileSync(join(PACKAGE, 'examples', 'computer-use.yaml'), 'utf8'),
  'assessments/zeta/checkout-copy.harm.yaml': CHECKOUT_COPY,
  // Not *.harm.yaml, and outside the include: neither is checked.
  'assessments/notes.yaml': CHECKOUT_COPY,
  'other/outside.harm.yaml': CHECKOUT_COPY,
  // Outside the include; checked only when named.
  'broken/syntax.harm.yaml': 'apiVersion: harm/v1\nkind: Assessment\nfeature:\n  id: [unclosed\n',
  'broken/shape.harm.yaml': CHECKOUT.replace('  owner: payments-team\n', '  ownr: payments-team\n'),
  'broken/empty.harm.yaml': '',
};

/** Where `needle` starts in `text`, 1-based, plus `skip` characters (to point past a key at its value). */
function locate(text: string, needle: string, skip = 0): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at + skip).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

interface JsonFinding {
  rule: string;
  level: string;
  message: string;
  file: string;
  line: number;
  column: number;
  harm?: string;
}
interface CheckJson {
  apiVersion: string;
  kind: string;
  files: { file: string; feature: string | null; findings: JsonFinding[] }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

const fileOf = (result: CheckJson, file: string) => {
  const found = result.files.find((f) => f.file === file);
  if (!found) throw new Error(`${file} not in ${result.files.map((f) => f.file).join(', ')}`);
  return found;
};
const rulesOf = (result: CheckJson, file: string) => fileOf(result, file).findings.map((f) => f.rule);

let tmp: string;
let repo: string;
let sub: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'harm-check-'));
  repo = join(tmp, 'repo');
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
  const git = spawnSync('git', ['init', '-q'], { cwd: repo, encoding: 'utf8' });
  // Discovery only looks for a .git folder; without git on the machine, make one.
  if (git.status !== 0) mkdirSync(join(repo, '.git'));
  sub = join(repo, 'assessments', 'payments');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const check = (args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) =>
  runCli(['check', '--today', TODAY, ...args], { cwd: opts.cwd ?? sub, ...(opts.env ? { env: opts.env } : {}), today: TODAY });

async function checkJson(args: string[], cwd?: string): Promise<{ code: number; json: CheckJson; stderr: string }> {
  const r = await check(['--format', 'json', ...args], cwd === undefined ? {} : { cwd });
  const json = JSON.parse(r.stdout) as CheckJson;
  expect(validateCheckResult(json), JSON.stringify(validateCheckResult.errors)).toBe(true);
  return { code: r.code, json, stderr: r.stderr };
}

describe('harm check in a repository, run from a subfolder', () => {
  it('checks the files the config includes, without the excluded ones, shown relative to the working directory', async () => {
    const { code, json, stderr } = await checkJson([]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(json.files.map((f) => f.file)).toEqual([
      '../agents/computer-use.harm.yaml',
      '../agents/desktop/computer.harm.yaml',
      '../zeta/checkout-copy.harm.yaml',
      'checkout.harm.yaml',
      'refunds.harm.yaml',
    ]);
    expect(json.files.map((f) => f.feature)).toEqual(['computer-use', 'desktop-agent', 'checkout', 'checkout', 'refunds']);
    expect(json.summary).toEqual({ files: 5, errors: 3, warnings: 1, infos: 0 });
    // Every finding carries the path it is shown under.
    for (const f of json.files) for (const finding of f.findings) expect(finding.file).toBe(f.file);

    const stylish = await check([]);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toMatch(/^\.\.\/agents\/desktop\/computer\.harm\.yaml$/m);
    expect(stylish.stdout).toMatch(/^refunds\.harm\.yaml$/m);
    expect(stylish.stdout).not.toMatch(/drafts|wip\.harm|outside|notes\.yaml/);
    expect(stylish.stdout).toContain('✖ 4 problems (3 errors, 1 warning), 5 files checked');
  });

  it('finds the same files, shown from the root, when run at the repository root', async () => {
    const { json } = await checkJson([], repo);
    expect(json.files.map((f) => f.file)).toEqual([
      'assessments/agents/computer-use.harm.yaml',
      'assessments/agents/desktop/computer.harm.yaml',
      'assessments/payments/checkout.harm.yaml',
      'assessments/payments/refunds.harm.yaml',
      'assessments/zeta/checkout-copy.harm.yaml',
    ]);
  });

  it('reads the catalog layer the config names (relative to the config file)', async () => {
    const withLayer = await checkJson(['checkout.harm.yaml']);
    expect(withLayer.code).toBe(0);
    expect(fileOf(withLayer.json, 'checkout.harm.yaml').findings).toEqual([]);

    const withoutLayer = await checkJson(['checkout.harm.yaml', '--config', '../../nocatalog.config.yaml']);
    expect(withoutLayer.code).toBe(1);
    const unknown = fileOf(withoutLayer.json, 'checkout.harm.yaml').findings.filter((f) => f.rule === 'unknown-reference');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ level: 'error', ...locate(CHECKOUT, 'id: product.finance-signoff', 4) });
    expect(unknown[0]!.message).toContain('product.finance-signoff');
  });

  it('fails on an expired waiver, at its expires value; a waiver expiring today still holds', async () => {
    const expired = await checkJson(['refunds.harm.yaml']);
    expect(expired.code).toBe(1);
    const findings = fileOf(expired.json, 'refunds.harm.yaml').findings;
    expect(findings.find((f) => f.rule === 'waiver-expired')).toMatchObject({
      level: 'error',
      file: 'refunds.harm.yaml',
      ...locate(REFUNDS, 'expires: 2025-12-31', 'expires: '.length),
    });
    // The waiver no longer covers its gap, so the gap is reported too.
    expect(findings.find((f) => f.rule === 'missing-required-safeguard')).toMatchObject({ level: 'error', harm: 'refund-fraud' });

    const onTheDay = await runCli(['check', 'refunds.harm.yaml', '--today', '2025-12-31'], { cwd: sub });
    expect(onTheDay.code).toBe(0);
    expect(onTheDay.stdout).toContain('no problems');
  });

  it('reports a feature id used in two files at the later file by repository path, naming the other, from any folder', async () => {
    const fromSub = await checkJson([]);
    expect(rulesOf(fromSub.json, 'checkout.harm.yaml')).toEqual([]);
    const dup = fileOf(fromSub.json, '../zeta/checkout-copy.harm.yaml').findings;
    expect(dup).toEqual([
      {
        rule: 'duplicate-id',
        level: 'error',
        message: expect.stringContaining('checkout.harm.yaml:4:7'),
        file: '../zeta/checkout-copy.harm.yaml',
        ...locate(CHECKOUT_COPY, 'id: checkout', 4),
      },
    ]);
    expect(dup[0]!.message).toContain('"checkout"');

    // From the root the shown paths differ, but the same file gets the finding.
    const fromRoot = await checkJson([], repo);
    expect(rulesOf(fromRoot.json, 'assessments/payments/checkout.harm.yaml')).toEqual([]);
    const atRoot = fileOf(fromRoot.json, 'assessments/zeta/checkout-copy.harm.yaml').findings;
    expect(atRoot.map((f) => f.rule)).toEqual(['duplicate-id']);
    expect(atRoot[0]!.message).toContain('assessments/payments/checkout.harm.yaml:4:7');
  });

  it('treats an overdue review as a warning, not an error', async () => {
    const r = await checkJson(['../agents/desktop/computer.harm.yaml']);
    expect(r.code).toBe(0);
    expect(fileOf(r.json, '../agents/desktop/computer.harm.yaml').findings).toEqual([
      {
        rule: 'review-overdue',
        level: 'warning',
        message: expect.stringContaining('2025-09-01'),
        file: '../agents/desktop/computer.harm.yaml',
        ...locate(DESKTOP, 'review_by: 2025-09-01', 'review_by: '.length),
      },
    ]);
    const stylish = await check(['../agents/desktop/computer.harm.yaml']);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toMatch(/15:14\s+warning\s+.*review-overdue/);
  });

  it('writes SARIF 2.1.0 with repository-relative URIs and the findings\' positions', async () => {
    const [sarif, json] = await Promise.all([check(['--format', 'sarif']), checkJson([])]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const results = log.runs[0].results as {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
    const uris = results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    for (const uri of uris) {
      expect(uri).not.toMatch(/^\//);
      expect(uri.split('/')).not.toContain('..');
      expect(existsSync(join(repo, uri)), uri).toBe(true);
    }
    // Same findings, same places, as the JSON (infos are off in this config, so nothing is hidden).
    const fromJson = json.json.files.flatMap((f) =>
      f.findings.map((x) => ({ rule: x.rule, uri: relative(repo, resolve(sub, f.file)), line: x.line, column: x.column })),
    );
    const fromSarif = results.map((r, i) => ({
      rule: r.ruleId,
      uri: uris[i],
      line: r.locations[0]!.physicalLocation.region.startLine,
      column: r.locations[0]!.physicalLocation.region.startColumn,
    }));
    expect(fromSarif).toEqual(fromJson);
    expect(fromSarif).toContainEqual({ rule: 'waiver-expired', uri: 'assessments/payments/refunds.harm.yaml', ...locate(REFUNDS, 'expires: 2025-12-31', 9) });
    expect(fromSarif).toContainEqual({ rule: 'duplicate-id', uri: 'assessments/zeta/checkout-copy.harm.yaml', line: 4, column: 7 });
  });

  it('writes JUnit XML valid against the JUnit XSD, one test suite per file', async () => {
    const r = await check(['--format', 'junit']);
    expect(r.code).toBe(1);
    const result = await validateXML({ xml: [{ fileName: 'harm.xml', contents: r.stdout }], schema: [{ fileName: 'junit-10.xsd', contents: JUNIT_XSD }] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const suites = [...r.stdout.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    expect(suites).toEqual([
      '../agents/computer-use.harm.yaml',
      '../agents/desktop/computer.harm.yaml',
      '../zeta/checkout-copy.harm.yaml',
      'checkout.harm.yaml',
      'refunds.harm.yaml',
    ]);
    expect([...r.stdout.matchAll(/<failure /g)]).toHaveLength(4);
  });

  it('writes GitHub annotations and appends a Markdown summary to GITHUB_STEP_SUMMARY', async () => {
    const summaryFile = join(tmp, 'step-summary.md');
    writeFileSync(summaryFile, '# Earlier step\n');
    const r = await check(['--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summaryFile } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const { line, column } = locate(REFUNDS, 'expires: 2025-12-31', 9);
    expect(lines).toContain(
      `::error file=assessments/payments/refunds.harm.yaml,line=${line},col=${column},title=waiver-expired::The waiver for safeguard "usage_policy.aup-coverage" on harm "refund-fraud" expired on 2025-12-31.`,
    );
    expect(lines.filter((l) => l.startsWith('::error file=assessments/zeta/checkout-copy.harm.yaml,line=4,col=7,title=duplicate-id::'))).toHaveLength(1);
    const review = locate(DESKTOP, 'review_by: 2025-09-01', 11);
    expect(lines.filter((l) => l.startsWith(`::warning file=assessments/agents/desktop/computer.harm.yaml,line=${review.line},col=${review.column},title=review-overdue::`))).toHaveLength(1);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::\S/);
    expect(lines.at(-1)).toBe('harm: 4 problems (3 errors, 1 warning), 5 files checked');

    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.startsWith('# Earlier step\n')).toBe(true);
    expect(summary).toContain('## harm results');
    expect(summary).toContain('| Level | Location | Rule | Message |');
    expect(summary).toContain('`waiver-expired`');

    // Without the variable, or in another format, nothing is appended.
    const before = readFileSync(summaryFile, 'utf8');
    expect((await check(['--format', 'json'], { env: { GITHUB_STEP_SUMMARY: summaryFile } })).code).toBe(1);
    expect(readFileSync(summaryFile, 'utf8')).toBe(before);
  });

  it('exits 2 for a glob that matches nothing and for an unknown format', async () => {
    const nothing = await check(['nothing/**/*.harm.yaml']);
    expect(nothing.code).toBe(2);
    expect(nothing.stdout).toBe('');
    expect(nothing.stderr).toBe('harm: No files match nothing/**/*.harm.yaml.\n');

    const format = await check(['--format', 'nope']);
    expect(format.code).toBe(2);
    expect(format.stdout).toBe('');
    expect(format.stderr).toContain("argument 'nope' is invalid");
    expect(format.stderr).toContain('stylish, json, junit, sarif, github, markdown');
    expect(format.stderr).not.toMatch(/\n\s+at /);
  });

  it('--max-warnings turns warnings into a failure', async () => {
    const file = '../agents/desktop/computer.harm.yaml';
    const zero = await check([file, '--max-warnings', '0']);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe('harm: 1 warning exceeds --max-warnings 0.\n');
    expect((await check([file, '--max-warnings', '1'])).code).toBe(0);
    expect((await check([file, '--max-warnings', '-1'])).code).toBe(0);
    const bad = await check([file, '--max-warnings', 'few']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-warnings must be a whole number');
  });

  it('--quiet shows errors only', async () => {
    const quiet = await check(['--quiet']);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain('warning  ');
    expect(quiet.stdout).not.toContain('computer.harm.yaml');
    expect(quiet.stdout).toContain('waiver-expired');
    expect(quiet.stdout).toContain('3 problems (3 errors, 0 warnings), 5 files checked');

    const json = await checkJson(['--quiet']);
    expect(json.json.files.flatMap((f) => f.findings).every((f) => f.level === 'error')).toBe(true);
    expect(json.json.summary).toMatchObject({ errors: 3, warnings: 0 });

    // A run with warnings only passes quietly.
    const warningsOnly = await check(['../agents/desktop/computer.harm.yaml', '--quiet']);
    expect(warningsOnly.code).toBe(0);
    expect(warningsOnly.stdout).toBe('✔ 1 file checked, no problems\n');

    // Hidden warnings still count against --max-warnings.
    const gated = await check(['../agents/desktop/computer.harm.yaml', '--quiet', '--max-warnings', '0']);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/exceeds? --max-warnings 0/);
  });

  it('--fail-on and --fail-on-severity move the gate', async () => {
    const file = '../agents/desktop/computer.harm.yaml';
    const gateFindings = async (args: string[]) => {
      const r = await checkJson([file, ...args]);
      return { code: r.code, gate: fileOf(r.json, file).findings.filter((f) => f.rule === 'residual-risk') };
    };
    // Risk 5.0 and severity 6.7, both medium: the default gates (high, critical) let it pass.
    expect(await gateFindings([])).toEqual({ code: 0, gate: [] });
    const risk = await gateFindings(['--fail-on', 'medium']);
    expect(risk.code).toBe(1);
    expect(risk.gate).toEqual([expect.objectContaining({ level: 'error', harm: 'unwanted-purchase', ...locate(DESKTOP, 'id: unwanted-purchase', 4) })]);
    expect(risk.gate[0]!.message).toContain('risk medium (5.0)');
    const severity = await gateFindings(['--fail-on-severity', 'medium']);
    expect(severity.code).toBe(1);
    expect(severity.gate[0]!.message).toContain('severity medium (6.7)');
    expect((await gateFindings(['--fail-on', 'high', '--fail-on-severity', 'high'])).code).toBe(0);
    const bad = await check([file, '--fail-on', 'severe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('allowed choices are low, medium, high, critical, off');
  });

  it('honours failOn, failOnSeverity and maxWarnings from the config, with flags taking precedence', async () => {
    const file = '../agents/desktop/computer.harm.yaml';
    const withConfig = (name: string, ...args: string[]) => check([file, '--config', `../../${name}`, ...args]);

    const gate = await withConfig('gate.config.yaml');
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain('residual-risk');
    expect((await withConfig('gate.config.yaml', '--fail-on', 'high')).code).toBe(0);

    const severity = await withConfig('severity.config.yaml');
    expect(severity.code).toBe(1);
    expect(severity.stdout).toContain('severity gate medium');

    const strict = await withConfig('strict.config.yaml');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('harm: 1 warning exceeds the limit of 0 (maxWarnings in ../../strict.config.yaml).\n');
    expect((await withConfig('strict.config.yaml', '--max-warnings', '-1')).code).toBe(0);
  });

  it('honours the config\'s rules: a level change, and off', async () => {
    // The config in use turns recommended-safeguard off; the same config without rules shows those infos.
    const bare = await checkJson(['--config', '../../bare.config.yaml']);
    const infos = bare.json.files.flatMap((f) => f.findings).filter((f) => f.rule === 'recommended-safeguard');
    expect(infos.length).toBeGreaterThan(0);
    expect(infos.every((f) => f.level === 'info')).toBe(true);
    const off = await checkJson([]);
    expect(off.json.files.flatMap((f) => f.findings).filter((f) => f.rule === 'recommended-safeguard')).toEqual([]);
    expect(off.json.summary.infos).toBe(0);

    // review-overdue → error, waiver-expired → off, duplicate-id → warning.
    const changed = await checkJson(['--config', '../../rules.config.yaml']);
    expect(changed.code).toBe(1);
    expect(fileOf(changed.json, '../agents/desktop/computer.harm.yaml').findings).toEqual([expect.objectContaining({ rule: 'review-overdue', level: 'error' })]);
    expect(rulesOf(changed.json, 'refunds.harm.yaml')).toEqual(['missing-required-safeguard']);
    expect(fileOf(changed.json, '../zeta/checkout-copy.harm.yaml').findings).toEqual([expect.objectContaining({ rule: 'duplicate-id', level: 'warning' })]);
  });

  it('--output replaces the file atomically with exactly what stdout would show', async () => {
    const outDir = join(tmp, 'out');
    mkdirSync(outDir, { recursive: true });
    for (const format of ['sarif', 'stylish', 'junit']) {
      const target = join(outDir, `harm.${format}`);
      writeFileSync(target, 'an older, longer report that must disappear entirely\n'.repeat(50));
      const toStdout = await check(['--format', format]);
      const toFile = await check(['--format', format, '--output', target]);
      expect(toFile.code).toBe(toStdout.code);
      expect(toFile.stdout).toBe('');
      expect(readFileSync(target, 'utf8')).toBe(toStdout.stdout);
    }
    // Relative to the working directory, and no temporary file left behind.
    const relativeRun = await check(['--format', 'json', '--output', '../../report.json']);
    expect(relativeRun.code).toBe(1);
    expect(JSON.parse(readFileSync(join(repo, 'report.json'), 'utf8')).kind).toBe('CheckResult');
    rmSync(join(repo, 'report.json'));
    expect(readdirSync(outDir).sort()).toEqual(['harm.junit', 'harm.sarif', 'harm.stylish']);

    const missingDir = await check(['--output', join(tmp, 'no-such-dir', 'x.txt')]);
    expect(missingDir.code).toBe(2);
    expect(missingDir.stderr).toMatch(/^harm: Could not write .*x\.txt: ENOENT\.\n$/);
  });

  it('reports unreadable and invalid files as findings, not crashes', async () => {
    const large = join(repo, 'broken', 'large.harm.yaml');
    writeFileSync(large, `# ${'x'.repeat(1024 * 1024)}\n`);
    try {
      const { code, json, stderr } = await checkJson(['../../broken/*.harm.yaml']);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(json.files.map((f) => [f.file, f.feature, f.findings[0]?.rule])).toEqual([
        ['../../broken/empty.harm.yaml', null, 'schema'],
        ['../../broken/large.harm.yaml', null, 'file-too-large'],
        ['../../broken/shape.harm.yaml', null, 'schema'],
        ['../../broken/syntax.harm.yaml', null, 'yaml-syntax'],
      ]);
      const shape = fileOf(json, '../../broken/shape.harm.yaml').findings;
      const unknownKey = shape.find((f) => f.message.includes('"ownr"'));
      expect(unknownKey).toMatchObject({ rule: 'schema', ...locate(FILES['broken/shape.harm.yaml']!, 'ownr') });
      expect(unknownKey!.message).toContain('Did you mean "owner"?');
    } finally {
      rmSync(large);
    }
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read as a finding', async () => {
    const locked = join(repo, 'broken', 'locked.harm.yaml');
    writeFileSync(locked, CHECKOUT, { mode: 0o000 });
    try {
      const { code, json } = await checkJson(['../../broken/locked.harm.yaml']);
      expect(code).toBe(1);
      expect(json.files[0]!.findings[0]).toMatchObject({ rule: 'yaml-syntax', line: 1, column: 1, message: expect.stringContaining('EACCES') });
    } finally {
      rmSync(locked, { force: true });
    }
  });
});

describe.skipIf(!BUILT)('the built CLI', () => {
  const runBin = (args: string[], cwd: string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('agrees with the in-process run on SARIF, run from the subfolder', async () => {
    const bin = runBin(['check', '--format', 'sarif', '--today', TODAY], sub);
    expect(bin.stderr).toBe('');
    expect(bin.code).toBe(1);
    const inProcess = await check(['--format', 'sarif']);
    expect(JSON.parse(bin.stdout)).toEqual(JSON.parse(inProcess.stdout));
  });

  describe('with worker threads (HARM_THREADS=2 below the automatic threshold)', () => {
    let many: string;
    const COUNT = 400;
    // Counts the worker threads the CLI starts, without changing what they do.
    const PRELOAD = `const wt = require('node:worker_threads');
const { syncBuiltinESMExports } = require('node:module');
if (wt.isMainThread) {
  const Base = wt.Worker;
  wt.Worker = class extends Base { constructor(...args) { super(...args); process.stderr.write('[worker started]\\n'); } };
  syncBuiltinESMExports();
}
`;

    beforeAll(() => {
      many = join(tmp, 'many');
      for (let i = 0; i < COUNT; i++) {
        const id = `feature-${String(i).padStart(3, '0')}`;
        const text = CHECKOUT_COPY.replace('id: checkout', `id: ${id}`).replace('(old copy)', String(i));
        const rel = join(`team-${i % 7}`, `${id}.harm.yaml`);
        mkdirSync(dirname(join(many, rel)), { recursive: true });
        writeFileSync(join(many, rel), text);
      }
      // The duplicate sorts last, so a different worker batch holds the first use of its id.
      mkdirSync(join(many, 'zz'));
      writeFileSync(join(many, 'zz', 'late.harm.yaml'), CHECKOUT_COPY.replace('id: checkout', 'id: feature-007'));
      writeFileSync(join(many, 'team-3', 'broken.harm.yaml'), 'apiVersion: harm/v1\nkind: Assessment\nfeature: {\n');
      writeFileSync(join(many, 'preload.cjs'), PRELOAD);
      spawnSync('git', ['init', '-q'], { cwd: many });
      if (!existsSync(join(many, '.git'))) mkdirSync(join(many, '.git'));
    });

    it('gives the same files, findings and summary as a single thread', async () => {
      const threaded = runBin(['check', '--format', 'json', '--today', TODAY], many, { NODE_OPTIONS: '--require ./preload.cjs', HARM_THREADS: '2' });
      expect(threaded.code).toBe(1);
      expect(threaded.stderr).toBe('[worker started]\n[worker started]\n');
      const automatic = runBin(['check', '--format', 'json', '--today', TODAY], many, { NODE_OPTIONS: '--require ./preload.cjs' });
      expect(automatic.stderr).toBe('');
      expect(JSON.parse(automatic.stdout)).toEqual(JSON.parse(threaded.stdout));
      const single = runBin(['check', '--format', 'json', '--today', TODAY], many, { NODE_OPTIONS: '--require ./preload.cjs', HARM_THREADS: '0' });
      expect(single.stderr).toBe('');
      const inProcess = await runCli(['check', '--format', 'json', '--today', TODAY], { cwd: many });

      const result = JSON.parse(threaded.stdout) as CheckJson;
      expect(result.files).toHaveLength(COUNT + 2);
      expect(result.summary).toEqual({ files: COUNT + 2, errors: 2, warnings: 0, infos: expect.any(Number) });
      expect(rulesOf(result, 'team-3/broken.harm.yaml')).toEqual(['yaml-syntax']);
      expect(fileOf(result, 'zz/late.harm.yaml').findings.filter((f) => f.level !== 'info')).toEqual([
        expect.objectContaining({ rule: 'duplicate-id', message: expect.stringContaining('team-0/feature-007.harm.yaml:4:7') }),
      ]);
      expect(rulesOf(result, 'team-0/feature-007.harm.yaml')).not.toContain('duplicate-id');
      expect(result).toEqual(JSON.parse(single.stdout));
      expect(result).toEqual(JSON.parse(inProcess.stdout));
      expect(inProcess.code).toBe(threaded.code);
    });

    it('fails with exit code 2 and a message, not a hang or a silent exit, when a worker dies', () => {
      writeFileSync(join(many, 'crash.cjs'), "const wt = require('node:worker_threads');\nif (!wt.isMainThread) wt.parentPort.once('message', () => process.exit(3));\n");
      const r = runBin(['check', '--format', 'json', '--today', TODAY], many, { NODE_OPTIONS: '--require ./crash.cjs', HARM_THREADS: '2' });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('harm: unexpected failure: a check worker stopped with exit code 3 before it finished');
    });
  });
});
