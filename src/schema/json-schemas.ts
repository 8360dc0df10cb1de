import * as z from 'zod/mini';
import { assessmentSchema } from './assessment.js';
import { catalogLayerSchema } from './catalog.js';
import { configSchema } from './config.js';
import { checkResultSchema, diffSchema, portfolioSchema, reportSchema } from './output.js';

/** The JSON Schemas `harm schema` prints and `schemas/` holds, by file name. */
export function buildJsonSchemas(): Record<string, unknown> {
  // Editors validate files as written, so the catalog schema is the layer schema:
  // a complete catalog is also a valid layer.
  const sources = {
    'assessment.schema.json': assessmentSchema,
    'catalog.schema.json': catalogLayerSchema(),
    'config.schema.json': configSchema(),
    'report.schema.json': reportSchema,
    'check-result.schema.json': checkResultSchema,
    'diff.schema.json': diffSchema,
    'portfolio.schema.json': portfolioSchema,
  } satisfies Record<string, z.core.$ZodType>;
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(sources)) {
    const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
    out[name] = { $schema: json.$schema, $id: `https://harm.dev/schemas/${name}`, ...json };
  }
  return out;
}
