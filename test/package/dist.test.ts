import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makeTempDir } from '../helpers/files.js';

const ROOT = process.cwd();
const FIX = 'run `npm run bundle` and commit dist/ with the sources';

/** Every file under `dir`, as sorted paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('the committed dist/', () => {
  const fresh = makeTempDir('harm-dist-');
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  test('is the bundle of the sources, file for file', () => {
    const r = spawnSync(process.execPath, ['scripts/bundle.mjs', '--outdir', fresh], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = listFiles(fresh);
    expect(listFiles(join(ROOT, 'dist')), `dist/ holds other files than the bundle; ${FIX}`).toEqual(files);
    for (const file of files) {
      const same = readFileSync(join(ROOT, 'dist', file)).equals(readFileSync(join(fresh, file)));
      expect(same, `dist/${file} differs from the bundle of the sources; ${FIX}`).toBe(true);
    }
  });
});

describe('package.json', () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  // npm prepares a git dependency with any of these by a nested `npm install`,
  // which `npm install -g git+…` (pre-commit) makes global: no devDependencies,
  // and the temporary clone linked into the global folder (npm/cli#6984).
  test.each(['build', 'prepare', 'prepack', 'preinstall', 'install', 'postinstall'])('has no %s script', (name) => {
    expect(scripts[name]).toBeUndefined();
  });
});
