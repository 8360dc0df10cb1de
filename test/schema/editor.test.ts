import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadBuiltinCatalog, loadEffectiveCatalog } from '../../src/io/catalog-loader.js';
import { walkSchema, type DocumentTexts } from '../../src/schema/editor/annotate.js';
import { ASSESSMENT_TEXTS } from '../../src/schema/editor/assessment-texts.js';
import { CATALOG_TEXTS } from '../../src/schema/editor/catalog-texts.js';
import { CONFIG_TEXTS } from '../../src/schema/editor/config-texts.js';
import { buildJsonSchemas } from '../../src/schema/json-schemas.js';
import { strictAjv } from '../helpers/ajv.js';
import { makeTempDir } from '../helpers/files.js';
import { runCli } from '../helpers/run-cli.js';

type Node = Record<string, unknown>;

const ROOT = process.cwd();
const CUSTOM_LAYER = join(ROOT, 'test/fixtures/catalogs/custom-ids.yaml');
const builtin = loadBuiltinCatalog();
const built = buildJsonSchemas(builtin) as Record<string, Node>;
const INPUTS: [string, DocumentTexts][] = [
  ['assessment.schema.json', ASSESSMENT_TEXTS],
  ['catalog.schema.json', CATALOG_TEXTS],
  ['config.schema.json', CONFIG_TEXTS],
];

/** Every node of a schema with its path and key, `$ref`s to the definitions left as they are. */
function nodesOf(schema: Node): { node: Node; path: string; key: string | undefined }[] {
  const nodes: { node: Node; path: string; key: string | undefined }[] = [];
  walkSchema(schema, (node, path, key) => void nodes.push({ node, path, key }));
  return nodes;
}

const definition = (schema: Node, ref: string) => (schema.definitions as Record<string, Node>)[ref.replace('#/definitions/', '')]!;

describe.each(INPUTS)('%s for editors', (name, texts) => {
  const schema = built[name]!;
  const nodes = nodesOf(schema);

  test('describes every key, in Markdown and in plain text', () => {
    const bare = nodes.filter((n) => n.key !== undefined && (typeof n.node.markdownDescription !== 'string' || typeof n.node.description !== 'string'));
    expect(bare.map((n) => n.path), 'add a text for each of these keys in src/schema/editor/').toEqual([]);
    for (const { node } of nodes.filter((n) => n.key !== undefined)) {
      expect(node.description).toBe((node.markdownDescription as string).replaceAll('`', '').replaceAll('**', ''));
    }
  });

  test('describes every value of every enum', () => {
    const enums = [...nodes.map((n) => n.node), ...Object.values((schema.definitions ?? {}) as Record<string, Node>)].filter((n) => Array.isArray(n.enum));
    expect(enums.length).toBeGreaterThan(0);
    for (const node of enums) {
      const values = node.enum as string[];
      const texts = node.markdownEnumDescriptions as string[] | undefined;
      expect(texts, `no texts for ${values.join('|')}`).toHaveLength(values.length);
      expect(texts!.filter((t) => !/\w/.test(t)), values.join('|')).toEqual([]);
      expect(node.enumDescriptions).toHaveLength(values.length);
    }
  });

  test('has a readable message for every pattern', () => {
    const patterns = nodes.filter((n) => typeof n.node.pattern === 'string');
    for (const { node, path } of patterns) expect(node.patternErrorMessage, path).toMatch(/^Must be .{5,90}\.$/);
  });

  test('has no text for a key it does not have', () => {
    const paths = new Set(nodes.map((n) => n.path));
    expect(Object.keys(texts.keys).filter((p) => !paths.has(p))).toEqual([]);
    expect(Object.keys(texts.ids).filter((p) => !paths.has(p))).toEqual([]);
  });
});

describe('catalog ids in the assessment schema', () => {
  const schema = built['assessment.schema.json']!;
  const harm = ((schema.properties as Node).harms as Node).items as Node;
  const props = harm.properties as Record<string, Node>;
  const offered = (node: Node) => definition(schema, ((node.anyOf as Node[])[0]!.$ref as string)).enum as string[];

  test.each([
    ['category', props.category!, builtin.categories.map((c) => c.id)],
    ['dimensions', props.dimensions!.items as Node, builtin.framework.dimensions.map((d) => d.id)],
    ['affected_populations', ((props.factors!.properties as Node).affected_populations as Node).items as Node, builtin.framework.populations.map((p) => p.id)],
    ['a safeguard declaration', ((props.safeguards!.items as Node).properties as Node).id as Node, builtin.safeguards.map((s) => s.id)],
  ])('%s completes the catalog\'s ids', (_, node, ids) => {
    expect(offered(node)).toEqual(ids);
    // The schema as zod wrote it still decides what is valid.
    expect((node.anyOf as Node[])[1]).toMatchObject({ type: 'string', minLength: 1 });
  });

  test('capabilities complete from those the catalog\'s conditions name', () => {
    const capabilities = offered((((schema.properties as Node).feature as Node).properties as Record<string, Node>).capabilities!.items as Node);
    expect(capabilities).toContain('computer_use');
    expect(capabilities).toEqual([...capabilities].sort());
  });

  test('an id that a later layer adds is still valid, an empty one is not', () => {
    const validate = strictAjv().compile(schema);
    const example = parse(readFileSync(join(ROOT, 'examples/computer-use.yaml'), 'utf8')) as { harms: Node[] };
    const withCategory = (category: string) => ({ ...example, harms: [{ ...example.harms[0], category }] });
    expect(validate(withCategory('fraud_scams')), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(withCategory('environmental_damage')), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(withCategory(''))).toBe(false);
  });
});

describe('harm schema with the effective catalog', () => {
  const ids = (schemas: Record<string, Node>, file: string, kind: string) => (schemas[file]!.definitions as Record<string, Node>)[`${kind}Id`]!.enum as string[];

  test('buildJsonSchemas offers a layer\'s ids beside the built-in ones', () => {
    const schemas = buildJsonSchemas(loadEffectiveCatalog({ cwd: ROOT, catalogs: [CUSTOM_LAYER], config: null })) as Record<string, Node>;
    expect(ids(schemas, 'assessment.schema.json', 'category')).toEqual([...builtin.categories.map((c) => c.id), 'environmental_damage']);
    expect(ids(schemas, 'assessment.schema.json', 'safeguard')).toContain('product.flood-warnings');
    expect(ids(schemas, 'catalog.schema.json', 'population')).toContain('farmers');
  });

  test.each([
    ['--catalog', (dir: string) => ['--catalog', CUSTOM_LAYER, '--out', join(dir, 'out')]],
    ['the config\'s catalogs', (dir: string) => {
      writeFileSync(join(dir, 'harm.config.yaml'), `apiVersion: harm/v1\nkind: Config\ncatalogs: [${JSON.stringify(CUSTOM_LAYER)}]\n`);
      return ['--out', 'out'];
    }],
  ])('`harm schema --out` writes schemas that complete the ids of %s', async (_, args) => {
    const dir = makeTempDir('harm-schema-');
    const result = await runCli(['schema', ...args(dir)], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'out', 'assessment.schema.json'), 'utf8')) as Node;
    expect(ids({ 'assessment.schema.json': written }, 'assessment.schema.json', 'dimension')).toContain('environmental');
  });

  test('without a config or --catalog, it writes exactly the committed schemas', async () => {
    const dir = makeTempDir('harm-schema-');
    const result = await runCli(['schema', 'assessment'], { cwd: dir });
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'schemas/assessment.schema.json'), 'utf8'));
  });
});
