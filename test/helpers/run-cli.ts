import { run } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output and no terminal, unless `tty` says there is one (`columns` wide). */
export async function runCli(argv: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; today?: string; tty?: boolean; columns?: number } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...opts.env },
    stdout: { write: (s: string) => void (stdout += s), isTTY: opts.tty ?? false, columns: opts.columns ?? 80 },
    stderr: { write: (s: string) => void (stderr += s), isTTY: opts.tty ?? false, columns: opts.columns ?? 80 },
    stdinIsTTY: opts.tty ?? false,
    today: () => opts.today ?? '2026-01-15',
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
