import { realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { LoadedConfig } from './config-loader.js';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** As the user named it, or relative to the working directory when a glob found it. */
  display: string;
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

const isDynamicPattern = (p: string) => /[*?[\]{}()!]/.test(p);

/** The file or folder a path names (symbolic links followed), or undefined when there is none. */
const statOf = (p: string): Stats | undefined => {
  try {
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    // A loop of symbolic links, or a path through something that is not a folder.
    return undefined;
  }
};

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return toPosix(rel === '' ? abs : rel);
}

const realPath = (p: string): string => {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
};

/**
 * Expands file arguments and globs. A path that exists is taken as it is, even
 * when it holds glob syntax (`gl/[a].yaml`, `gl/(x).yaml` name those files, not
 * `gl/a.yaml`); only a path that names nothing is a glob. A named file that does
 * not exist, or a glob that matches nothing, is a usage error (exit 2). A file
 * reached by several names (a symbolic link, a link loop, the same file named
 * twice) is checked once, under its own path when that was found, else under
 * the first of its names. Globs and folder searches do not follow symbolic links;
 * a link named as it is does. Sorted by path, code-point order.
 */
export async function findFiles(patterns: readonly string[], opts: { cwd: string; base?: string; exclude?: readonly string[] }): Promise<InputFile[]> {
  const base = opts.base ?? opts.cwd;
  const targets = patterns.map((pattern) => {
    const path = isAbsolute(pattern) ? pattern : resolve(base, pattern);
    return { pattern, path, stats: statOf(path) };
  });
  // The glob library is loaded only when a pattern needs it: most runs name files.
  const globModule = targets.some((t) => t.stats?.isDirectory() || (!t.stats && isDynamicPattern(t.pattern))) ? await import('tinyglobby') : undefined;
  const globSync = (pattern: string | string[], options: import('tinyglobby').GlobOptions) => globModule!.globSync(pattern, options);
  const ignore = [...ALWAYS_IGNORED, ...(opts.exclude ?? [])];
  // Searches stay inside the tree: a link to `/` or to a folder above would walk the disk.
  const walk = { absolute: true, ignore, followSymbolicLinks: false } as const;
  const found: InputFile[] = [];
  for (const { pattern, path, stats } of targets) {
    if (stats?.isDirectory()) {
      const inside = globSync(['**/*.harm.yaml', '**/*.harm.yml'], { ...walk, cwd: path });
      if (inside.length === 0) throw new UsageError(`The folder ${pattern} holds no *.harm.yaml files.`);
      for (const abs of inside) found.push({ path: abs, display: displayPath(opts.cwd, abs) });
    } else if (stats || !isDynamicPattern(pattern)) {
      if (!stats) throw new UsageError(`The file ${pattern} does not exist.`);
      found.push({ path, display: base === opts.cwd ? pattern : displayPath(opts.cwd, path) });
    } else {
      const matches = globSync(pattern, { ...walk, cwd: base, dot: false, onlyFiles: true });
      if (matches.length === 0) throw new UsageError(`No files match ${pattern}.`);
      for (const abs of matches) found.push({ path: abs, display: displayPath(opts.cwd, abs) });
    }
  }
  found.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  // One entry per real file: its own path when that was found, else its first name.
  const reals = found.map((file) => realPath(file.path));
  const byReal = new Map<string, InputFile>();
  found.forEach((file, i) => {
    const kept = byReal.get(reals[i]!);
    if (!kept || (kept.path !== reals[i] && file.path === reals[i])) byReal.set(reals[i]!, file);
  });
  return found.filter((file, i) => byReal.get(reals[i]!) === file);
}

const DEFAULT_INCLUDE = ['**/*.harm.yaml'];

/**
 * The assessments a command over many files reads: the patterns given, else the
 * config's `include` (relative to the config, minus its `exclude`), else every `*.harm.yaml`.
 */
export function findAssessmentFiles(patterns: readonly string[], opts: { cwd: string; config?: LoadedConfig }): Promise<InputFile[]> {
  if (patterns.length > 0) return findFiles(patterns, { cwd: opts.cwd });
  const config = opts.config;
  return findFiles(config?.config.include ?? DEFAULT_INCLUDE, { cwd: opts.cwd, base: config?.dir ?? opts.cwd, exclude: config?.config.exclude ?? [] });
}
