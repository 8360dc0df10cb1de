import { chmodSync, chownSync, mkdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SetupError, UsageError } from '../../src/core/errors.js';
import { settleFindings } from '../../src/core/findings.js';
import { CONFIG_FILE, discoverConfig, findRepositoryRoot, loadConfig } from '../../src/io/config-loader.js';
import { runCli } from '../helpers/run-cli.js';
import { failure } from '../helpers/errors.js';
import { makeTempDir, writeIn } from '../helpers/files.js';

const CONFIG = 'apiVersion: harm/v1\nkind: Config\n';

const makeDir = () => makeTempDir('harm-config-');
const write = writeIn;

/** A repository (a folder holding .git) inside an outer folder, with a nested working folder. */
function repository(): { outer: string; root: string; nested: string } {
  const outer = makeDir();
  const root = join(outer, 'repo');
  mkdirSync(join(root, '.git'), { recursive: true });
  const nested = join(root, 'services', 'api', 'src');
  mkdirSync(nested, { recursive: true });
  return { outer, root, nested };
}

describe('discovering harm.config.yaml', () => {
  test('a config at the repository root is found from a nested folder', () => {
    const { root, nested } = repository();
    const path = write(root, CONFIG_FILE, `${CONFIG}failOn: medium\n`);
    expect(discoverConfig(nested)).toBe(path);
    const loaded = loadConfig(nested);
    expect(loaded).toEqual({ path, dir: root, config: { apiVersion: 'harm/v1', kind: 'Config', failOn: 'medium' } });
  });

  test('the nearest config wins', () => {
    const { root, nested } = repository();
    write(root, CONFIG_FILE, CONFIG);
    const closer = write(root, join('services', CONFIG_FILE), `${CONFIG}failOn: low\n`);
    expect(discoverConfig(nested)).toBe(closer);
    expect(loadConfig(nested)?.dir).toBe(join(root, 'services'));
  });

  test('from the repository root itself', () => {
    const { root } = repository();
    const path = write(root, CONFIG_FILE, CONFIG);
    expect(discoverConfig(root)).toBe(path);
  });

  test('the search stops at the repository root: a config above the .git folder is not used', () => {
    const { outer, root, nested } = repository();
    write(outer, CONFIG_FILE, `${CONFIG}failOn: low\n`);
    expect(findRepositoryRoot(nested)).toBe(root);
    expect(discoverConfig(nested)).toBeUndefined();
    expect(discoverConfig(root)).toBeUndefined();
    expect(loadConfig(nested)).toBeUndefined();
  });

  test('a .git file (a worktree or submodule) marks the repository root too', () => {
    const outer = makeDir();
    write(outer, CONFIG_FILE, CONFIG);
    const root = join(outer, 'worktree');
    write(root, '.git', 'gitdir: ../main/.git/worktrees/x\n');
    mkdirSync(join(root, 'pkg'));
    expect(findRepositoryRoot(join(root, 'pkg'))).toBe(root);
    expect(discoverConfig(join(root, 'pkg'))).toBeUndefined();
  });

  test('a folder named harm.config.yaml is not a config', () => {
    const { root, nested } = repository();
    const path = write(root, CONFIG_FILE, CONFIG);
    mkdirSync(join(nested, CONFIG_FILE));
    // The directory is skipped on the way up; the real file above is found.
    expect(discoverConfig(nested)).toBe(path);
  });
});

describe('outside a repository, the search stops before anything shared', () => {
  /** An outer folder (no .git anywhere above the temporary folder) with a nested working folder. */
  function outside(): { outer: string; home: string; work: string } {
    const outer = makeDir();
    const home = join(outer, 'home');
    const work = join(home, 'projects', 'app');
    mkdirSync(work, { recursive: true });
    return { outer, home, work };
  }

  test('at the home folder: a config there is found, one above it is not', () => {
    const { outer, home, work } = outside();
    expect(findRepositoryRoot(work)).toBeUndefined();
    write(outer, CONFIG_FILE, CONFIG);
    expect(discoverConfig(work, { home })).toBeUndefined();
    const path = write(home, CONFIG_FILE, CONFIG);
    expect(discoverConfig(work, { home })).toBe(path);
  });

  test('at the edge of the file system: a config on the file system above the mount point is not climbed to', () => {
    const { outer, home, work } = outside();
    const path = write(outer, CONFIG_FILE, CONFIG);
    // Without a mount point in between, the config above is found (no home folder on the way).
    expect(discoverConfig(work, { home: '/nonexistent' })).toBe(path);
    // `home` is the root of another file system: its device differs from the folder above it.
    const mounted = (p: string): Stats | undefined => {
      const real = statSync(p, { throwIfNoEntry: false });
      if (!real || !(p === home || p.startsWith(`${home}/`))) return real;
      return Object.assign(Object.create(Object.getPrototypeOf(real) as object) as Stats, real, { dev: real.dev + 1 });
    };
    expect(discoverConfig(work, { home: '/nonexistent', stat: mounted })).toBeUndefined();
    // A config at the mount point itself is still its own.
    const own = write(home, CONFIG_FILE, CONFIG);
    expect(discoverConfig(work, { home: '/nonexistent', stat: mounted })).toBe(own);
  });

  test('before a folder anyone may write to: a config planted there (as in /tmp) is never climbed to', () => {
    const { outer, work } = outside();
    chmodSync(outer, 0o1777);
    write(outer, CONFIG_FILE, `${CONFIG}rules: { recommended-safeguard: off }
`);
    expect(discoverConfig(work, { home: '/nonexistent' })).toBeUndefined();
    // The folder's own config is still used from inside it.
    const own = write(work, CONFIG_FILE, CONFIG);
    expect(discoverConfig(work, { home: '/nonexistent' })).toBe(own);
  });

  test.skipIf(process.getuid?.() !== 0)('in a folder anyone may write to, a config another user owns is not used', () => {
    const shared = makeDir();
    chmodSync(shared, 0o1777);
    const path = write(shared, CONFIG_FILE, CONFIG);
    chownSync(path, 65534, 65534);
    expect(discoverConfig(shared, { home: '/nonexistent' })).toBeUndefined();
    chownSync(path, 0, 0);
    expect(discoverConfig(shared, { home: '/nonexistent' })).toBe(path);
  });

  test('a planted config above the working folder is not what decides the run', async () => {
    const { outer, work } = outside();
    chmodSync(outer, 0o1777);
    // Were it used, nothing would be checked and the run would end with a usage error.
    write(outer, CONFIG_FILE, `${CONFIG}include: ["nothing/*.yaml"]\nfailOn: off\n`);
    writeFileSync(join(work, 'a.harm.yaml'), 'apiVersion: harm/v1\u0000\n');
    const result = await runCli(['check', '--format', 'json'], { cwd: work });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as { files: { findings: { rule: string }[] }[] };
    expect(parsed.files.flatMap((f) => f.findings.map((x) => x.rule))).toEqual(['yaml-syntax']);
  });
});

describe('rules a config cannot change', () => {
  test.each([
    ['yaml-syntax', 'off'],
    ['file-too-large', 'warning'],
    ['schema', 'info'],
  ])('%s: %s is a finding at the value, naming why', (rule, level) => {
    const { root } = repository();
    write(root, CONFIG_FILE, `${CONFIG}rules:\n  ${rule}: ${level}\n`);
    const error = failure(() => loadConfig(root));
    expect(error).toBeInstanceOf(SetupError);
    expect(error.findings).toEqual([
      expect.objectContaining({ rule: 'schema', line: 4, column: rule.length + 5, message: expect.stringMatching(new RegExp(`^${rule} cannot be set to "${level}": yaml-syntax, file-too-large and schema are always errors`)) }),
    ]);
  });

  test('whatever reaches the findings, a locked rule keeps its level', () => {
    const finding = { rule: 'schema', level: 'error', message: 'x', file: 'f', line: 1, column: 1 } as const;
    const other = { ...finding, rule: 'review-overdue', level: 'warning' } as const;
    expect(settleFindings([finding, other], { schema: 'off', 'review-overdue': 'error' } as never)).toEqual([{ ...other, level: 'error' }, finding]);
  });

  test('a rules mapping that contains itself through an alias is a finding, not a crash', () => {
    const { root } = repository();
    write(root, CONFIG_FILE, `${CONFIG}rules: &r\n  review-overdue: off\n  <<: *r\n`);
    expect(failure(() => loadConfig(root)).findings).toEqual([expect.objectContaining({ rule: 'schema', line: 5, column: 7 })]);
  });

  test('setting them to error, what they are, is accepted', () => {
    const { root } = repository();
    write(root, CONFIG_FILE, `${CONFIG}rules: { yaml-syntax: error, file-too-large: error, schema: error, review-overdue: off }\n`);
    expect(loadConfig(root)?.config.rules).toEqual({ 'yaml-syntax': 'error', 'file-too-large': 'error', schema: 'error', 'review-overdue': 'off' });
  });
});

describe('an explicit --config', () => {
  test('is resolved from the working directory and used instead of the discovered one', () => {
    const { root, nested } = repository();
    write(root, CONFIG_FILE, `${CONFIG}failOn: low\n`);
    const explicit = write(root, 'ci/harm.ci.yaml', `${CONFIG}failOn: critical\ncatalogs: [../policy/catalog.yaml]\n`);
    const loaded = loadConfig(nested, '../../../ci/harm.ci.yaml');
    expect(loaded?.path).toBe(explicit);
    expect(loaded?.dir).toBe(join(root, 'ci'));
    expect(loaded?.config.failOn).toBe('critical');
    expect(loaded?.config.catalogs).toEqual(['../policy/catalog.yaml']);
  });

  test('may live outside any repository', () => {
    const dir = makeDir();
    const path = write(dir, 'somewhere/harm.yaml', CONFIG);
    expect(loadConfig(dir, join(dir, 'somewhere/harm.yaml'))?.path).toBe(path);
  });

  test('that does not exist is a usage error naming it', () => {
    const { nested } = repository();
    const error = failure(() => loadConfig(nested, 'missing.yaml'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('missing.yaml');
  });

  test('that does not exist stops the CLI with exit 2', async () => {
    const { nested } = repository();
    const result = await runCli(['validate', '--config', 'missing.yaml', join(process.cwd(), 'test/fixtures/valid/minimal.harm.yaml')], { cwd: nested });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.yaml');
    expect(result.stdout).toBe('');
  });
});

describe('a broken config', () => {
  test('an unknown key is a setup error with a finding at the key and a suggestion', () => {
    const { root, nested } = repository();
    write(root, CONFIG_FILE, `${CONFIG}failOn: high\ncatalog: [policy.yaml]\n`);
    const error = failure(() => loadConfig(nested));
    expect(error).toBeInstanceOf(SetupError);
    expect(error.findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        level: 'error',
        line: 4,
        column: 1,
        message: expect.stringContaining('Unknown key "catalog". Did you mean "catalogs"?'),
      }),
    ]);
    // A config above the working directory is shown by its absolute path.
    expect(error.findings[0]!.file).toBe(join(root, CONFIG_FILE));
  });

  test('a misspelt rule id gets a suggestion; a bad rule level or gate lists the allowed values', () => {
    const { root } = repository();
    const text = `${CONFIG}rules:\n  review-overdu: off\n  recommended-safeguard: warn\nfailOnSeverity: severe\n`;
    write(root, CONFIG_FILE, text);
    const error = failure(() => loadConfig(root));
    expect(error).toBeInstanceOf(SetupError);
    const byLine = Object.fromEntries(error.findings.map((f) => [`${f.line}:${f.column}`, f.message]));
    expect(byLine['4:3']).toMatch(/^Unknown key "review-overdu"\. Did you mean "review-overdue"\?/);
    expect(byLine['5:26']).toContain('expected one of: error, warning, info, off');
    expect(byLine['6:17']).toContain('expected one of: low, medium, high, critical, off');
    expect(error.findings).toHaveLength(3);
  });

  test('a wrong kind and an empty file are setup errors', () => {
    const { root } = repository();
    write(root, CONFIG_FILE, 'apiVersion: harm/v1\nkind: Catalog\n');
    expect(failure(() => loadConfig(root)).findings).toEqual([expect.objectContaining({ rule: 'schema', line: 2, column: 7 })]);
    write(root, CONFIG_FILE, '');
    const empty = failure(() => loadConfig(root));
    expect(empty).toBeInstanceOf(SetupError);
    expect(empty.findings).toEqual([expect.objectContaining({ rule: 'schema', line: 1, column: 1 })]);
  });

  test('a config with every documented key loads', () => {
    const { root } = repository();
    write(
      root,
      CONFIG_FILE,
      `${CONFIG}catalogs: [policy/catalog.yaml]
include: ["assessments/**/*.yaml"]
exclude: ["**/drafts/**"]
failOn: high
failOnSeverity: critical
maxWarnings: -1
rules: { recommended-safeguard: off, review-overdue: error }
`,
    );
    expect(loadConfig(root)?.config).toEqual({
      apiVersion: 'harm/v1',
      kind: 'Config',
      catalogs: ['policy/catalog.yaml'],
      include: ['assessments/**/*.yaml'],
      exclude: ['**/drafts/**'],
      failOn: 'high',
      failOnSeverity: 'critical',
      maxWarnings: -1,
      rules: { 'recommended-safeguard': 'off', 'review-overdue': 'error' },
    });
  });
});
