import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { runCli } from '../helpers/run-cli.js';

const PACKAGE = process.cwd();

/** Dates to move "today" across: review_by 2026-02-01, due 2026-02-15, waiver expires 2026-03-01. */
const DATED = `apiVersion: harm/v1
kind: Assessment
feature:
  id: dated
  name: Dated
  owner: team
  stage: development
assessment:
  date: 2025-06-01
  assessors: [a@example.com]
  review_by: 2026-02-01
harms:
  - id: leak
    title: Leaks a user's address
    category: privacy
    dimensions: [individual_autonomy]
    factors:
      likelihood: possible
      scale: individual
      duration: short_term
      affected_populations: [general_public]
      causality: contributing
      technology_contribution: marginal
      mitigation_feasibility: high
    safeguards:
      - id: product.memory-controls
        status: planned
        due: 2026-02-15
waivers:
  - harm: leak
    safeguard: usage_policy.aup-coverage
    reason: Policy text is being rewritten.
    approved_by: policy-lead
    expires: 2026-03-01
`;

const LAYER = `apiVersion: harm/v1
kind: Catalog
safeguards:
  - id: product.finance-signoff
    title: Finance team sign-off
    kind: product
    stage: pre_launch
    burden: low
    description: The finance team reviews flows that move money.
`;

const CONFIG = `apiVersion: harm/v1
kind: Config
include: ["**/*.harm.yaml"]
failOn: medium
rules: { recommended-safeguard: off }
`;

interface CheckJson {
  files: { file: string; feature: string | null; findings: { rule: string; level: string; message: string; line: number; column: number }[] }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

let dir: string;
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'harm-validate-'));
  // A repository of its own, so that no harm.config.yaml above the temp folder is found.
  mkdirSync(join(dir, '.git'));
  write('dated.harm.yaml', DATED);
  write('layer.yaml', LAYER);
  write('team.config.yaml', CONFIG);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const validate = (args: string[], opts: { env?: Record<string, string> } = {}) => runCli(['validate', ...args], { cwd: dir, today: '2026-01-15', ...opts });
async function validateJson(args: string[]): Promise<{ code: number; json: CheckJson }> {
  const r = await validate(['--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return { code: r.code, json: JSON.parse(r.stdout) as CheckJson };
}
const rules = (json: CheckJson) => json.files.flatMap((f) => f.findings.map((x) => x.rule));

describe('harm validate', () => {
  it('accepts assessments, catalogs and configs, each checked as its kind says', async () => {
    const examples = ['computer-use', 'payments-assistant', 'voice-companion'].map((n) => join(PACKAGE, 'examples', `${n}.yaml`));
    const { code, json } = await validateJson(['dated.harm.yaml', 'layer.yaml', 'team.config.yaml', join(PACKAGE, 'catalog', 'builtin.yaml'), ...examples]);
    expect(code).toBe(0);
    expect(json.summary).toMatchObject({ files: 7, errors: 0, warnings: 0 });
    const byFile = Object.fromEntries(json.files.map((f) => [f.file, f.feature]));
    expect(byFile['dated.harm.yaml']).toBe('dated');
    expect(byFile['layer.yaml']).toBeNull();
    expect(byFile['team.config.yaml']).toBeNull();
  });

  it('checks catalogs and configs against their own schemas', async () => {
    write('bad-layer.yaml', LAYER.replace('    title:', '    titel:'));
    write('bad.config.yaml', CONFIG.replace('failOn: medium', 'failOn: severe'));
    const { code, json } = await validateJson(['bad-layer.yaml', 'bad.config.yaml']);
    expect(code).toBe(1);
    const [layer, config] = json.files; // "-" sorts before "."
    expect(layer!.findings).toEqual([expect.objectContaining({ rule: 'schema', line: 5, column: 5, message: expect.stringContaining('Did you mean "title"?') })]);
    expect(config!.findings).toEqual([expect.objectContaining({ rule: 'schema', line: 4, column: 9, message: expect.stringContaining('low, medium, high, critical, off') })]);
  });

  it('names the three supported kinds for an unknown kind, without the assessment schema\'s complaints', async () => {
    write('policy.yaml', 'apiVersion: harm/v1\nkind: Policy\nrules: []\n');
    const { code, json } = await validateJson(['policy.yaml']);
    expect(code).toBe(1);
    expect(json.files[0]!.findings).toEqual([
      { rule: 'schema', level: 'error', message: 'Unsupported kind "Policy"; supported: Assessment, Catalog, Config.', file: 'policy.yaml', line: 2, column: 7 },
    ]);
  });

  it('`harm check` names the kind it reads when given a catalog or config', async () => {
    const r = await runCli(['check', 'layer.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as CheckJson).files[0]!.findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'schema', line: 2, column: 7 });
    expect(findings[0]!.message).toContain('harm validate');
  });

  it('--today moves review-overdue, safeguard-overdue and waiver-expired; a date equal to today is not past', async () => {
    const at = async (today: string) => {
      const { code, json } = await validateJson(['dated.harm.yaml', '--today', today]);
      return { code, rules: rules(json) };
    };
    expect(await at('2026-01-15')).toEqual({ code: 0, rules: [] });
    expect(await at('2026-02-01')).toEqual({ code: 0, rules: [] });
    expect(await at('2026-02-02')).toEqual({ code: 0, rules: ['review-overdue'] });
    expect(await at('2026-02-16')).toEqual({ code: 0, rules: ['review-overdue', 'safeguard-overdue'] });
    expect(await at('2026-03-02')).toEqual({ code: 1, rules: ['review-overdue', 'safeguard-overdue', 'waiver-expired'] });
    // Without --today, the io's local date counts.
    const local = await runCli(['validate', 'dated.harm.yaml', '--format', 'json'], { cwd: dir, today: '2026-03-02' });
    expect(rules(JSON.parse(local.stdout) as CheckJson)).toContain('waiver-expired');
  });

  it('runs the document rules only', async () => {
    // Under `check` this file gets gate and recommendation findings; `validate` leaves them to `check`.
    const checked = await runCli(['check', 'dated.harm.yaml', '--format', 'json', '--verbose'], { cwd: dir, today: '2026-01-15' });
    const checkRules = rules(JSON.parse(checked.stdout) as CheckJson);
    expect(checkRules.some((r) => ['recommended-safeguard', 'unused-waiver', 'residual-risk', 'missing-required-safeguard', 'required-not-implemented'].includes(r))).toBe(true);
    const { json } = await validateJson(['dated.harm.yaml', '--verbose']);
    expect(rules(json)).toEqual([]);
  });

  it.each([['2026-02-30'], ['tomorrow'], ['2026-1-5']])('exits 2 for --today %s', async (value) => {
    const r = await validate(['dated.harm.yaml', '--today', value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`harm: --today must be a real date in the form YYYY-MM-DD, not "${value}".\n`);
  });

  it('exits 2 with one sentence and no stack trace for a named file that does not exist', async () => {
    const r = await validate(['dated.harm.yaml', 'missing.harm.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('harm: The file missing.harm.yaml does not exist.\n');
  });

  it('shows a stack for an unexpected failure only with HARM_DEBUG=1', async () => {
    const failing = (env: Record<string, string>) => {
      let stderr = '';
      const io: CliIo = {
        cwd: dir,
        env,
        stdout: {
          write: () => {
            throw new Error('the output stream broke');
          },
        },
        stderr: { write: (s: string) => void (stderr += s) },
        stdinIsTTY: false,
        today: () => '2026-01-15',
      };
      return run(['validate', 'dated.harm.yaml'], io).then((code) => ({ code, stderr }));
    };
    const plain = await failing({});
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('harm: unexpected failure: the output stream broke\nharm: run with HARM_DEBUG=1 to see where it happened.\n');
    const debug = await failing({ HARM_DEBUG: '1' });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^harm: unexpected failure: the output stream broke\nError: the output stream broke\n\s+at /);
  });
});

describe('--help', () => {
  const commands = [
    ['assess'],
    ['validate'],
    ['check'],
    ['init'],
    ['edit'],
    ['catalog'],
    ['catalog', 'list'],
    ['catalog', 'show'],
    ['catalog', 'validate'],
    ['score'],
    ['schema'],
  ];

  it.each(commands.map((c) => [c.join(' ')]))('harm %s --help exits 0 and prints its usage', async (name) => {
    const r = await runCli([...name.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Usage: harm ${name} `));
    expect(r.stdout).toContain('-h, --help');
  });

  it('harm --help lists every command and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['assess', 'validate', 'check', 'init', 'edit', 'catalog', 'score', 'schema']) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Exit codes: 0 no errors, 1 error findings (or too many warnings), 2 usage or setup problem, 130 interrupted.');
    expect(r.stdout).toContain('docs/ci.md');
  });

  it('check --help lists the gate options and formats', async () => {
    const r = await runCli(['check', '--help']);
    for (const option of ['--format', '--output', '--max-warnings', '--fail-on <level>', '--fail-on-severity', '--quiet', '--verbose', '--config', '--catalog', '--today']) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('"stylish", "json", "junit", "sarif", "github", "markdown"');
  });
});

it('the help text points at documentation that exists', () => {
  expect(readFileSync(join(PACKAGE, 'docs', 'ci.md'), 'utf8')).toContain('harm check');
});
