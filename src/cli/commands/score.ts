import { scoreLevels } from '../../core/score.js';
import { parseVector } from '../../core/vector.js';
import { loadEffectiveCatalog } from '../../io/catalog-loader.js';
import { scoreReporters, type ScoreFormat } from '../../reporters/score-registry.js';
import type { CommandContext } from '../run.js';
import { emit, reporterContext } from '../shared.js';

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
  const catalog = loadEffectiveCatalog({ cwd: ctx.io.cwd, catalogs: options.catalog ?? [], ...(options.config !== undefined ? { config: options.config } : {}) });
  const output = { detail: scoreLevels(catalog.framework, levels), framework: catalog.framework };
  emit(ctx, scoreReporters[options.format](output, reporterContext(ctx, options)), options.output);
  return 0;
}
