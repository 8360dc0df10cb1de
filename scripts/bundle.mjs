// Bundles the CLI with code splitting: start-up loads only the argument parser,
// and each command loads its own dependencies when it runs.
// Usage: npm run bundle [-- --outdir <folder>]   (default dist/)
//
// dist/ is committed, and package.json has no `build`, `prepare`, `prepack` or
// install script: npm runs a nested `npm install` in a git dependency that has
// one, and under `npm install -g git+…` (how pre-commit installs node hooks)
// that nested install is global too, so it gets no devDependencies and links
// the temporary clone into the global folder (npm/cli#6984, #8440). Without
// such scripts npm packs the clone as it is, dist/ included.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const i = process.argv.indexOf('--outdir');
const outdir = i >= 0 ? resolve(process.argv[i + 1]) : dist;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', 'check-worker': 'src/io/check-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (commander) call require() for Node built-ins; creating
  // a require function costs time, so each chunk makes one only when asked.
  banner: { js: "import { createRequire as __harmCreateRequire } from 'node:module'; let __harmRequire; const require = (id) => (__harmRequire ??= __harmCreateRequire(import.meta.url))(id);" },
  define: { __HARM_VERSION__: JSON.stringify(version), __HARM_BUNDLED__: 'true' },
  // yaml's ES module build (the same code as its CommonJS one) lets the bundler
  // drop what harm never calls and skips CommonJS wrappers at start-up.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  logLevel: 'warning',
});

// The shipped catalog stays YAML; this copy only spares the CLI parsing it on every run.
mkdirSync(outdir, { recursive: true });
writeFileSync(
  join(outdir, 'builtin-catalog.json'),
  JSON.stringify(parse(readFileSync(join(root, 'catalog', 'builtin.yaml'), 'utf8'), { merge: true })),
);

// The copy is used without re-validation at run time, so validate it now, with
// the CLI just built (bin/harm.js runs dist/; another folder is only compared with it).
if (outdir === dist) {
  const check = spawnSync(process.execPath, [join(root, 'bin', 'harm.js'), 'catalog', 'validate', 'catalog/builtin.yaml'], { cwd: root, encoding: 'utf8' });
  if (check.status !== 0) {
    process.stderr.write(`The built-in catalog is invalid:\n${check.stdout}${check.stderr}`);
    process.exit(1);
  }
}
