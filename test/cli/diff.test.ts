import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diff } from '../../src/schema/output.js';
import { makeTempDir, writeIn } from '../helpers/files.js';
import { commitAt, HAS_GIT, initRepo } from '../helpers/git.js';
import { runCli } from '../helpers/run-cli.js';
import { DIFF_DIR } from '../fixtures/diff.js';

const OLD = readFileSync(join(DIFF_DIR, 'old.harm.yaml'), 'utf8');
const NEW = readFileSync(join(DIFF_DIR, 'new.harm.yaml'), 'utf8');
const CONFIG = 'apiVersion: harm/v1\nkind: Config\ncatalogs: [policy/catalog.yaml]\n';
const catalog = (likelihoodWeight: number) => `apiVersion: harm/v1\nkind: Catalog\nframework:\n  weights: { likelihood: ${likelihoodWeight} }\n`;

describe.skipIf(!HAS_GIT)('harm diff in a throw-away repository', () => {
  let repo: string;
  let outside: string;
  const assessments = () => join(repo, 'assessments');

  beforeAll(() => {
    repo = makeTempDir('harm-diff-');
    outside = makeTempDir('harm-diff-outside-');
    initRepo(repo);
    commitAt(repo, '2025-06-01T10:00:00+00:00', 'Assess checkout', {
      'harm.config.yaml': CONFIG,
      'policy/catalog.yaml': catalog(0.5),
      'assessments/checkout.harm.yaml': OLD,
      'assessments/logo.png': '\x89PNG\r\n\x1a\n\0\0\0\rIHDR',
    });
    // The working tree: the assessment edited, and the policy's likelihood weight changed.
    writeIn(repo, 'assessments/checkout.harm.yaml', NEW);
    writeIn(repo, 'policy/catalog.yaml', catalog(0.3));
    writeIn(repo, 'assessments/unchanged.harm.yaml', OLD);
  });
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  test('REV:path is read from the repository root, from any folder, and scored with the config and catalog of REV', async () => {
    const r = await runCli(['diff', 'main:assessments/checkout.harm.yaml', 'checkout.harm.yaml', '--format', 'json'], { cwd: assessments() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout) as Diff;
    expect(diff.old).toMatchObject({ file: 'main:assessments/checkout.harm.yaml', config: 'main:harm.config.yaml', stage: 'beta' });
    expect(diff.new).toMatchObject({ file: 'checkout.harm.yaml', config: '../harm.config.yaml', stage: 'ga' });
    expect(diff.config).toBe('../harm.config.yaml');
    expect(diff.frameworkChanged).toBe(true);
    expect(diff.framework).toEqual(diff.new.framework);
    // ./ and ../ are read from the working directory, as git reads them.
    const relative = await runCli(['diff', 'HEAD:./checkout.harm.yaml', 'checkout.harm.yaml', '--format', 'json'], { cwd: assessments() });
    expect((JSON.parse(relative.stdout) as Diff).old.file).toBe('HEAD:./checkout.harm.yaml');
  });

  test('a file compared with a copy of itself changes nothing, under one framework', async () => {
    const same = await runCli(['diff', 'assessments/unchanged.harm.yaml', 'assessments/unchanged.harm.yaml', '--format', 'json'], { cwd: repo });
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ frameworkChanged: false, riskIncreased: false, harms: { added: [], removed: [], changed: [] } });
  });

  test('the Markdown for a pull request states the framework change first; --fail-on-increase exits 1 when risk rose', async () => {
    const r = await runCli(['diff', 'main:assessments/checkout.harm.yaml', 'assessments/checkout.harm.yaml', '--format', 'markdown', '--fail-on-increase'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      '### harm diff: Checkout \\<b\\>agent\\</b\\> | v1 (`checkout-agent`)',
      '',
      '> [!WARNING]',
      expect.stringMatching(/^> The framework changed between the two sides \(harm-default v2 sha256:[0-9a-f]{12}… → harm-default v2 sha256:[0-9a-f]{12}…\)/),
    ]);
    const down = await runCli(['diff', 'assessments/checkout.harm.yaml', 'main:assessments/checkout.harm.yaml', '--fail-on-increase'], { cwd: repo });
    expect(down.code).toBe(0);
  });

  test.each([
    [['nope:assessments/checkout.harm.yaml', 'x'], 'harm: git does not know the revision "nope" (in nope:assessments/checkout.harm.yaml).\n'],
    [['main:assessments/gone.harm.yaml', 'x'], 'harm: main:assessments/gone.harm.yaml does not exist: there is no assessments/gone.harm.yaml at main.\n'],
    [['main:../secret.yaml', 'x'], 'harm: main:../secret.yaml names a path outside the repository REPO.\n'],
    [['main:assessments', 'x'], 'harm: main:assessments is a folder, not a file.\n'],
    [['main:assessments/logo.png', 'x'], 'harm: main:assessments/logo.png is a binary file, not an assessment.\n'],
    [['main:policy/catalog.yaml', 'assessments/checkout.harm.yaml'], /^harm: main:policy\/catalog\.yaml is not an assessment harm can score: This is a Catalog file, not an Assessment: .* \(line 2, column 7\)\.\n$/],
    [['assessments/missing.harm.yaml', 'x'], 'harm: The file assessments/missing.harm.yaml does not exist (to read it from git, write REV:path).\n'],
    [['assessments', 'x'], 'harm: assessments is a folder; harm diff compares two assessment files.\n'],
    [['assessments/checkout.harm.yaml', 'assessments/checkout.harm.yaml', '--format', 'html'], /^harm: Option '-f, --format <name>' argument 'html' is invalid; allowed choices are table, markdown, json/],
  ])('%j is a usage error in one sentence, and writes nothing', async (argv, stderr) => {
    const out = join(outside, 'out.md');
    const r = await runCli(['diff', ...argv, '--output', out], { cwd: repo });
    expect(r.code).toBe(2);
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr.replace('REPO', repo));
    else expect(r.stderr).toMatch(stderr);
    expect(existsSync(out)).toBe(false);
  });

  test('REV:path outside a git work tree is a usage error', async () => {
    const r = await runCli(['diff', 'main:a.harm.yaml', 'b.harm.yaml'], { cwd: outside });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('harm: main:a.harm.yaml is read with git, but the working directory is not inside a git repository.\n');
  });
});
