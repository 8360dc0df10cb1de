import { spawnSync } from 'node:child_process';
import { writeIn } from './files.js';

/** Whether git is installed: tests that need it skip with a message otherwise. */
export const HAS_GIT = spawnSync('git', ['--version']).status === 0;

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs git in `dir` with a fixed identity and no user configuration; throws on failure. */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...IDENTITY, ...env } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A new repository on branch main in `dir`. */
export function initRepo(dir: string): void {
  git(dir, ['init', '-q', '-b', 'main']);
}

/**
 * Writes `files` and commits them with author and committer dates set explicitly
 * (ISO 8601 with a zone), so that what is "newer" never depends on the clock.
 * Returns the short hash.
 */
export function commitAt(dir: string, when: string, message: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) writeIn(dir, rel, text);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
  return git(dir, ['rev-parse', '--short', 'HEAD']).trim();
}
