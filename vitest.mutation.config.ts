import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The tests that exercise src/core, for `npm run mutation` (stryker.config.mjs): the
// CLI scenarios and reporter goldens reach the core only through code they test
// elsewhere, and would make each mutant's run minutes longer.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/core/**/*.test.ts',
      'test/oracle/**/*.test.ts',
      'test/catalog/**/*.test.ts',
      'test/io/**/*.test.ts',
      'test/cli/catalog-mapping.test.ts',
      'test/cli/score.test.ts',
      // The core's texts and its portfolio and diff are checked whole by these goldens.
      'test/cli/explain.test.ts',
      'test/cli/diff.test.ts',
      'test/cli/report.test.ts',
      'test/reporters/diff.test.ts',
      'test/reporters/portfolio.test.ts',
    ],
    exclude: [
      ...(base.test?.exclude ?? []),
      // YAML reading, tested at length against the full parser: long runs that test no core code.
      'test/io/yaml/yaml-test-suite.test.ts',
      'test/io/yaml/subset.test.ts',
      'test/io/yaml/bounded-parse.test.ts',
    ],
  },
});
