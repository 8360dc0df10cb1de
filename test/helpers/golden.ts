import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The expected text of test/golden/<folder>/<name>.txt, to compare `actual` with;
 * UPDATE_GOLDEN=1 writes `actual` there first.
 */
export function readGolden(folder: string, name: string, actual: string): string {
  const path = resolve(import.meta.dirname, '../golden', folder, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1 to create it`);
  }
}
