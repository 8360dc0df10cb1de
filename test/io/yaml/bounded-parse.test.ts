import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseDocumentsBounded } from '../../../src/io/yaml/bounded-parse.js';
import { MAX_DEPTH } from '../../../src/io/yaml/limits.js';
import { parseYamlFully } from '../../../src/io/yaml/parse.js';

const MiB = 1024 * 1024 - 64;

/** Just under 1 MiB of one shape each: what yaml would turn into hundreds of megabytes of objects. */
const HOSTILE: Record<string, { text: string; rule: string; message: RegExp }> = {
  'open flow lists': { text: '['.repeat(MiB), rule: 'yaml-syntax', message: /deeper than 64/ },
  'open flow mappings': { text: '{a: '.repeat(MiB / 4), rule: 'yaml-syntax', message: /deeper than 64/ },
  'compact block lists': { text: `${'- '.repeat(MiB / 2)}x\n`, rule: 'yaml-syntax', message: /deeper than 64/ },
  'compact explicit keys': { text: `${'? '.repeat(MiB / 2)}x\n`, rule: 'yaml-syntax', message: /deeper than 64/ },
  'a flat list of numbers': { text: `[${'1,'.repeat(MiB / 2)}1]`, rule: 'file-too-large', message: /100,000 values/ },
  'empty list items': { text: '-\n'.repeat(MiB / 2), rule: 'file-too-large', message: /100,000 values/ },
  'empty keys': { text: ':\n'.repeat(MiB / 2), rule: 'file-too-large', message: /100,000 values/ },
  'anchors on one node': { text: `a: ${'&a '.repeat(MiB / 3)}x\n`, rule: 'file-too-large', message: /100,000 values/ },
  'line breaks': { text: '\n'.repeat(MiB), rule: 'file-too-large', message: /400,000 YAML tokens/ },
  'stray brackets': { text: ']'.repeat(MiB), rule: 'yaml-syntax', message: /Unexpected/ },
  'documents': { text: '---\n'.repeat(MiB / 4), rule: 'yaml-syntax', message: /second one/ },
};

describe('the full parser keeps its limits while it reads', () => {
  test('the first collection past the depth limit is the one reported, at its own position', () => {
    const deep = (n: number) => `harms: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(parseYamlFully(deep(MAX_DEPTH - 1), 'f.yaml').findings).toEqual([]);
    const finding = parseYamlFully(deep(MAX_DEPTH), 'f.yaml').findings[0]!;
    // The root mapping is at depth 0, so the 64th bracket (the first at column 8) opens a collection at depth 64.
    expect([finding.rule, finding.line, finding.column]).toEqual(['yaml-syntax', 1, 7 + MAX_DEPTH]);
    expect('docs' in parseDocumentsBounded(deep(10 * MAX_DEPTH))).toBe(false);
  });

  test.each([
    ['values', '[1, 2, [3], {a: 4}]', 8],
    ['empty list items and keys', '- \n- \n- a:\n- : x\n', 7],
    ['anchors, tags and aliases', 'a: &x !!str 1\nb: *x\n', 6],
  ])('%s: a document with exactly the allowed number of values is read, one more is refused', (_name, text, count) => {
    expect('docs' in parseDocumentsBounded(text, { nodes: count, tokens: 1000 })).toBe(true);
    expect(parseDocumentsBounded(text, { nodes: count - 1, tokens: 1000 })).toMatchObject({ limit: 'nodes' });
  });

  test('line breaks and comments count as tokens, spaces do not', () => {
    const text = 'a: 1   # c\n\n\n';
    // a, :, 1, the comment and three line breaks
    expect('docs' in parseDocumentsBounded(text, { nodes: 100, tokens: 7 })).toBe(true);
    expect(parseDocumentsBounded(text, { nodes: 100, tokens: 6 })).toMatchObject({ limit: 'tokens' });
  });
});

describe('hostile files in one run stay within a small heap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harm-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every shape gets its finding with 96 MB of heap, in seconds', () => {
    const names = Object.keys(HOSTILE).map((name, i) => {
      const file = join(dir, `${String(i).padStart(2, '0')}.harm.yaml`);
      writeFileSync(file, HOSTILE[name]!.text);
      return file;
    });
    const start = Date.now();
    const run = spawnSync(process.execPath, ['--max-old-space-size=96', 'bin/harm.js', 'validate', '--format', 'json', ...names], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const files = (JSON.parse(run.stdout) as { files: { findings: { rule: string; message: string }[] }[] }).files;
    expect(files.map((f) => f.findings.map((x) => x.rule))).toEqual(Object.values(HOSTILE).map((h) => [h.rule]));
    Object.values(HOSTILE).forEach((h, i) => expect(files[i]!.findings[0]!.message).toMatch(h.message));
    expect(Date.now() - start).toBeLessThan(20_000);
  }, 30_000);
});
