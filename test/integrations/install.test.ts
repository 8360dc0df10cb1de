import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir } from '../helpers/files.js';

// Installs harm the ways people do, from a throw-away git repository holding
// this checkout's files: npm's git URL and tarball installs, and Debian's
// pre-commit running the hooks of .pre-commit-hooks.yaml in a throw-away project.

const ROOT = process.cwd();
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
// The example's dates lie ahead of this day; the files' outcome does not change with the calendar.
const TODAY = '2026-01-15';

/**
 * The environment without the npm_* variables of an enclosing `npm run` (they
 * would change what the nested npm commands do); proxies and certificates stay.
 */
const baseEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_'))),
  GIT_AUTHOR_NAME: 'harm test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'harm test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
});

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the test worker (the installs take a while). */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs a command that must succeed; its output is in the failure message. */
async function must(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await run(cmd, args, cwd, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const has = (cmd: string) => spawnSync(cmd, ['--version'], { env: baseEnv() }).status === 0;

/** A git repository holding the files this checkout would commit, as they are now. */
async function makeHarmRepo(dir: string): Promise<string> {
  const files = (await must('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], ROOT)).split('\0').filter(Boolean);
  for (const file of files) {
    let stat;
    try {
      stat = lstatSync(join(ROOT, file));
    } catch {
      continue; // deleted in the working tree
    }
    if (!stat.isFile()) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  await must('git', ['init', '-q', '-b', 'main'], dir);
  await must('git', ['add', '-A'], dir);
  await must('git', ['commit', '-q', '-m', 'harm under test'], dir);
  return (await must('git', ['rev-parse', 'HEAD'], dir)).trim();
}

/** One assessment that passes `harm check` and one whose review date does not exist. */
function writeAssessments(dir: string): void {
  const good = readFileSync(join(ROOT, 'examples', 'computer-use.yaml'), 'utf8');
  writeFileSync(join(dir, 'good.harm.yaml'), good);
  const bad = good.replace(/^(\s*review_by:).*$/m, '$1 2026-02-30');
  expect(bad).not.toBe(good);
  writeFileSync(join(dir, 'bad.harm.yaml'), bad);
}

const tools = { git: has('git'), npm: has('npm'), preCommit: has('pre-commit') };
const work = makeTempDir('harm-install-');
const harmRepo = join(work, 'harm');
let commit = '';

beforeAll(async () => {
  if (!tools.git || !tools.npm) return;
  mkdirSync(harmRepo);
  commit = await makeHarmRepo(harmRepo);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `harm check` through an installed binary: the good file passes, the bad one fails at its line. */
async function expectWorkingHarm(harm: (args: string[], cwd: string) => Promise<Ran>, project: string): Promise<void> {
  const v = await harm(['--version'], project);
  expect(v.stderr).toBe('');
  expect(v.stdout).toBe(`${version}\n`);
  const good = await harm(['check', '--today', TODAY, 'good.harm.yaml'], project);
  expect(good.stdout).toContain('1 file checked, no problems');
  expect(good.status).toBe(0);
  const bad = await harm(['check', '--today', TODAY, 'bad.harm.yaml'], project);
  expect(bad.stdout).toMatch(/^\s+\d+:\d+\s+error\s+"review_by" must be a real calendar date/m);
  expect(bad.status).toBe(1);
}

const npmSuite = tools.git && tools.npm ? describe : describe.skip;
npmSuite(tools.git && tools.npm ? 'npm installs' : 'npm installs — SKIPPED: git or npm is not installed', () => {
  test('npm install -g git+file://… (the command pre-commit 4.6.1 and later run) installs a working harm, twice', async () => {
    const prefix = join(work, 'global');
    const project = join(work, 'global-project');
    mkdirSync(project);
    writeAssessments(project);
    // As pre-commit does: the prefix comes from the environment.
    const env = { npm_config_prefix: prefix, NPM_CONFIG_PREFIX: prefix };
    // The second install replaces the first; npm/cli#6984 broke exactly that too.
    for (let i = 0; i < 2; i++) {
      await must('npm', ['install', '-g', `git+file://${harmRepo}`], work, env);
      const installed = join(prefix, 'lib', 'node_modules', 'harm');
      expect(lstatSync(installed).isDirectory(), `${installed} must be a folder, not a link to npm's temporary clone`).toBe(true);
      await expectWorkingHarm((args, cwd) => run(join(prefix, 'bin', 'harm'), args, cwd), project);
    }
  });

  const packTarball = async () => {
    const out = join(work, 'tarballs');
    mkdirSync(out, { recursive: true });
    const [packed] = JSON.parse(await must('npm', ['pack', '--json', '--pack-destination', out], harmRepo)) as [{ filename: string }];
    return join(out, packed.filename);
  };

  test.each([
    ['a git URL', async () => `git+file://${harmRepo}#${commit}`],
    ['an npm pack tarball', packTarball],
  ])('a project installs it as a development dependency from %s', async (_, spec) => {
    const project = mkdtempSync(join(work, 'project-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', private: true }));
    writeAssessments(project);
    const install = await run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', await spec()], project);
    expect(install.status, install.stderr).toBe(0);
    // harm runs no install scripts, so npm 11's script policy has nothing to list.
    expect(install.stderr).not.toMatch(/install-scripts|allowScripts/);
    await expectWorkingHarm((args, cwd) => run('npx', ['--no-install', 'harm', ...args], cwd), project);
  });
});

const preCommitVersion = tools.preCommit ? spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
const preCommitSuite = tools.git && tools.npm && tools.preCommit ? describe : describe.skip;
preCommitSuite(
  tools.preCommit ? `pre-commit hooks (${preCommitVersion})` : 'pre-commit hooks — SKIPPED: pre-commit is not installed (apt-get install -y pre-commit)',
  () => {
    test('a commit of a broken assessment is refused, a valid one goes through', async () => {
      // Before 4.6.1, pre-commit runs `npm install` and `npm pack` in its clone,
      // then `npm install -g <tarball>`; the git URL install it uses from 4.6.1 is
      // tested directly above.
      console.info(`${preCommitVersion}: installing the hooks from ${harmRepo}`);
      const project = join(work, 'pre-commit-project');
      mkdirSync(project);
      const env = { PRE_COMMIT_HOME: join(work, 'pre-commit-cache') };
      await must('git', ['init', '-q', '-b', 'main'], project);
      writeFileSync(
        join(project, '.pre-commit-config.yaml'),
        [
          'repos:',
          `  - repo: ${harmRepo}`,
          `    rev: ${commit}`,
          '    hooks:',
          `      - id: harm-check`,
          `        args: [--today, '${TODAY}']`,
          `      - id: harm-validate`,
          `        args: [--today, '${TODAY}']`,
          '',
        ].join('\n'),
      );
      writeAssessments(project);
      await must('pre-commit', ['install'], project, env);

      await must('git', ['add', '.pre-commit-config.yaml', 'bad.harm.yaml'], project);
      const refused = await run('git', ['commit', '-q', '-m', 'broken assessment'], project, env);
      expect(refused.stdout + refused.stderr).toMatch(/harm check\.+Failed/);
      expect(refused.stdout + refused.stderr).toContain('"review_by" must be a real calendar date');
      expect(refused.status).not.toBe(0);

      await must('git', ['rm', '-q', '--cached', 'bad.harm.yaml'], project);
      await must('git', ['add', 'good.harm.yaml'], project);
      const accepted = await run('git', ['commit', '-q', '-m', 'valid assessment'], project, env);
      expect(accepted.stdout + accepted.stderr).toMatch(/harm check\.+Passed/);
      expect(accepted.stdout + accepted.stderr).toMatch(/harm validate\.+Passed/);
      expect(accepted.status).toBe(0);
      expect((await must('git', ['log', '--format=%s'], project)).trim()).toBe('valid assessment');
    });
  },
);
