import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { SetupError, UsageError } from '../core/errors.js';
import { configSchema, type Config } from '../schema/config.js';
import { readDocument } from './read-document.js';

export const CONFIG_FILE = 'harm.config.yaml';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** The folder paths in the config are relative to. */
  dir: string;
  config: Config;
}

/** The nearest folder at or above `from` that holds `.git`, if any. */
export function findRepositoryRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** harm.config.yaml from the working directory upward to the repository root. */
export function discoverConfig(cwd: string): string | undefined {
  const root = findRepositoryRoot(cwd);
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    // A folder of that name is not a config; keep looking above it.
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    if (dir === root) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads the named config, or the discovered one; a broken config is a setup error. */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig | undefined {
  const path = explicit !== undefined ? resolve(cwd, explicit) : discoverConfig(cwd);
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new UsageError(`The config file ${explicit} does not exist.`);
  const shown = relative(cwd, path) || path;
  const doc = readDocument(path, shown.startsWith('..') ? path : shown, configSchema());
  if (!doc.data) throw new SetupError(`The config file ${shown} has errors.`, doc.findings);
  return { path, dir: dirname(path), config: doc.data };
}
