import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/invalid');

interface Expectation {
  file: string;
  rule: string;
  line: number;
  column?: number;
}

/** Each fixture ends with `# expect: <rule> <line>:<column>` (column optional). */
function expectations(): Expectation[] {
  const out: Expectation[] = [];
  for (const name of readdirSync(FIXTURES).sort()) {
    const text = readFileSync(join(FIXTURES, name), 'latin1');
    const m = /# expect: (\S+) (\d+):(\d*)/.exec(text);
    if (m) out.push({ file: name, rule: m[1]!, line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}) });
  }
  return out;
}

describe('invalid assessments, one mistake each, in one run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harm-invalid-'));
  // Generated rather than committed: over 1 MiB.
  writeFileSync(join(dir, 'too-large.yaml'), `apiVersion: harm/v1\n# ${'x'.repeat(1_250_000)}\n`);

  test('each gives an error finding with the right rule at the right line, exit 1, no stack trace', async () => {
    const cases = expectations();
    expect(cases.length).toBeGreaterThanOrEqual(15);
    const result = await runCli(['validate', '--format', 'json', 'test/fixtures/invalid/*.yaml', join(dir, 'too-large.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const parsed = JSON.parse(result.stdout) as { files: { file: string; findings: { rule: string; level: string; line: number; column: number }[] }[] };
    const findingsOf = (suffix: string) => parsed.files.find((f) => f.file.endsWith(suffix))!.findings;
    for (const c of cases) {
      const hit = findingsOf(`/${c.file}`).find((f) => f.rule === c.rule && f.level === 'error' && f.line === c.line && (c.column === undefined || f.column === c.column));
      expect(hit, `${c.file}: expected ${c.rule} at ${c.line}:${c.column ?? ''}, got ${JSON.stringify(findingsOf(`/${c.file}`))}`).toBeDefined();
    }
    expect(findingsOf('/empty.yaml')).toEqual([expect.objectContaining({ rule: 'schema', line: 1, column: 1 })]);
    expect(findingsOf('/random-bytes.yaml')).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 1, column: 1 })]);
    expect(findingsOf('/too-large.yaml')).toEqual([expect.objectContaining({ rule: 'file-too-large', line: 1, column: 1 })]);
  });

  test('messages say what is wrong and suggest the fix', async () => {
    const result = await runCli(['validate', '--format', 'json', 'test/fixtures/invalid/typo-key.yaml', 'test/fixtures/invalid/bad-enum.yaml', 'test/fixtures/invalid/unknown-safeguard.yaml']);
    const messages = (JSON.parse(result.stdout) as { files: { findings: { message: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.message));
    expect(messages).toContain('Unknown key "ownr". Did you mean "owner"? Allowed here: id, name, description, owner, stage, capabilities, paths, safeguards.');
    expect(messages.some((m) => m.includes('expected one of: rare, unlikely, possible, likely, almost_certain. Did you mean "possible"?'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Unknown safeguard "product.does-not-exist".'))).toBe(true);
  });

  test('no prototype is polluted by a __proto__ key', async () => {
    await runCli(['validate', 'test/fixtures/invalid/proto-key.yaml']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
