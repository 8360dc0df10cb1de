import { scoreLevels } from '../../core/score.js';
import { parseVector } from '../../core/vector.js';
import { scoreReporters, type ScoreFormat } from '../../reporters/score-registry.js';
import type { CommandContext } from '../run.js';
import { emit, loadRunSetup, reporterContext } from '../shared.js';

export interface ScoreOptions {
  catalog?: string[];
  config?: string;
  format: ScoreFormat;
  output?: string;
  color?: boolean;
}

/** `harm score <vector>`: severity and risk from a vector alone. */
export async function scoreCommand(ctx: CommandContext, vector: string, options: ScoreOptions): Promise<number> {
  // Parse first: a malformed vector is a usage error whatever the catalog.
  const levels = parseVector(vector);
  const { catalog, inUse } = loadRunSetup(ctx, options);
  const output = { detail: scoreLevels(catalog.framework, levels), framework: catalog.framework };
  emit(ctx, scoreReporters[options.format](output, reporterContext(ctx, options)), options.output, inUse);
  return 0;
}
