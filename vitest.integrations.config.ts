import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Checks against real external clients (language server, SARIF Multitool,
// pre-commit, a browser): slower, and each skips with a message when its tool is absent.
export default defineConfig({
  define: { __HARM_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/integrations/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
