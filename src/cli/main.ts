import { processIo, type CliIo } from './io.js';

declare const __HARM_VERSION__: string;

/** Entry point for bin/harm.js. `--version` answers before anything else is loaded. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${__HARM_VERSION__}\n`);
    return 0;
  }
  let io: CliIo;
  try {
    io = processIo();
  } catch (error) {
    // process.cwd() throws when the working folder was deleted (uv_cwd): nothing can be resolved from it.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    process.stderr.write('harm: The working folder no longer exists; change to an existing folder and run harm again.\n');
    return 2;
  }
  const { run } = await import('./run.js');
  return run(argv, io);
}
