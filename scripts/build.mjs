// Bundles the CLI with code splitting: start-up loads only the argument parser,
// and each command loads its own dependencies when it runs.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts', 'check-worker': 'src/io/check-worker.ts' },
  outdir: 'dist',
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
writeFileSync(
  new URL('../dist/builtin-catalog.json', import.meta.url),
  JSON.stringify(parse(readFileSync(new URL('../catalog/builtin.yaml', import.meta.url), 'utf8'), { merge: true })),
);

// The copy is used without re-validation at run time, so validate it now, with the CLI just built.
const { spawnSync } = await import('node:child_process');
const check = spawnSync(process.execPath, [new URL('../bin/harm.js', import.meta.url).pathname, 'catalog', 'validate', 'catalog/builtin.yaml'], {
  cwd: new URL('..', import.meta.url).pathname,
  encoding: 'utf8',
});
if (check.status !== 0) {
  process.stderr.write(`The built-in catalog is invalid:\n${check.stdout}${check.stderr}`);
  process.exit(1);
}
