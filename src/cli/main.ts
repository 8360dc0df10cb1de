import { processIo } from './io.js';

declare const __HARM_VERSION__: string;

/** Entry point for bin/harm.js. `--version` answers before anything else is loaded. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${__HARM_VERSION__}\n`);
    return 0;
  }
  const { run } = await import('./run.js');
  return run(argv, processIo());
}
