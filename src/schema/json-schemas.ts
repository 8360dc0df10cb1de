import * as z from 'zod/mini';
import { assessmentSchema } from './assessment.js';
import { catalogLayerSchema, type Catalog } from './catalog.js';
import { configSchema } from './config.js';
import { annotateForEditors, type DocumentTexts } from './editor/annotate.js';
import { ASSESSMENT_TEXTS } from './editor/assessment-texts.js';
import { CATALOG_TEXTS } from './editor/catalog-texts.js';
import { CONFIG_TEXTS } from './editor/config-texts.js';
import { editorValues } from './editor/values.js';
import { checkResultSchema, reportSchema } from './output.js';

/**
 * The JSON Schemas `harm schema` prints and `schemas/` holds, by file name.
 * The schemas of the files people write also carry texts for editors, and
 * complete the ids of `catalog`, the effective catalog (schemas/: the built-in one).
 */
export function buildJsonSchemas(catalog: Catalog): Record<string, unknown> {
  // Editors validate files as written, so the catalog schema is the layer schema:
  // a complete catalog is also a valid layer.
  const sources: Record<string, [z.core.$ZodType, DocumentTexts?]> = {
    'assessment.schema.json': [assessmentSchema, ASSESSMENT_TEXTS],
    'catalog.schema.json': [catalogLayerSchema(), CATALOG_TEXTS],
    'config.schema.json': [configSchema(), CONFIG_TEXTS],
    'report.schema.json': [reportSchema],
    'check-result.schema.json': [checkResultSchema],
  };
  const values = editorValues(catalog);
  const out: Record<string, unknown> = {};
  for (const [name, [schema, texts]] of Object.entries(sources)) {
    const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
    if (texts) annotateForEditors(json, texts, values);
    out[name] = { $schema: json.$schema, $id: `https://harm.dev/schemas/${name}`, ...json };
  }
  return out;
}
