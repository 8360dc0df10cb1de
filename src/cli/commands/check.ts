import { runChecks, type CheckOptions } from '../check-runner.js';
import type { CommandContext } from '../run.js';

export async function checkCommand(ctx: CommandContext, globs: string[], options: CheckOptions): Promise<number> {
  return runChecks(ctx, globs, options, 'check');
}
