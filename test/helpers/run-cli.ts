import { run } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output and no terminal. */
export async function runCli(argv: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; today?: string; tty?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...opts.env },
    stdout: { write: (s: string) => void (stdout += s), isTTY: opts.tty ?? false, columns: 80 },
    stderr: { write: (s: string) => void (stderr += s), isTTY: false },
    stdinIsTTY: opts.tty ?? false,
    today: () => opts.today ?? '2026-01-15',
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
