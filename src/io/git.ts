import { spawnSync } from 'node:child_process';

interface GitResult {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs git with arguments as given (never through a shell). A git that is not
 * installed, or that fails, is `ok: false`: callers decide whether that is silence
 * (drift outside a work tree) or a sentence for the user (diff).
 */
export function runGit(args: readonly string[], opts: { cwd: string; maxBytes?: number; input?: string }): GitResult {
  const result = spawnSync('git', args, {
    cwd: opts.cwd,
    maxBuffer: opts.maxBytes ?? 64 * 1024 * 1024,
    // Messages are parsed by no one, but a pager or a prompt must never start.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(opts.input === undefined ? {} : { input: opts.input }),
  });
  return {
    ok: !result.error && result.status === 0,
    stdout: result.stdout ?? Buffer.alloc(0),
    stderr: result.error ? String((result.error as NodeJS.ErrnoException).code ?? result.error.message) : (result.stderr?.toString('utf8') ?? ''),
  };
}
