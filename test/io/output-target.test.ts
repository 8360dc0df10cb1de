import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWriteError, openOutput } from '../../src/io/output-target.js';
import { STALE_AFTER_MS, writeFileAtomic } from '../../src/io/write-atomic.js';
import { makeTempDir } from '../helpers/files.js';
import { runCli } from '../helpers/run-cli.js';

const EXAMPLE = join(process.cwd(), 'examples', 'computer-use.yaml');
const TODAY = '2026-01-15';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('harm-output-');
});
afterEach(() => {
  // Nothing harm writes may leave a temporary file behind.
  const leftovers = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? leftovers(join(d, e.name)) : /\.harm-\d+-[0-9a-f]{8}\.tmp$/.test(e.name) ? [e.name] : []));
  expect(leftovers(dir)).toEqual([]);
});

const std = () => {
  let out = '';
  return { std: { stdout: { write: (s: string) => void (out += s) }, stderr: { write: () => {} } }, read: () => out };
};

/** Runs `harm check` on the example, in `dir`, writing to `output`. */
const checkTo = (output: string, extra: string[] = []) => runCli(['check', EXAMPLE, '--format', 'json', '--output', output, ...extra], { cwd: dir, today: TODAY });

describe('--output targets', () => {
  it('replaces a regular file atomically, keeping its permissions, and creates a new one', async () => {
    const target = join(dir, 'report.json');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o640);
    expect((await checkTo('report.json')).code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8')).kind).toBe('CheckResult');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect((await checkTo('new.json')).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8')).kind).toBe('CheckResult');
  });

  it.each([
    ['a symbolic link', (p: string) => symlinkSync(join(dir, 'target.txt'), p), /is a symbolic link; harm replaces only regular files, so name the file it points to\./],
    ['a folder', (p: string) => mkdirSync(p), /is a folder; name a file to write to\./],
  ])('refuses %s in one sentence and leaves it as it was', async (_what, make, message) => {
    writeFileSync(join(dir, 'target.txt'), 'keep\n');
    const target = join(dir, 'out');
    make(target);
    const before = lstatSync(target);
    const result = await checkTo('out');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^harm: out ${message.source}\\n`));
    expect(result.stderr.split('\n')).toHaveLength(2);
    const after = lstatSync(target);
    expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
    expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('keep\n');
  });

  it('refuses to write over a file it reads: an input, through a link too, or the config or a catalog in use', async () => {
    const input = join(dir, 'a.harm.yaml');
    writeFileSync(input, readFileSync(EXAMPLE));
    linkSync(input, join(dir, 'hard-link.json'));
    writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: harm/v1\nkind: Catalog\n');
    writeFileSync(join(dir, 'harm.config.yaml'), 'apiVersion: harm/v1\nkind: Config\ncatalogs: [policy.yaml]\n');
    for (const [output, role] of [
      ['a.harm.yaml', 'one of the files being checked'],
      ['hard-link.json', 'one of the files being checked'],
      ['harm.config.yaml', 'the config in use'],
      ['policy.yaml', 'a catalog in use'],
    ]) {
      const result = await runCli(['check', 'a.harm.yaml', '--format', 'json', '-o', output!], { cwd: dir, today: TODAY });
      expect(result.stderr).toBe(`harm: ${output} is ${role}; write the output to another file.\n`);
      expect(result.code).toBe(2);
    }
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(EXAMPLE, 'utf8'));
    const assess = await runCli(['assess', 'a.harm.yaml', '-o', 'a.harm.yaml'], { cwd: dir, today: TODAY });
    expect(assess.stderr).toBe('harm: a.harm.yaml is the file being assessed; write the output to another file.\n');
    expect(assess.code).toBe(2);
  });

  it('writes /dev/stdout, /dev/fd/1 and /proc/self/fd/1 to its standard output, as a stream', async () => {
    const plain = await runCli(['check', EXAMPLE, '--format', 'json'], { cwd: dir, today: TODAY });
    for (const output of ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']) {
      const result = await checkTo(output);
      expect(result.code, output).toBe(0);
      expect(result.stdout).toBe(plain.stdout);
    }
  });

  it('writes a character device as a stream and leaves it a device', async () => {
    const result = await checkTo('/dev/null');
    expect(result.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('writes a named pipe as a stream and leaves it a pipe', async () => {
    const fifo = join(dir, 'pipe');
    spawnSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    expect((await checkTo('pipe')).code).toBe(0);
    await closed;
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(read).kind).toBe('CheckResult');
  });

  it('says in one sentence when the folder is missing, is a file, or the name is too long', async () => {
    writeFileSync(join(dir, 'file'), '');
    const cases: [string, string][] = [
      ['missing/report.json', 'harm: Cannot write missing/report.json: the folder missing does not exist.\n'],
      ['file/report.json', 'harm: Cannot write file/report.json: file is not a folder.\n'],
      [`${'n'.repeat(256)}.json`, `harm: The file name ${'n'.repeat(256)}.json is too long for the file system.\n`],
    ];
    for (const [output, message] of cases) {
      const result = await checkTo(output);
      expect(result.stderr).toBe(message);
      expect(result.code).toBe(2);
    }
  });

  it('writes a name near the length limit, whose temporary file takes a shorter name', async () => {
    const name = `${'n'.repeat(250)}.json`;
    expect((await checkTo(name)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, name), 'utf8')).kind).toBe('CheckResult');
  });

  it('goes through the same checks for every command that writes --output', async () => {
    const target = join(dir, 'link');
    symlinkSync(join(dir, 'elsewhere'), target);
    for (const argv of [
      ['assess', EXAMPLE],
      ['validate', EXAMPLE],
      ['score', 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M'],
      ['catalog', 'list'],
      ['catalog', 'show', 'product.rate-limits'],
    ]) {
      const result = await runCli([...argv, '--output', 'link'], { cwd: dir, today: TODAY });
      expect(result.stderr, argv.join(' ')).toMatch(/^harm: link is a symbolic link/);
      expect(result.code).toBe(2);
    }
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });
});

describe('temporary files', () => {
  const stale = (name: string, ageMs: number) => {
    const path = join(dir, name);
    writeFileSync(path, 'partial');
    const when = new Date(Date.now() - ageMs);
    utimesSync(path, when, when);
    return path;
  };

  it('removes the stale ones that a killed harm left beside the output, and only those', () => {
    // PID 1 runs for ever: its files are never stale; a PID over the kernel's limit never runs.
    const dead = stale('.report.json.harm-99999999-0123abcd.tmp', STALE_AFTER_MS + 60_000);
    const recent = stale('.report.json.harm-99999999-4567abcd.tmp', 1000);
    const alive = stale('.report.json.harm-1-89abcdef.tmp', STALE_AFTER_MS + 60_000);
    const other = stale('.report.json.other-99999999-0123abcd.tmp', STALE_AFTER_MS + 60_000);
    writeFileAtomic(join(dir, 'report.json'), 'new\n');
    expect([dead, recent, alive, other].map(existsSync)).toEqual([false, true, true, true]);
    // Tidy up what the test made, so that the check for leftovers sees only harm's own.
    for (const path of [recent, alive]) rmSync(path);
  });

  it('removes its own temporary file when a write fails, and leaves the target as it was', () => {
    const target = join(dir, 'report.json');
    writeFileSync(target, 'old\n');
    const sink = openOutput(target, 'report.json', std().std);
    sink.write('partial');
    sink.abort();
    expect(readFileSync(target, 'utf8')).toBe('old\n');
  });

  it('names every write error in one sentence', () => {
    for (const code of ['EACCES', 'ENOSPC', 'EROFS', 'EDQUOT', 'EISDIR', 'EIO']) {
      const text = describeWriteError('out/r.json', { code });
      expect(text.split('. ')).toHaveLength(1);
      expect(text).toMatch(/r\.json/);
    }
  });
});
