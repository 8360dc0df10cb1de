// Bundles the CLI with code splitting: start-up loads only the argument parser,
// and each command loads its own dependencies when it runs.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

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
  // CommonJS dependencies (cli-table3) call require() for Node built-ins.
  banner: { js: "import { createRequire as __harmCreateRequire } from 'node:module'; const require = __harmCreateRequire(import.meta.url);" },
  define: { __HARM_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
