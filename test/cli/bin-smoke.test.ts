import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const PACKAGE = process.cwd();
const BIN = join(PACKAGE, 'bin', 'harm.js');
const BUILT = existsSync(join(PACKAGE, 'dist', 'main.js'));
const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string };
// The examples' dates lie ahead; a fixed "today" keeps their outcome from changing with the calendar.
const TODAY = '2026-01-15';
const ANSI = /\u001b\[/;

/** Only what a shell needs: no FORCE_COLOR, NO_COLOR or CI variables leak in from the test runner. */
const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() });

function harm(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? PACKAGE, encoding: 'utf8', env: { ...baseEnv(), ...opts.env }, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const suite = BUILT ? describe : describe.skip;
const title = BUILT ? 'bin/harm.js (the built CLI)' : 'bin/harm.js — SKIPPED: dist/ is missing; run `npm run bundle` first';

suite(title, () => {
  it('--version prints the package.json version', () => {
    const r = harm(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('assesses an example: exit 0, the feature named, no colour without a terminal', () => {
    const r = harm(['assess', 'examples/computer-use.yaml', '--today', TODAY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Computer Use \(computer-use\)$/m);
    expect(r.stdout).toContain('Severity profile');
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('colours only when told to, and NO_COLOR or --no-color win', () => {
    const args = ['assess', 'examples/computer-use.yaml', '--today', TODAY];
    expect(harm(args, { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    expect(harm(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(harm([...args, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(harm(['check', 'examples/*.yaml', '--today', TODAY], { env: { NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
  });

  it('validates every example', () => {
    const examples = readdirSync(join(PACKAGE, 'examples'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `examples/${f}`);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    const r = harm(['validate', ...examples, '--today', TODAY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✔ ${examples.length} files checked, no problems`);
  });

  it('scores a vector as JSON', () => {
    const r = harm(['score', 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'Score', severity: 7.3, severityLevel: 'high', risk: 5.5, riskLevel: 'medium' });
  });

  it('exits 2 for a missing file, with one sentence and no stack trace', () => {
    const r = harm(['assess', 'examples/no-such-file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('harm: The file examples/no-such-file.yaml does not exist.\n');
    const check = harm(['check', 'examples/no-such-file.yaml']);
    expect(check.code).toBe(2);
    expect(check.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 for an unknown command or option', () => {
    for (const args of [['nonsense'], ['check', '--no-such-option']]) {
      const r = harm(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^harm: Unknown (command|option) '[^']+' \(see harm( check)? --help\)\.\n$/);
    }
  });
});

// --- CI integration files ------------------------------------------------------

interface ActionStep {
  id?: string;
  name: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(PACKAGE, 'action.yml'), 'utf8')) as Action;
const stepById = (id: string) => action.runs.steps.find((s) => s.id === id)!;

describe('action.yml', () => {
  it('is a composite action with the documented inputs and defaults', () => {
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));
    expect(defaults).toMatchObject({ files: '', format: 'sarif', output: 'harm.sarif', 'fail-on': '', 'upload-sarif': 'true', 'working-directory': '.', 'node-version': '20' });
    for (const input of Object.values(action.inputs)) expect(input.description).toBeTruthy();
    // Every run step names its shell, as composite actions require.
    for (const step of action.runs.steps) if (step.run) expect(step.shell, step.name).toBe('bash');
  });

  it('sets up Node, installs this repository, uploads SARIF even after a failure, then applies the exit code', () => {
    const uses = action.runs.steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(['actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!;
    expect(install.run).toContain('cd "$GITHUB_ACTION_PATH"');
    expect(stepById('check').run).toContain('node "$GITHUB_ACTION_PATH/bin/harm.js"');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.if).toContain('always()');
    expect(upload.if).toContain("inputs.upload-sarif == 'true'");
    expect(upload.with?.sarif_file).toBe('${{ steps.check.outputs.report }}');
    const last = action.runs.steps.at(-1)!;
    expect(last.if).toContain('always()');
    expect(last.run).toContain('exit "$HARM_EXIT_CODE"');
    // Inputs reach scripts through the environment only.
    for (const step of action.runs.steps) expect(step.run ?? '', step.name).not.toContain('${{');
  });

  describe.skipIf(!BUILT)('its check step, run by bash', () => {
    let dir: string;
    const ASSESSMENT = readFileSync(join(PACKAGE, 'test', 'fixtures', 'valid', 'minimal.harm.yaml'), 'utf8');

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'harm-action-'));
      mkdirSync(join(dir, '.git'));
      mkdirSync(join(dir, 'x', 'deep'), { recursive: true });
      // Both overdue for review (a warning each), so both show up in the SARIF.
      const overdue = (id: string) => ASSESSMENT.replace('id: minimal', `id: ${id}`).replace('date: 2025-03-01', 'date: 2025-03-01\n  review_by: 2025-04-01');
      writeFileSync(join(dir, 'x', 'top.harm.yaml'), overdue('top'));
      writeFileSync(join(dir, 'x', 'deep', 'low.harm.yaml'), overdue('low'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs the step's script as the runner would, with the inputs' defaults overridden by `inputs`. */
    function runStep(inputs: Record<string, string>) {
      const outputFile = join(dir, `github-output-${Object.keys(inputs).join('-')}`);
      writeFileSync(outputFile, '');
      const input = (name: string) => inputs[name] ?? action.inputs[name]!.default ?? '';
      const step = stepById('check');
      const env: Record<string, string> = { ...baseEnv(), GITHUB_ACTION_PATH: PACKAGE, GITHUB_OUTPUT: outputFile };
      for (const [key, expr] of Object.entries(step.env ?? {})) env[key] = input(/inputs\.([a-z-]+)/.exec(expr)![1]!);
      const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
      const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
    }

    it('passes globs to harm unexpanded, writes the report and records the exit code without failing', () => {
      const r = runStep({ files: 'x/**/*.harm.yaml', 'max-warnings': '0' });
      expect(r.status).toBe(0);
      expect(r.outputs['exit-code']).toBe('1');
      expect(r.outputs.report).toBe(join(dir, 'harm.sarif'));
      const sarif = JSON.parse(readFileSync(join(dir, 'harm.sarif'), 'utf8'));
      const uris = sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
      // Had the shell expanded x/**/*.harm.yaml (as x/*/*.harm.yaml), x/top.harm.yaml would be missing.
      expect(uris).toEqual(['x/deep/low.harm.yaml', 'x/top.harm.yaml']);
      expect(r.stderr).toContain('2 warnings exceed --max-warnings 0');
    });

    it('writes annotations to the log for format github, and a clean run records 0', () => {
      const r = runStep({ files: 'x/top.harm.yaml x/deep/low.harm.yaml', format: 'github' });
      expect(r.outputs['exit-code']).toBe('0');
      expect(r.outputs.report).toBeUndefined();
      expect(r.stdout).toMatch(/^::warning file=x\/deep\/low\.harm\.yaml,line=\d+,col=\d+,title=review-overdue::/m);
      expect(r.stdout).toMatch(/^::warning file=x\/top\.harm\.yaml,line=\d+,col=\d+,title=review-overdue::/m);
    });

    it('records exit code 2, and no report, for a usage problem', () => {
      const r = runStep({ files: 'nothing/*.harm.yaml' });
      expect(r.status).toBe(0);
      expect(r.outputs['exit-code']).toBe('2');
      expect(r.outputs.report).toBeUndefined();
      expect(r.stderr).toContain('No files match nothing/*.harm.yaml.');
    });

    it('the last step fails with the recorded exit code', () => {
      const last = action.runs.steps.at(-1)!;
      const r = spawnSync('bash', ['-e', '-c', last.run!], { env: { ...baseEnv(), HARM_EXIT_CODE: '1' }, encoding: 'utf8' });
      expect(r.status).toBe(1);
    });
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(PACKAGE, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('defines harm-check: every staged assessment to one node process', () => {
    const hook = hooks.find((h) => h.id === 'harm-check');
    expect(hook).toMatchObject({ name: expect.any(String), entry: 'harm check', language: 'node', require_serial: true, pass_filenames: true });
    const files = new RegExp(hook!.files as string);
    for (const name of ['a.harm.yaml', 'deep/dir/b.harm.yml']) expect(files.test(name), name).toBe(true);
    for (const name of ['a.yaml', 'harm.yaml', 'a.harm.yaml.bak', 'harm.config.yaml']) expect(files.test(name), name).toBe(false);
  });

  it('defines harm-validate for assessments and the config', () => {
    const hook = hooks.find((h) => h.id === 'harm-validate');
    expect(hook).toMatchObject({ entry: 'harm validate', language: 'node', require_serial: true, pass_filenames: true });
    const files = new RegExp(hook!.files as string);
    for (const name of ['a.harm.yaml', 'harm.config.yaml', 'sub/harm.config.yaml']) expect(files.test(name), name).toBe(true);
    for (const name of ['myharm.config.yaml', 'catalog.yaml']) expect(files.test(name), name).toBe(false);
  });

  it('runs a command the package installs', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    for (const hook of hooks) expect(Object.keys(pkg.bin)).toContain(String(hook.entry).split(' ')[0]);
    // pre-commit installs the packed package: the bundle and the catalog must be in it.
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist', 'catalog']));
  });

  it('packs with only the tarball name on stdout, which is how pre-commit before 4.6.1 finds the package to install', () => {
    // pre-commit runs `npm pack` in its clone and reads stdout as the file name:
    // harm has no lifecycle script that could print there first.
    const r = spawnSync('npm', ['pack', '--dry-run'], { cwd: PACKAGE, encoding: 'utf8', env: baseEnv(), timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`harm-${version}.tgz\n`);
  });
});

describe('docs/ci.md', () => {
  const doc = readFileSync(join(PACKAGE, 'docs', 'ci.md'), 'utf8');
  const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

  it('has YAML examples that parse, and a config example that validates', async () => {
    const yamlBlocks = blocks('yaml');
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(8);
    // Fragments of a list (`- id: …` under `hooks:`) are indented; parse them as they would sit in the file.
    for (const block of yamlBlocks) {
      const indent = Math.min(...block.split('\n').filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
      expect(() => parse(block.replace(new RegExp(`^ {${indent}}`, 'gm'), '')), block).not.toThrow();
    }

    const configBlock = yamlBlocks.find((b) => b.includes('kind: Config'))!;
    const dir = mkdtempSync(join(tmpdir(), 'harm-doc-config-'));
    try {
      mkdirSync(join(dir, '.git'));
      mkdirSync(join(dir, 'policy'));
      writeFileSync(join(dir, 'harm.config.yaml'), configBlock);
      writeFileSync(join(dir, 'policy', 'catalog.yaml'), 'apiVersion: harm/v1\nkind: Catalog\n');
      const { runCli } = await import('../helpers/run-cli.js');
      const r = await runCli(['validate', 'harm.config.yaml'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names only options that harm check has', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const help = (await runCli(['check', '--help'])).stdout;
    const named = new Set([...doc.matchAll(/harm check[^\n`]*/g)].flatMap((m) => m[0].match(/--[a-z-]+/g) ?? []));
    for (const row of doc.matchAll(/^\| `(--[a-z-]+)/gm)) named.add(row[1]!);
    expect(named.size).toBeGreaterThanOrEqual(8);
    for (const option of named) expect(help, option).toContain(option);
  });
});
