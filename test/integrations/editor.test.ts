import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir } from '../helpers/files.js';
import { LspClient } from './lsp-client.js';

// The JSON Schemas as an editor uses them: yaml-language-server (the server of
// VS Code's YAML extension, and of Neovim's and others' setups) over stdio,
// with the modeline that `harm init` and the examples write.

const ROOT = process.cwd();
const SERVER = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const CUSTOM_LAYER = join(ROOT, 'test/fixtures/catalogs/custom-ids.yaml');

interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}
interface CompletionItem {
  label: string;
  documentation?: string | { value: string };
}

const ASSESSMENT = (schema: string, lines: Record<string, string> = {}) => {
  const line = (key: string, fallback: string) => lines[key] ?? fallback;
  return `# yaml-language-server: $schema=${schema}
apiVersion: harm/v1
kind: Assessment
feature:
  id: demo
  name: Demo
  owner: team
  stage: beta
assessment:
  date: 2026-01-10
  assessors: [a.person]
${line('review_by', '  review_by: 2026-06-30')}
harms:
  - id: scams
    title: Scams
${line('category', '    category: fraud_scams')}
    dimensions: [economic]
    factors:
      likelihood: possible
      scale: group
      duration: short_term
      affected_populations: [older_adults]
      causality: contributing
      technology_contribution: marginal
      mitigation_feasibility: moderate
    safeguards:
${line('safeguard', '      - id: usage_policy.aup-coverage')}
        status: implemented
`;
};
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

const settings = { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } } };
const available = existsSync(SERVER);
const work = makeTempDir('harm-editor-');
let client: LspClient;
let version = 0;

/** Opens a new document (a new URI each time, so that its diagnostics are its own). */
function open(text: string): string {
  const uri = pathToFileURL(join(work, 'assessments', `doc-${++version}.harm.yaml`)).href;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return uri;
}

const diagnosticsOf = (uri: string) =>
  client.waitForNotification<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri).then((p) => p.diagnostics);

async function completeAtEndOf(text: string, needle: string): Promise<CompletionItem[]> {
  const uri = open(text);
  const line = lineOf(text, needle);
  const result = await client.request<{ items: CompletionItem[] } | CompletionItem[]>('textDocument/completion', {
    textDocument: { uri },
    position: { line, character: text.split('\n')[line]!.length },
  });
  return Array.isArray(result) ? result : result.items;
}

const docOf = (item: CompletionItem | undefined) => (typeof item?.documentation === 'object' ? item.documentation.value : (item?.documentation ?? ''));

const suite = available ? describe : describe.skip;
suite(available ? 'yaml-language-server with schemas/' : 'yaml-language-server — SKIPPED: node_modules/yaml-language-server is not installed (npm ci)', () => {
  beforeAll(async () => {
    mkdirSync(join(work, 'assessments'));
    cpSync(join(ROOT, 'schemas'), join(work, 'schemas'), { recursive: true });
    // Schemas for a project whose config adds a catalog layer.
    const made = spawnSync(process.execPath, [join(ROOT, 'bin/harm.js'), 'schema', '--catalog', CUSTOM_LAYER, '--out', join(work, 'custom-schemas')], { encoding: 'utf8' });
    expect(made.stderr).toBe('');
    client = new LspClient(process.execPath, [SERVER, '--stdio'], settings);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(work).href,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: {},
        },
      },
    });
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings });
  });
  afterAll(async () => {
    await client?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('a valid assessment has no diagnostics', async () => {
    expect(await diagnosticsOf(open(ASSESSMENT('../schemas/assessment.schema.json')))).toEqual([]);
  });

  test('an impossible date gets one short, readable message at the date', async () => {
    const text = ASSESSMENT('../schemas/assessment.schema.json', { review_by: '  review_by: 2026-02-30' });
    const diagnostics = await diagnosticsOf(open(text));
    expect(diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message])).toEqual([
      [lineOf(text, 'review_by'), 13, 'Must be a real calendar date in the form YYYY-MM-DD.'],
    ]);
  });

  test('an id that only a later catalog layer defines is not flagged', async () => {
    const text = ASSESSMENT('../schemas/assessment.schema.json', { category: '    category: environmental_damage' });
    expect(await diagnosticsOf(open(text))).toEqual([]);
  });

  test('hovering a factor key shows its description; hovering a level, the catalog\'s sentence for it', async () => {
    const text = ASSESSMENT('../schemas/assessment.schema.json');
    const uri = open(text);
    const line = lineOf(text, 'likelihood: possible');
    const hover = (character: number) =>
      client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const key = await hover(8);
    expect(key.contents.kind).toBe('markdown');
    expect(key.contents.value).toContain('How likely the harm is to happen. It turns severity into risk.');
    const level = await hover(20);
    expect(level.contents.value).toContain('`possible`: `P`, value 0.5: Can be expected to happen sometimes');
  });

  test('a category completes the catalog\'s ids, each with its name and description', async () => {
    const items = await completeAtEndOf(ASSESSMENT('../schemas/assessment.schema.json', { category: '    category: ' }), 'category:');
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['fraud_scams', 'privacy', 'cbrn', 'over_refusal']));
    expect(docOf(items.find((i) => i.label === 'fraud_scams'))).toMatch(/^\*\*Fraud and scams\*\*: \w/);
  });

  test('a safeguard id completes the catalog\'s safeguards', async () => {
    const items = await completeAtEndOf(ASSESSMENT('../schemas/assessment.schema.json', { safeguard: '      - id: ' }), '      - id:');
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['usage_policy.aup-coverage', 'detection.hierarchical-summarization']));
    expect(docOf(items.find((i) => i.label === 'usage_policy.aup-coverage'))).toContain('**Usage policy covers the harm**');
  });

  test('schemas written with `harm schema --catalog` complete the layer\'s ids too', async () => {
    const items = await completeAtEndOf(ASSESSMENT('../custom-schemas/assessment.schema.json', { category: '    category: ' }), 'category:');
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['fraud_scams', 'environmental_damage']));
  });
});
