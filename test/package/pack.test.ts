import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = process.cwd();
// Named in comments and in the README's Development section, for people working
// in a clone; not part of the package on purpose.
const CLONE_ONLY = new Set(['src', 'test', 'scripts']);
// Written by local runs (coverage, `npm run mutation`) and ignored by git: the docs may name them.
const LOCAL_OUTPUT = new Set(['coverage', 'reports']);

const packed: string[] = (JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);

/** The texts users meet: the CLI's messages (its sources), the docs, and the examples. */
function userFacingTexts(): { file: string; text: string }[] {
  const under = (dir: string, suffix: string) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith(suffix))
      .map((f) => join(dir, f));
  const files = [...under('src', '.ts'), ...under('docs', '.md'), ...under('examples', '.yaml'), 'README.md', 'bin/harm.js'];
  return files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
}

/** Paths into this repository's own folders (`schemas/x.json`, `../schemas/…`, `examples/`), globs cut at their first `*`. */
function mentionedPaths(text: string): string[] {
  const folders = readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !CLONE_ONLY.has(e.name) && !LOCAL_OUTPUT.has(e.name))
    .map((e) => e.name);
  const path = new RegExp(`(?<![\\w./-])(?:\\.\\./)*((?:${folders.join('|')})/[\\w.*-]*(?:/[\\w.*-]+)*|README\\.md)`, 'g');
  return [...text.matchAll(path)].map((m) => m[1]!.split('*')[0]!.replace(/\.$/, ''));
}

function isPacked(path: string): boolean {
  return packed.some((f) => f === path || f.startsWith(path.endsWith('/') ? path : `${path}/`));
}

describe('npm pack', () => {
  test('holds the CLI, its bundle, the catalog, the schemas, the docs and the examples, and no sources or tests', () => {
    for (const file of ['bin/harm.js', 'dist/main.js', 'dist/builtin-catalog.json', 'catalog/builtin.yaml', 'schemas/assessment.schema.json', 'docs/ci.md', 'examples/computer-use.yaml', 'README.md', 'package.json']) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((f) => /^(src|test|scripts|node_modules)\//.test(f))).toEqual([]);
  });

  test('holds every path that the messages, docs and examples name', () => {
    const mentions = userFacingTexts().flatMap(({ file, text }) => mentionedPaths(text).map((path) => ({ file, path })));
    // The known mentions are found, so the search itself works.
    expect(mentions.map((m) => m.path)).toEqual(expect.arrayContaining(['examples/', 'schemas/', 'docs/ci.md', 'catalog/builtin.yaml']));
    const missing = mentions.filter((m) => !isPacked(m.path)).map((m) => `${m.file} names ${m.path}`);
    expect(missing, 'add these to package.json "files", or change the text').toEqual([]);
  });

  test('package.json names the repository, its home page and where to report bugs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/harm-cli/harm.git' });
    expect(pkg.homepage).toBe('https://github.com/harm-cli/harm#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/harm-cli/harm/issues' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['harm-assessment', 'pre-commit']));
  });
});
