import { join } from 'node:path';

/** The committed copy of the shared test data (see test/fixtures/testdata/README.md). */
export const TESTDATA = join(process.cwd(), 'test', 'fixtures', 'testdata');
