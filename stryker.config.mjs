// @ts-check
/**
 * Mutation testing of the pure core: `npm run mutation`. Not part of `npm test`; the
 * score reached and the surviving mutants are recorded in docs/testing.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: ['src/core/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Mutants in code that runs when a module loads (a handful of constants) would each need
  // every test; they are listed as ignored rather than run.
  ignoreStatic: true,
  // A 2-core machine shared with other work.
  concurrency: 2,
  // Reruns only the mutants whose code or tests changed; the file is a local cache.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
