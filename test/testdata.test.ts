import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TESTDATA } from './helpers/testdata.js';

const SHARED = resolve(process.cwd(), '../shared/testdata');

function filesUnder(root: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (keep(relative(root, path))) out.push(relative(root, path));
    }
  };
  visit(root);
  return out.sort();
}

// The committed copy is what the tests read; where the originals are at hand, the two must agree.
describe.skipIf(!existsSync(SHARED))('the committed test data', () => {
  const copied = (rel: string) =>
    rel === 'score-vectors.json' ||
    /^(sarif|junit)\/[^/]+\.(json|xsd)$/.test(rel) ||
    /^yaml-test-suite\/(.+\/)?(in\.yaml|error)$/.test(rel) ||
    rel === 'yaml-test-suite/LICENSE';

  test('holds every file the tests need, byte for byte', () => {
    const originals = filesUnder(SHARED, (rel) => copied(rel) && !rel.startsWith('yaml-test-suite/tags/'));
    expect(filesUnder(TESTDATA, copied)).toEqual(originals);
    for (const rel of originals) expect(readFileSync(join(TESTDATA, rel)).equals(readFileSync(join(SHARED, rel))), rel).toBe(true);
  });
});
