import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readDocument } from '../../src/io/read-document.js';
import { readSourceBytes } from '../../src/io/read-source.js';
import { assessmentSchema } from '../../src/schema/assessment.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/files.js';

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const isRoot = process.getuid?.() === 0;

/** The problem readSourceBytes reports for a path, or the text it read. */
function outcome(path: string): { rule: string; message: string } | string {
  const source = readSourceBytes(path);
  return 'problem' in source ? source.problem : Buffer.from(source.bytes).toString('utf8');
}

describe('reading a file', () => {
  const dir = makeTempDir('harm-read-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads a regular file, also behind a symbolic link', () => {
    writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'link.yaml'));
    expect(outcome(join(dir, 'a.yaml'))).toBe('a: 1\n');
    expect(outcome(join(dir, 'link.yaml'))).toBe('a: 1\n');
  });

  test.skipIf(!existsSync('/proc/self/status'))('a file that says it is empty but is not (as in /proc) is read up to its end', () => {
    expect(outcome('/proc/self/status')).toMatch(/^Name:/);
  });

  const refused: [string, () => string, RegExp][] = [
    ['a device, through a symbolic link', () => {
      symlinkSync('/dev/zero', join(dir, 'zero.harm.yaml'));
      return join(dir, 'zero.harm.yaml');
    }, /it is a device, not a regular file/],
    ['a folder', () => {
      mkdirSync(join(dir, 'folder.yaml'));
      return join(dir, 'folder.yaml');
    }, /it is a folder, not a regular file/],
    ['a file deleted after it was listed', () => join(dir, 'deleted.yaml'), /it does not exist \(it may have been deleted/],
    ['a loop of symbolic links', () => {
      symlinkSync(join(dir, 'loop-b.yaml'), join(dir, 'loop-a.yaml'));
      symlinkSync(join(dir, 'loop-a.yaml'), join(dir, 'loop-b.yaml'));
      return join(dir, 'loop-a.yaml');
    }, /symbolic links form a loop/],
  ];
  test.each(refused)('%s is a yaml-syntax problem', (_name, make, message) => {
    const result = outcome(make());
    expect(result).toMatchObject({ rule: 'yaml-syntax' });
    expect((result as { message: string }).message).toMatch(message);
  });

  test.skipIf(!hasMkfifo)('a named pipe is refused at once, with no writer to wait for', () => {
    spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(outcome(join(dir, 'pipe.yaml'))).toEqual({ rule: 'yaml-syntax', message: 'The file could not be read: it is a named pipe (FIFO), not a regular file; harm reads regular files only.' });
  });

  test.skipIf(isRoot)('a file without read permission', () => {
    writeFileSync(join(dir, 'secret.yaml'), 'a: 1\n');
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    expect(outcome(join(dir, 'secret.yaml'))).toEqual({ rule: 'yaml-syntax', message: 'The file could not be read: permission denied.' });
  });

  test('a file over 1 MiB is refused by its size, without reading it', () => {
    // Sparse: 3 GiB on paper, nothing on disk.
    const fd = openSync(join(dir, 'huge.yaml'), 'w');
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    expect(outcome(join(dir, 'huge.yaml'))).toEqual({ rule: 'file-too-large', message: 'The file is 3072.0 MiB; harm reads files of at most 1 MiB.' });
  });

  test('a failure to read is a finding of the file, never an exception', () => {
    const doc = readDocument(join(dir, 'gone.harm.yaml'), 'gone.harm.yaml', assessmentSchema);
    expect(doc.value).toBeUndefined();
    expect(doc.findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', file: 'gone.harm.yaml', line: 1, column: 1 })]);
  });
});

describe('harm check over files that are not regular', () => {
  test.skipIf(!hasMkfifo)('a FIFO and a link to /dev/zero named *.harm.yaml get a finding each; the run ends', async () => {
    const dir = makeTempDir('harm-fifo-');
    spawnSync('mkfifo', [join(dir, 'f.harm.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'z.harm.yaml'));
    const result = await runCli(['check', '--format', 'json', 'f.harm.yaml', 'z.harm.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    const files = (JSON.parse(result.stdout) as { files: { file: string; findings: { rule: string }[] }[] }).files;
    expect(files.map((f) => [f.file, f.findings.map((x) => x.rule)])).toEqual([
      ['f.harm.yaml', ['yaml-syntax']],
      ['z.harm.yaml', ['yaml-syntax']],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a catalog that is a device, named by --catalog or through extends, is a setup error', async () => {
    const dir = makeTempDir('harm-devcat-');
    writeFileSync(join(dir, 'layer.yaml'), 'apiVersion: harm/v1\nkind: Catalog\nextends: [/dev/zero]\n');
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    for (const catalog of ['layer.yaml', 'zero.yaml', '/dev/zero']) {
      const result = await runCli(['catalog', 'list', '--catalog', catalog], { cwd: dir });
      expect(result.code, catalog).toBe(2);
      expect(result.stderr, catalog).toContain('it is a device, not a regular file');
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
