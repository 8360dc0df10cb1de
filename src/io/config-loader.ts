import { existsSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { SetupError, UsageError } from '../core/errors.js';
import { compareFindings } from '../core/findings.js';
import { configSchema, type Config } from '../schema/config.js';
import { readDocument } from './read-document.js';

export const CONFIG_FILE = 'harm.config.yaml';

export interface LoadedConfig {
  /** Absolute path of the config file (commands name it in --verbose and JSON output). */
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

export interface DiscoverOptions {
  /** The user's home folder; the search outside a repository stops there. */
  home?: string;
  /** How a path's status is read (following links, as opening it would); tests give a mount point. */
  stat?: (path: string) => Stats | undefined;
}

const statPath = (path: string): Stats | undefined => {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
};

/** A folder anyone may write to (like /tmp): nothing found there by searching is trusted. */
const isWorldWritable = (stats: Stats): boolean => (stats.mode & 0o002) !== 0;

/**
 * harm.config.yaml from the working directory upward (SPEC §1.3, §4). Inside a
 * repository the search ends at its root (the nearest folder holding `.git`):
 * everything up to there is the repository's own. Outside one it ends at the
 * user's home folder or at the edge of the file system the working directory is
 * on (a mount point), whichever comes first, and it never climbs into a folder
 * anyone may write to (/tmp, /var/tmp), so that a config planted in a shared
 * folder above the working one cannot turn rules off. From such a folder itself a
 * config is used only when it belongs to the user running harm, as git treats a
 * repository another user owns.
 */
export function discoverConfig(cwd: string, options: DiscoverOptions = {}): string | undefined {
  const root = findRepositoryRoot(cwd);
  const home = resolve(options.home ?? homedir());
  const uid = process.getuid?.();
  const stat = options.stat ?? statPath;
  let dir = resolve(cwd);
  let here = stat(dir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    const found = stat(candidate);
    // A folder of that name is not a config; keep looking above it.
    if (found && !found.isDirectory()) {
      const planted = root === undefined && here !== undefined && isWorldWritable(here) && uid !== undefined && found.uid !== uid;
      if (!planted) return candidate;
    }
    if (dir === root) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    if (root === undefined) {
      const above = stat(parent);
      if (dir === home || !above || !here || above.dev !== here.dev || isWorldWritable(above)) return undefined;
      here = above;
    }
    dir = parent;
  }
}

/** Loads the named config, or the discovered one; a broken config is a setup error. */
export function loadConfig(cwd: string, explicit?: string, options: DiscoverOptions = {}): LoadedConfig | undefined {
  const path = explicit !== undefined ? resolve(cwd, explicit) : discoverConfig(cwd, options);
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new UsageError(`The config file ${explicit} does not exist.`);
  const shown = relative(cwd, path) || path;
  const doc = readDocument(path, shown.startsWith('..') ? path : shown, configSchema());
  if (!doc.data) throw new SetupError(`The config file ${shown} has errors.`, [...doc.findings].sort(compareFindings));
  return { path, dir: dirname(path), config: doc.data };
}
