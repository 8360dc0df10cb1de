import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README', () => {
  test('states the quick start exactly', () => {
    expect(readme).toContain('npm ci\nnpx harm assess examples/computer-use.yaml\n');
    expect(readme).toContain('npm test\n');
  });

  test('its annotated assessment and config are valid files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harm-readme-'));
    const assessment = yamlBlocks.find((b) => b.includes('kind: Assessment'))!;
    const config = yamlBlocks.find((b) => b.includes('kind: Config'))!;
    writeFileSync(join(dir, 'feature.harm.yaml'), assessment);
    writeFileSync(join(dir, 'config.yaml'), config);
    const result = await runCli(['validate', '--format', 'json', 'feature.harm.yaml', 'config.yaml'], { cwd: dir, today: '2026-11-26' });
    expect(JSON.parse(result.stdout).summary).toMatchObject({ files: 2, errors: 0, warnings: 0 });
    expect(result.code).toBe(0);
  });

  test('names every rule of the registry in its findings table', async () => {
    const { RULE_IDS } = await import('../../src/schema/rules.js');
    for (const rule of RULE_IDS) expect(readme).toContain(`| \`${rule}\` |`);
  });
});
