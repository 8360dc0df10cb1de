import { vi } from 'vitest';

/**
 * Loads a module again, with everything it imports, inside the test that calls this,
 * so that the tables its modules build when they load are built during that test.
 * Mutation testing credits a test only with code run while it runs, and modules
 * imported at the top of a test file are loaded while the file is collected.
 */
export async function freshImport<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}
