import { existsSync, statSync } from 'node:fs';
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
const isDirectory = (p: string) => existsSync(p) && statSync(p).isDirectory();

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return toPosix(rel === '' ? abs : rel);
}

/**
 * Expands file arguments and globs. A named file that does not exist, or a glob
 * that matches nothing, is a usage error (exit 2). Sorted by path, code-point order.
 */
export async function findFiles(patterns: readonly string[], opts: { cwd: string; base?: string; exclude?: readonly string[] }): Promise<InputFile[]> {
  const base = opts.base ?? opts.cwd;
  // The glob library is loaded only when a pattern needs it: most runs name files.
  const globModule = patterns.some((p) => isDynamicPattern(p) || isDirectory(resolve(base, p))) ? await import('tinyglobby') : undefined;
  const globSync = (pattern: string | string[], options: import('tinyglobby').GlobOptions) => globModule!.globSync(pattern, options);
  const found = new Map<string, InputFile>();
  for (const pattern of patterns) {
    const direct = isAbsolute(pattern) ? pattern : resolve(base, pattern);
    if (!isDynamicPattern(pattern)) {
      if (!existsSync(direct)) throw new UsageError(`The file ${pattern} does not exist.`);
      if (statSync(direct).isDirectory()) {
        const inside = globSync(['**/*.harm.yaml', '**/*.harm.yml'], { cwd: direct, absolute: true, ignore: [...ALWAYS_IGNORED, ...(opts.exclude ?? [])] });
        if (inside.length === 0) throw new UsageError(`The folder ${pattern} holds no *.harm.yaml files.`);
        for (const abs of inside) found.set(abs, { path: abs, display: displayPath(opts.cwd, abs) });
        continue;
      }
      found.set(direct, { path: direct, display: base === opts.cwd ? pattern : displayPath(opts.cwd, direct) });
      continue;
    }
    const matches = globSync(pattern, { cwd: base, absolute: true, dot: false, ignore: [...ALWAYS_IGNORED, ...(opts.exclude ?? [])], onlyFiles: true });
    if (matches.length === 0) throw new UsageError(`No files match ${pattern}.`);
    for (const abs of matches) if (!found.has(abs)) found.set(abs, { path: abs, display: displayPath(opts.cwd, abs) });
  }
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
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
