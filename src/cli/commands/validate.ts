import { runChecks, type CheckOptions } from '../check-runner.js';
import type { CommandContext } from '../run.js';

export async function validateCommand(ctx: CommandContext, files: string[], options: CheckOptions): Promise<number> {
  return runChecks(ctx, files, options, 'validate');
}
