import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPathHistory } from '../../src/io/git-history.js';
import { makeTempDir, writeIn } from '../helpers/files.js';
import { commitAt, HAS_GIT, initRepo } from '../helpers/git.js';
import { runCli } from '../helpers/run-cli.js';

const MINIMAL = readFileSync(join(process.cwd(), 'test', 'fixtures', 'valid', 'minimal.harm.yaml'), 'utf8');
/** The minimal assessment with `paths` (dated 2025-03-01), and an optional marker to make a change. */
const assessment = (paths: string, marker = '') => MINIMAL.replace('  stage: concept\n', `  stage: concept\n  paths: ${paths}\n${marker}`);

interface Drift {
  rule: string;
  message: string;
  line: number;
  column: number;
}

async function driftOf(cwd: string, file: string, extra: string[] = []): Promise<Drift[]> {
  const r = await runCli(['assess', file, '--format', 'json', ...extra], { cwd });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { findings: Drift[] }).findings.filter((f) => f.rule === 'assessment-drift');
}

describe.skipIf(!HAS_GIT)('assessment-drift in a throw-away repository', () => {
  let repo: string;
  const hashes: Record<string, string> = {};

  beforeAll(() => {
    repo = makeTempDir('harm-drift-');
    initRepo(repo);
    hashes.start = commitAt(repo, '2025-02-20T09:00:00+00:00', 'Start', {
      'features/pay.harm.yaml': assessment('["src/pay/**"]'),
      'features/late.harm.yaml': assessment('["src/late/**"]').replace('id: minimal', 'id: late'),
      'features/none.harm.yaml': MINIMAL.replace('id: minimal', 'id: none'),
      'src/pay/a.ts': '1\n',
      'src/late/a.ts': '1\n',
      'src/other/b.ts': '1\n',
    });
    // The last evening of the assessment date in New York is already the next day in UTC:
    // the committer's own calendar day counts, so this is not newer than 2025-03-01.
    hashes.sameDay = commitAt(repo, '2025-03-01T23:30:00-05:00', 'Same day, late', { 'src/late/a.ts': '2\n' });
    hashes.other = commitAt(repo, '2025-03-05T09:00:00+00:00', 'Unrelated code', { 'src/other/b.ts': '2\n' });
    hashes.retry = commitAt(repo, '2025-03-10T09:00:00+00:00', 'Retry failed payments', { 'src/pay/a.ts': '2\n' });
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  test('readPathHistory lists the commits since the assessment date that touched the file or its paths, in one git log', () => {
    const history = readPathHistory(join(repo, 'features', 'pay.harm.yaml'), ['src/pay/**'], '2025-03-01');
    expect(history?.commits.map((c) => [c.shortHash, c.day, c.subject, c.touchesAssessment, c.touchesPaths])).toEqual([
      [hashes.retry, '2025-03-10', 'Retry failed payments', false, true],
    ]);
  });

  test('a commit to the paths after the assessment date is a warning at the paths key, naming the commit', async () => {
    const found = await driftOf(repo, 'features/pay.harm.yaml');
    expect(found).toEqual([
      expect.objectContaining({
        line: 8,
        column: 3,
        message: `1 commit changed the feature's paths after this assessment (dated 2025-03-01); the newest is ${hashes.retry} "Retry failed payments" on 2025-03-10. Review the assessment and update assessment.date.`,
      }),
    ]);
  });

  test('check and report run the rule too', async () => {
    const check = await runCli(['check', 'features/pay.harm.yaml', '--format', 'json'], { cwd: repo });
    const rules = (JSON.parse(check.stdout) as { files: { findings: { rule: string }[] }[] }).files[0]!.findings.map((f) => f.rule);
    expect(rules).toContain('assessment-drift');
    const report = await runCli(['report', 'features/pay.harm.yaml', 'features/none.harm.yaml', '--format', 'json'], { cwd: repo });
    const drift = (JSON.parse(report.stdout) as { drift: { feature: string; rule: string }[] }).drift;
    expect(drift.map((d) => [d.feature, d.rule])).toEqual([['minimal', 'assessment-drift']]);
  });

  test('globs are read from the repository root, whatever folder harm runs in', async () => {
    expect(await driftOf(join(repo, 'features'), 'pay.harm.yaml')).toHaveLength(1);
  });

  test('commits on the assessment date, in the committer\'s time zone, and commits elsewhere are not drift', async () => {
    expect(await driftOf(repo, 'features/late.harm.yaml')).toEqual([]);
  });

  test('silent without paths, when the rule is off, and for harm validate', async () => {
    expect(await driftOf(repo, 'features/none.harm.yaml')).toEqual([]);
    writeIn(repo, 'off.config.yaml', 'apiVersion: harm/v1\nkind: Config\nrules: { assessment-drift: off }\n');
    expect(await driftOf(repo, 'features/pay.harm.yaml', ['--config', 'off.config.yaml'])).toEqual([]);
    const validate = await runCli(['validate', 'features/pay.harm.yaml', '--format', 'json'], { cwd: repo });
    expect(validate.stdout).not.toContain('assessment-drift');
  });

  test('committing the assessment after the code ends the drift; code committed after that starts it again', async () => {
    const dir = makeTempDir('harm-drift-again-');
    try {
      initRepo(dir);
      commitAt(dir, '2025-02-20T09:00:00+00:00', 'Start', { 'f.harm.yaml': assessment('["lib/**"]'), 'lib/x.ts': '1\n' });
      commitAt(dir, '2025-03-10T09:00:00+00:00', 'Change x', { 'lib/x.ts': '2\n' });
      expect(await driftOf(dir, 'f.harm.yaml')).toHaveLength(1);
      const reviewed = commitAt(dir, '2025-04-01T09:00:00+00:00', 'Review the assessment', { 'f.harm.yaml': assessment('["lib/**"]', '  description: Reviewed.\n') });
      expect(await driftOf(dir, 'f.harm.yaml')).toEqual([]);
      const after = commitAt(dir, '2025-04-02T09:00:00+00:00', 'Change x again', { 'lib/x.ts': '3\n' });
      const [f] = await driftOf(dir, 'f.harm.yaml');
      expect(f?.message).toContain(`(last changed in ${reviewed} on 2025-04-01); the newest is ${after} "Change x again"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('outside a git work tree, drift is silent', async () => {
  const dir = makeTempDir('harm-no-git-');
  try {
    writeIn(dir, 'a.harm.yaml', assessment('["src/**"]'));
    expect(readPathHistory(join(dir, 'a.harm.yaml'), ['src/**'], '2025-03-01')).toBeUndefined();
    expect(await driftOf(dir, 'a.harm.yaml')).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
