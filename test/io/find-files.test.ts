import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { findFiles } from '../../src/io/find-files.js';
import { makeTempDir } from '../helpers/files.js';

/** A folder `gl` holding files whose names are glob syntax, beside the names that syntax would match. */
function globNames(): string {
  const dir = makeTempDir('harm-find-');
  mkdirSync(join(dir, 'gl'));
  for (const name of ['a', '[a]', '(x)', 'x', '{b,c}', 'b', 'c', '*', 'a?']) writeFileSync(join(dir, 'gl', `${name}.yaml`), 'a: 1\n');
  return dir;
}

const shown = async (patterns: string[], cwd: string) => (await findFiles(patterns, { cwd })).map((f) => f.display);

describe('finding files', () => {
  test.each([
    ['gl/[a].yaml', ['gl/[a].yaml']],
    ['gl/(x).yaml', ['gl/(x).yaml']],
    ['gl/{b,c}.yaml', ['gl/{b,c}.yaml']],
    ['gl/*.yaml', ['gl/*.yaml']],
    ['gl/a?.yaml', ['gl/a?.yaml']],
  ])('an existing file named literally wins over glob syntax: %s', async (pattern, expected) => {
    expect(await shown([pattern], globNames())).toEqual(expected);
  });

  test('a pattern that names no file is a glob', async () => {
    const dir = globNames();
    expect(await shown(['gl/[ab].yaml'], dir)).toEqual(['gl/a.yaml', 'gl/b.yaml']);
    expect(await shown(['gl/{a,x}.yaml'], dir)).toEqual(['gl/a.yaml', 'gl/x.yaml']);
    await expect(findFiles(['gl/[z].yaml'], { cwd: dir })).rejects.toThrow(UsageError);
  });

  test('a symbolic link loop does not make one file count twice, and a file keeps its own name', async () => {
    const dir = makeTempDir('harm-loop-');
    mkdirSync(join(dir, 'gl'));
    writeFileSync(join(dir, 'gl', 'z.harm.yaml'), 'a: 1\n');
    symlinkSync('.', join(dir, 'gl', 'loop'));
    symlinkSync('z.harm.yaml', join(dir, 'gl', 'a-link.harm.yaml'));
    expect(await shown(['gl/**/*.yaml'], dir)).toEqual(['gl/z.harm.yaml']);
    expect(await shown(['gl'], dir)).toEqual(['gl/z.harm.yaml']);
    expect(await shown(['gl/z.harm.yaml', 'gl/loop/z.harm.yaml'], dir)).toEqual(['gl/z.harm.yaml']);
    // Two names of the same path: the first in path order.
    expect(await shown(['gl/z.harm.yaml', './gl/z.harm.yaml'], dir)).toEqual(['./gl/z.harm.yaml']);
    // Named only through links, the file is checked once, under the first name.
    expect(await shown(['gl/loop/z.harm.yaml', 'gl/a-link.harm.yaml'], dir)).toEqual(['gl/a-link.harm.yaml']);
  });

  test('globs and folder searches do not follow symbolic links; a link named as it is is followed', async () => {
    const dir = makeTempDir('harm-links-');
    const outside = makeTempDir('harm-outside-');
    mkdirSync(join(dir, 'repo'));
    writeFileSync(join(dir, 'repo', 'own.harm.yaml'), 'a: 1\n');
    writeFileSync(join(outside, 'far.harm.yaml'), 'a: 1\n');
    symlinkSync(outside, join(dir, 'repo', 'elsewhere'));
    symlinkSync('/', join(dir, 'repo', 'root'));
    symlinkSync(join(outside, 'far.harm.yaml'), join(dir, 'repo', 'linked.harm.yaml'));
    expect(await shown(['repo/**/*.harm.yaml'], dir)).toEqual(['repo/own.harm.yaml']);
    expect(await shown(['repo'], dir)).toEqual(['repo/own.harm.yaml']);
    // Named, the linked folder is searched and the linked file is read.
    expect(await shown(['repo/elsewhere'], dir)).toEqual(['repo/elsewhere/far.harm.yaml']);
    expect(await shown(['repo/linked.harm.yaml'], dir)).toEqual(['repo/linked.harm.yaml']);
  });
});
