import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __HARM_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    // Real external tools run in `npm run test:integrations`.
    exclude: ['test/integrations/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
