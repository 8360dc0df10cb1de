import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { buildJsonSchemas } from '../../src/schema/json-schemas.js';
import { strictAjv } from '../helpers/ajv.js';

const ROOT = process.cwd();
const SCHEMAS = join(ROOT, 'schemas');
const REGENERATE = 'npm run bundle && node bin/harm.js schema --out schemas';
const built = buildJsonSchemas(loadBuiltinCatalog());
const names = Object.keys(built).sort();

const INPUT_SCHEMAS = ['assessment.schema.json', 'catalog.schema.json', 'config.schema.json'];

describe('the committed schemas/*.schema.json', () => {
  test('are exactly the ones harm generates, and no others', () => {
    const committed = readdirSync(SCHEMAS).filter((f) => f.endsWith('.json')).sort();
    expect(committed, `schemas/ holds other files than harm generates; run \`${REGENERATE}\``).toEqual(names);
  });

  test.each(names)('%s has not drifted from the zod schemas', (name) => {
    const text = readFileSync(join(SCHEMAS, name), 'utf8');
    // Byte for byte what `harm schema --out` writes.
    expect(text, `schemas/${name} is out of date with src/schema; run \`${REGENERATE}\` and commit the result`).toBe(`${JSON.stringify(built[name], null, 2)}\n`);
  });
});

describe.each(names)('%s', (name) => {
  const schema = built[name] as Record<string, unknown>;

  test('is draft-07 with a stable $id', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`https://harm.dev/schemas/${name}`);
    expect(typeof schema.title).toBe('string');
  });

  test('compiles in Ajv in strict mode, without format plug-ins', () => {
    const ajv = strictAjv();
    expect(() => ajv.compile(schema)).not.toThrow();
    // The draft-07 meta-schema, too.
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  });

  // Files people write are strict (SPEC §1); harm's own output may grow fields.
  test.runIf(INPUT_SCHEMAS.includes(name))('every object forbids unknown keys', () => {
    const loose: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.type === 'object' && o.additionalProperties !== false && o.propertyNames === undefined) loose.push(at || '/');
        for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
      }
    };
    walk(schema, '');
    expect(loose).toEqual([]);
  });
});

describe('examples', () => {
  const validate = strictAjv().compile(built['assessment.schema.json'] as Record<string, unknown>);
  const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();

  test('there are examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  test.each(examples)('examples/%s validates against assessment.schema.json', (file) => {
    const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
    const ok = validate(parse(text));
    expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
    // Editors find the schema through the modeline.
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/assessment\.schema\.json$/m);
  });
});
