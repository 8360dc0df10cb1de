import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/files.js';
import { commitAt, git, HAS_GIT, initRepo } from '../helpers/git.js';

const PACKAGE = process.cwd();
const BUILT = existsSync(join(PACKAGE, 'dist', 'main.js'));
const MINIMAL = readFileSync(join(PACKAGE, 'test', 'fixtures', 'valid', 'minimal.harm.yaml'), 'utf8');

interface Step {
  name: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(PACKAGE, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { steps: Step[] } };
const step = action.runs.steps.find((s) => s.name === 'Compare changed assessments with the base branch')!;

describe('action.yml: the diff summary on pull requests', () => {
  it('is off unless asked for, and runs only on pull requests', () => {
    expect(action.inputs['diff-summary']?.default).toBe('false');
    expect(step.if).toContain("inputs.diff-summary == 'true'");
    expect(step.if).toContain("github.base_ref != ''");
  });

  describe.skipIf(!BUILT || !HAS_GIT)('its script, run by bash on a pull request', () => {
    let origin: string;
    let clone: string;
    beforeAll(() => {
      origin = makeTempDir('harm-action-origin-');
      initRepo(origin);
      commitAt(origin, '2025-06-01T10:00:00+00:00', 'Base', {
        'a.harm.yaml': MINIMAL.replace('id: minimal', 'id: a'),
        'gone.harm.yaml': MINIMAL.replace('id: minimal', 'id: gone'),
        'workflow.yaml': 'on: push\n',
      });
      clone = makeTempDir('harm-action-clone-');
      git(clone, ['clone', '-q', origin, '.']);
      // The pull request: a likelier harm, a new assessment, a removed one, and a YAML file that is not an assessment.
      commitAt(clone, '2025-06-02T10:00:00+00:00', 'Change', {
        'a.harm.yaml': MINIMAL.replace('id: minimal', 'id: a').replace('likelihood: possible', 'likelihood: almost_certain'),
        'b.harm.yaml': readFileSync(join(PACKAGE, 'examples', 'voice-companion.yaml'), 'utf8'),
        'workflow.yaml': 'on: pull_request\n',
      });
      git(clone, ['rm', '-q', 'gone.harm.yaml']);
      git(clone, ['commit', '-q', '-m', 'Remove'], { GIT_AUTHOR_DATE: '2025-06-03T10:00:00+00:00', GIT_COMMITTER_DATE: '2025-06-03T10:00:00+00:00' });
    });
    afterAll(() => {
      rmSync(origin, { recursive: true, force: true });
      rmSync(clone, { recursive: true, force: true });
    });

    it('writes the Markdown of each changed assessment to the job summary', () => {
      const summary = join(clone, '..', `${clone.split('/').pop()}-summary.md`);
      writeFileSync(summary, '');
      const env = { PATH: process.env.PATH ?? '', HOME: clone, GITHUB_ACTION_PATH: PACKAGE, GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary, HARM_CONFIG: '', GIT_CONFIG_GLOBAL: '/dev/null' };
      const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', step.run!], { cwd: clone, env, encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const text = readFileSync(summary, 'utf8');
      rmSync(summary);
      expect(text).toContain('### harm diff: Minimal (`a`)');
      expect(text).toContain('`origin/main:a.harm.yaml` → `a.harm.yaml`');
      expect(text).toContain('likelihood possible → almost_certain');
      expect(text).toContain('### harm diff: `b.harm.yaml` is a new assessment');
      expect(text).toContain('### harm diff: `gone.harm.yaml` was removed');
      expect(text).not.toContain('workflow');
    });
  });
});
