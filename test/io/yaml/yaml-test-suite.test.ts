import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { TESTDATA } from '../../helpers/testdata.js';

const SUITE = resolve(TESTDATA, 'yaml-test-suite');

/** Every case folder holds in.yaml, or numbered sub-folders that do; `error` marks a document parsers must reject. */
function suiteDocuments(): { path: string; invalid: boolean }[] {
  const docs: { path: string; invalid: boolean }[] = [];
  const visit = (dir: string) => {
    if (existsSync(join(dir, 'in.yaml'))) docs.push({ path: join(dir, 'in.yaml'), invalid: existsSync(join(dir, 'error')) });
    else for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory() && entry.name !== 'tags') visit(join(dir, entry.name));
  };
  visit(SUITE);
  return docs;
}

describe('the YAML test suite', () => {
  test('all 402 documents in one run: no crash, an error for each, yaml-syntax for the invalid ones', async () => {
    const docs = suiteDocuments();
    expect(docs).toHaveLength(402);
    const result = await runCli(['validate', '--format', 'json', ...docs.map((d) => d.path)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as { files: { file: string; findings: { rule: string; level: string }[] }[] };
    expect(parsed.files).toHaveLength(402);
    const byFile = new Map(parsed.files.map((f) => [f.file, f.findings]));
    const withoutError = docs.filter((d) => !byFile.get(d.path)!.some((f) => f.level === 'error'));
    expect(withoutError).toEqual([]);
    const invalidAccepted = docs.filter((d) => d.invalid && !byFile.get(d.path)!.some((f) => f.rule === 'yaml-syntax'));
    expect(invalidAccepted).toEqual([]);
  });
});
