import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findingTemplates, writeAssessments } from '../../scripts/generate-assessments.mjs';
import { renderFormat, buildCheckRun, buildContext, CHECK_FRAMEWORK } from '../fixtures/check-run.js';
import { makeTempDir } from '../helpers/files.js';
import { runCli } from '../helpers/run-cli.js';

/** Microsoft's SARIF Multitool, as @microsoft/sarif-multitool installs it on Linux. */
const MULTITOOL = join(process.cwd(), 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
const available = existsSync(MULTITOOL) && spawnSync(MULTITOOL, ['--version']).status === 0;
if (!available) console.warn(`SKIPPED: the SARIF Multitool is not at ${MULTITOOL} (or does not run here); npm ci installs it on Linux.`);

interface MultitoolResult {
  ruleId: string;
  level?: string;
  message: { text?: string; arguments?: string[] };
}

/**
 * Validates a log with the SARIF rules and GitHub's (`--rule-kind "Sarif;Gh"`):
 * returns what it reports at warning or error level (a result without a level is a warning).
 */
function validate(sarif: string): MultitoolResult[] {
  const dir = makeTempDir('harm-multitool-');
  const input = join(dir, 'harm.sarif');
  const output = join(dir, 'validation.sarif');
  writeFileSync(input, sarif);
  const run = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning', '--output', output, input], { encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const log = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results?: MultitoolResult[] }[] };
  return (log.runs[0]!.results ?? []).filter((r) => (r.level ?? 'warning') === 'warning' || r.level === 'error');
}

describe.skipIf(!available)('SARIF checked by the SARIF Multitool with the GitHub rules', () => {
  let repo: string;
  beforeAll(() => {
    repo = makeTempDir('harm-sarif-repo-');
    writeAssessments(repo, 40, findingTemplates());
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'assessments');
    git('remote', 'add', 'origin', 'https://github.com/example/product.git');
  });

  it('finds no warning and no error in a real run inside a git checkout, infos included', async () => {
    const result = await runCli(['check', '--format', 'sarif', '--verbose', '--today', '2026-01-01'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).runs[0].versionControlProvenance).toHaveLength(1);
    expect(validate(result.stdout)).toEqual([]);
  });

  it('finds no warning and no error in the golden run, nor in a clean or empty one', () => {
    for (const run of [buildCheckRun(), buildCheckRun([]), buildCheckRun(undefined, { version: '1.0.0', framework: CHECK_FRAMEWORK, config: null, command: 'validate' })]) {
      expect(validate(renderFormat('sarif', run, buildContext({ verbose: true })))).toEqual([]);
    }
  });

  it('is strict enough to report a rule whose name is its id (SARIF1001)', () => {
    const log = JSON.parse(renderFormat('sarif', buildCheckRun(), buildContext()));
    log.runs[0].tool.driver.rules[2].name = 'Schema';
    expect(validate(JSON.stringify(log)).map((r) => r.ruleId)).toContain('SARIF1001');
  });
});
