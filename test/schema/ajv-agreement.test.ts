import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { strictAjv } from '../helpers/ajv.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = process.cwd();
const FIXTURES = join(ROOT, 'test/fixtures/ajv');
const CUSTOM_LAYER = join(ROOT, 'test/fixtures/catalogs/custom-ids.yaml');
/** The rules that answer structural questions; the rest (references, ids, dates) a JSON Schema cannot know. */
const STRUCTURAL_RULES = new Set(['yaml-syntax', 'schema']);

const loadSchema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;
const compile = (name: string) => strictAjv().compile(loadSchema(name));

/**
 * What a JSON Schema user sees: the YAML as an editor or CI script parses it, then Ajv.
 * Merge keys are on because harm's files use them as docker-compose files do (SPEC §1);
 * a file the YAML parser refuses counts as rejected.
 */
function ajvAccepts(validate: ReturnType<typeof compile>, text: string): { ok: boolean; errors: string } {
  let value: unknown;
  try {
    value = parse(text, { merge: true });
  } catch (error) {
    return { ok: false, errors: (error as Error).message };
  }
  const ok = validate(value);
  return { ok, errors: JSON.stringify(validate.errors ?? []) };
}

const files = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('Ajv with schemas/assessment.schema.json agrees with `harm validate` on structure', () => {
  const validate = compile('assessment.schema.json');
  const harmFindings = new Map<string, { rule: string; message: string }[]>();

  beforeAll(async () => {
    // One run for every fixture, with a layer that defines the custom ids, so harm accepts them.
    const result = await runCli(['validate', '--format', 'json', '--catalog', CUSTOM_LAYER, ...files.map((f) => join(FIXTURES, f))]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { files: { file: string; findings: { rule: string; message: string }[] }[] };
    // The fixtures share one feature id; that cross-file finding is about the set, not a document.
    const own = (f: { rule: string; message: string }) => !(f.rule === 'duplicate-id' && f.message.startsWith('Feature id'));
    for (const file of report.files) harmFindings.set(file.file.split(/[\\/]/).pop()!, file.findings.filter(own));
  });

  test('there are enough documents, valid and invalid', () => {
    expect(files.filter((f) => f.startsWith('valid-')).length).toBeGreaterThanOrEqual(15);
    expect(files.filter((f) => f.startsWith('invalid-')).length).toBeGreaterThanOrEqual(25);
    expect(files.every((f) => f.startsWith('valid-') || f.startsWith('invalid-'))).toBe(true);
  });

  test.each(files)('%s', (file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const findings = harmFindings.get(file);
    expect(findings, `harm reported nothing for ${file}`).toBeDefined();
    const structural = findings!.filter((f) => STRUCTURAL_RULES.has(f.rule));
    const harmAccepts = structural.length === 0;
    const ajv = ajvAccepts(validate, text);
    const expected = file.startsWith('valid-');

    expect(ajv.ok, `Ajv ${ajv.ok ? 'accepts' : 'rejects'} but harm ${harmAccepts ? 'accepts' : 'rejects'}: harm ${JSON.stringify(structural)}; Ajv ${ajv.errors}`).toBe(harmAccepts);
    // Both could be wrong the same way; the file name says what is right.
    expect(harmAccepts, `harm: ${JSON.stringify(findings)}`).toBe(expected);
  });

  test('valid documents that use only catalog ids (built-in or custom) have no findings at all', () => {
    for (const file of ['valid-builtin-ids.yaml', 'valid-custom-ids.yaml', 'valid-json.yaml', 'valid-merge-key.yaml', 'valid-anchors-aliases.yaml']) {
      expect(harmFindings.get(file), file).toEqual([]);
    }
  });

  test('the documents outside the schema\'s reach get the rule that covers them, not a schema error', () => {
    const rulesOf = (file: string) => new Set(harmFindings.get(file)!.map((f) => f.rule));
    expect(rulesOf('valid-unknown-references.yaml')).toEqual(new Set(['unknown-reference']));
    expect(rulesOf('valid-duplicate-harm-ids.yaml')).toEqual(new Set(['duplicate-id']));
    expect(rulesOf('valid-not-applicable-without-note.yaml')).toEqual(new Set(['not-applicable-without-note']));
    expect(rulesOf('valid-past-dates.yaml')).toEqual(new Set(['review-overdue', 'safeguard-overdue', 'waiver-expired']));
  });

  test('without the custom layer, harm rejects the custom ids as references only', async () => {
    const result = await runCli(['validate', '--format', 'json', join(FIXTURES, 'valid-custom-ids.yaml')]);
    const findings = (JSON.parse(result.stdout) as { files: { findings: { rule: string }[] }[] }).files[0]!.findings;
    // The category, the custom dimension (economic is built in), the population and the safeguard.
    expect(findings.map((f) => f.rule)).toEqual(['unknown-reference', 'unknown-reference', 'unknown-reference', 'unknown-reference']);
    expect(validate(parse(readFileSync(join(FIXTURES, 'valid-custom-ids.yaml'), 'utf8')))).toBe(true);
  });
});

describe('schemas/catalog.schema.json and schemas/config.schema.json', () => {
  const validateCatalog = compile('catalog.schema.json');
  const validateConfig = compile('config.schema.json');

  test('accept catalog/builtin.yaml', () => {
    const ok = validateCatalog(parse(readFileSync(join(ROOT, 'catalog/builtin.yaml'), 'utf8')));
    expect(ok, JSON.stringify(validateCatalog.errors)).toBe(true);
  });

  test('accept the example layer of docs/catalog.md and the custom layer of these tests', () => {
    const doc = readFileSync(join(ROOT, 'docs/catalog.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### Example layer'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(example).toContain('kind: Catalog');
    expect(validateCatalog(parse(example)), JSON.stringify(validateCatalog.errors)).toBe(true);
    expect(validateCatalog(parse(readFileSync(CUSTOM_LAYER, 'utf8'))), JSON.stringify(validateCatalog.errors)).toBe(true);
  });

  test.each([
    ['an unknown key', 'safeguards:\n  - id: product.x\n    burdn: low\n'],
    ['a bad safeguard id', 'safeguards:\n  - id: flood-warnings\n'],
    ['a reference that is not an http(s) URL', 'safeguards:\n  - id: product.x\n    reference: ftp://example.com/x\n'],
    ['a positive effect', 'safeguards:\n  - id: product.x\n    effects: { likelihood: 1 }\n'],
    ['an unknown level id', 'framework:\n  factors:\n    likelihood:\n      levels: [{ id: sometimes, value: 0.4 }]\n'],
    ['a list entry without an id', 'categories:\n  - name: Floods\n'],
  ])('reject a catalog layer with %s, as harm does', async (_name, body) => {
    const text = `apiVersion: harm/v1\nkind: Catalog\n${body}`;
    expect(validateCatalog(parse(text))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'harm-ajv-'));
    writeFileSync(join(dir, 'layer.yaml'), text);
    const result = await runCli(['validate', '--format', 'json', 'layer.yaml'], { cwd: dir });
    const findings = (JSON.parse(result.stdout) as { files: { findings: { rule: string }[] }[] }).files[0]!.findings;
    expect(findings.map((f) => f.rule)).toContain('schema');
  });

  test('accept the SPEC sample config and reject an unknown rule or gate', () => {
    const sample = `apiVersion: harm/v1
kind: Config
catalogs: [policy/catalog.yaml]
include: ["assessments/**/*.yaml"]
exclude: ["**/drafts/**"]
failOn: high
failOnSeverity: critical
maxWarnings: -1
rules: { recommended-safeguard: off, review-overdue: error }
`;
    expect(validateConfig(parse(sample)), JSON.stringify(validateConfig.errors)).toBe(true);
    expect(validateConfig(parse(sample.replace('review-overdue', 'review-overdu')))).toBe(false);
    expect(validateConfig(parse(sample.replace('failOn: high', 'failOn: severe')))).toBe(false);
    expect(validateConfig(parse(sample.replace('maxWarnings: -1', 'maxWarnings: -2')))).toBe(false);
    expect(validateConfig(parse(`${sample}$schema: ../schemas/config.schema.json\n`))).toBe(true);
  });
});
