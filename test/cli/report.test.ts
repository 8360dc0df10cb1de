import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Portfolio } from '../../src/schema/output.js';
import { makeTempDir, writeIn } from '../helpers/files.js';
import { runCli } from '../helpers/run-cli.js';
import { PORTFOLIO_TODAY } from '../fixtures/portfolio.js';

const MINIMAL = readFileSync(join(process.cwd(), 'test', 'fixtures', 'valid', 'minimal.harm.yaml'), 'utf8');

describe('harm report', () => {
  test('lists a broken file with its findings, never drops it, and exits 1 for error findings', async () => {
    const r = await runCli(['report', 'test/fixtures/portfolio', '--format', 'json', '--today', PORTFOLIO_TODAY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const p = JSON.parse(r.stdout) as Portfolio;
    expect(p).toMatchObject({ apiVersion: 'harm/v1', kind: 'Portfolio', config: null, framework: { id: 'harm-default', version: 2 } });
    expect(p.broken.map((b) => b.file)).toEqual(['test/fixtures/portfolio/broken.harm.yaml']);
    expect(p.summary.files).toBe(5);
  });

  test('exits 0 when no file has an error', async () => {
    const r = await runCli(['report', 'examples/*.yaml', '--today', PORTFOLIO_TODAY, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Harm portfolio: 5 features, as of 2026-01-15$/m);
  });

  describe('in a repository with a config', () => {
    let dir: string;
    beforeAll(() => {
      dir = makeTempDir('harm-report-');
      writeIn(dir, '.git/HEAD', 'ref: refs/heads/main\n');
      writeIn(dir, 'harm.config.yaml', 'apiVersion: harm/v1\nkind: Config\ninclude: ["features/**/*.yaml"]\nexclude: ["**/drafts/**"]\n');
      writeIn(dir, 'features/a.yaml', MINIMAL.replace('id: minimal', 'id: a'));
      writeIn(dir, 'features/sub/b.yaml', MINIMAL.replace('id: minimal', 'id: b'));
      writeIn(dir, 'features/drafts/c.yaml', MINIMAL.replace('id: minimal', 'id: c'));
      writeIn(dir, 'features/sub/dup.yaml', MINIMAL.replace('id: minimal', 'id: a'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('reads the config\'s include without its exclude, names the config, and finds feature ids used twice', async () => {
      const r = await runCli(['report', '--format', 'json'], { cwd: join(dir, 'features', 'sub') });
      const p = JSON.parse(r.stdout) as Portfolio;
      expect(p.config).toBe('../../harm.config.yaml');
      expect(p.features.map((f) => f.file).sort()).toEqual(['../a.yaml', 'b.yaml', 'dup.yaml']);
      const dup = p.features.find((f) => f.file === 'dup.yaml')!;
      expect(dup.summary.errors).toBe(1);
      expect(r.code).toBe(1);
    });

    test('--output writes the report and nothing to stdout', async () => {
      const r = await runCli(['report', 'features/a.yaml', '--format', 'html', '--output', 'portfolio.html'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(readFileSync(join(dir, 'portfolio.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    });
  });

  test.each([
    [['report', 'nothing/*.harm.yaml'], 'harm: No files match nothing/*.harm.yaml.\n'],
    [['report', 'missing.harm.yaml'], 'harm: The file missing.harm.yaml does not exist.\n'],
    [['report', 'examples/*.yaml', '--today', '2026-02-30'], 'harm: --today must be a real date in the form YYYY-MM-DD, not "2026-02-30".\n'],
  ])('%j is a usage error in one sentence, and writes nothing', async (argv, stderr) => {
    const dir = makeTempDir('harm-report-bad-');
    try {
      const r = await runCli([...argv, '--output', join(dir, 'out.txt')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(stderr);
      expect(existsSync(join(dir, 'out.txt'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--by-mapping names the frameworks the catalog maps to when the slug is unknown', async () => {
    const r = await runCli(['report', 'examples/*.yaml', '--by-mapping', 'nist']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('harm: Nothing in the catalog maps to "nist". It maps to: eu-ai-act, iso-42001, nist-ai-rmf.\n');
    const ok = await runCli(['report', 'examples/*.yaml', '--by-mapping', 'iso-42001', '--format', 'json', '--today', PORTFOLIO_TODAY]);
    expect((JSON.parse(ok.stdout) as Portfolio).mapping?.framework).toBe('iso-42001');
  });

  test('an unknown format is a usage error', async () => {
    const r = await runCli(['report', 'examples/*.yaml', '--format', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'sarif' is invalid");
  });
});
