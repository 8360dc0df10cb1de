import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/io/write-atomic.js';
import { runCli } from '../helpers/run-cli.js';

describe('command edges', () => {
  test('an output path that cannot be written is a usage error in one sentence', async () => {
    for (const argv of [
      ['score', 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', '--output', '/nonexistent/dir/score.json'],
      ['assess', 'examples/computer-use.yaml', '--output', '/nonexistent/dir/report.txt'],
      ['schema', '--out', '/dev/null/schemas'],
    ]) {
      const result = await runCli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^harm: Cannot write \/(nonexistent\/dir\/\w+\.\w+: the folder \/nonexistent\/dir does not exist|dev\/null\/schemas: \/dev\/null is not a folder)\.\n$/);
      expect(result.stderr).not.toContain('.tmp');
    }
  });

  test('catalog show --format json says what it is', async () => {
    const result = await runCli(['catalog', 'show', 'product.rate-limits', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ apiVersion: 'harm/v1', kind: 'CatalogEntry', type: 'safeguard', entry: { id: 'product.rate-limits' } });
  });

  test('assess --quiet keeps only errors, and its summary agrees', async () => {
    const result = await runCli(['assess', 'examples/computer-use.yaml', '--quiet', '--format', 'json', '--fail-on', 'medium']);
    const report = JSON.parse(result.stdout) as { findings: { level: string }[]; summary: { errors: number; warnings: number; infos: number } };
    expect(report.findings.every((f) => f.level === 'error')).toBe(true);
    expect(report.summary).toEqual({ errors: report.findings.length, warnings: 0, infos: 0 });
    expect(result.code).toBe(report.findings.length > 0 ? 1 : 0);
  });

  test('assess --format json names the config it used, or null', async () => {
    const root = mkdtempSync(join(tmpdir(), 'harm-config-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'harm.config.yaml'), 'apiVersion: harm/v1\nkind: Config\nfailOn: critical\n');
    writeFileSync(join(root, 'sub', 'a.harm.yaml'), readFileSync('examples/computer-use.yaml', 'utf8'));
    const withConfig = await runCli(['assess', 'a.harm.yaml', '--format', 'json'], { cwd: join(root, 'sub') });
    expect(JSON.parse(withConfig.stdout)).toMatchObject({ framework: { id: 'harm-default' }, config: '../harm.config.yaml' });
    const without = await runCli(['assess', 'examples/computer-use.yaml', '--format', 'json']);
    expect(JSON.parse(without.stdout).config).toBeNull();
  });

  test('no command is a usage error', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: harm');
  });
});

describe('atomic writes', () => {
  test('replace a file whole, and an exclusive write never replaces one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harm-write-'));
    const path = join(dir, 'a.yaml');
    writeFileAtomic(path, 'one\n');
    writeFileAtomic(path, 'two\n');
    expect(readFileSync(path, 'utf8')).toBe('two\n');
    writeFileSync(join(dir, 'b.yaml'), 'keep\n');
    expect(() => writeFileAtomic(join(dir, 'b.yaml'), 'lost\n', { exclusive: true })).toThrow();
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe('keep\n');
    writeFileAtomic(join(dir, 'c.yaml'), 'new\n', { exclusive: true });
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toBe('new\n');
  });
});
