import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SetupError, UsageError } from '../core/errors.js';
import { configSchema } from '../schema/config.js';
import { CONFIG_FILE, type LoadedConfig } from './config-loader.js';
import { runGit } from './git.js';
import { checkDocumentBytes, readDocument, type DocumentSource } from './read-document.js';
import { MAX_FILE_BYTES } from './yaml/limits.js';

/** A file as it is at a git revision. */
export interface RevisionFile {
  /** The revision as the user wrote it. */
  rev: string;
  commit: string;
  /** The repository's top folder. */
  root: string;
  /** From the repository root, '/'-separated. */
  path: string;
  bytes: Uint8Array;
}

/**
 * `REV:path` split in two, or undefined for a plain path: an argument that names an
 * existing file, has no colon before its path, or starts with a drive letter.
 */
export function parseRevisionSpec(arg: string, cwd: string): { rev: string; path: string } | undefined {
  if (existsSync(resolve(cwd, arg)) || /^[A-Za-z]:[\\/]/.test(arg)) return undefined;
  const colon = arg.indexOf(':');
  if (colon <= 0) return undefined;
  return { rev: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

/** A path inside the repository, '/'-separated, or undefined outside it. */
function insideRepository(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** As git reads `REV:path`: from the repository root, or from the working directory when it starts with ./ or ../. */
function repositoryPath(path: string, root: string, cwd: string): string | undefined {
  const fromCwd = path === '.' || path === '..' || /^\.\.?[\\/]/.test(path);
  const abs = isAbsolute(path) ? path : resolve(fromCwd ? realpathSync(cwd) : root, path);
  return insideRepository(root, abs);
}

interface GitObject {
  oid: string;
  type: string;
  size: number;
}

function describeObject(root: string, commit: string, path: string): GitObject | undefined {
  if (/[\r\n]/.test(path)) return undefined;
  const r = runGit(['cat-file', '--batch-check'], { cwd: root, input: `${commit}:${path}\n` });
  const [oid, type, size] = r.stdout.toString('utf8').trim().split(' ');
  if (!r.ok || type === 'missing' || !oid || !type || size === undefined) return undefined;
  return { oid, type, size: Number(size) };
}

function readBlob(root: string, object: GitObject): Uint8Array {
  const r = runGit(['cat-file', 'blob', object.oid], { cwd: root, maxBytes: MAX_FILE_BYTES + 1 });
  if (!r.ok) throw new UsageError(`git could not read ${object.oid} (${r.stderr.trim().split('\n')[0]}).`);
  return r.stdout;
}

/** The repository's top folder, or undefined outside a git work tree (or without git). */
function findGitRoot(cwd: string): string | undefined {
  const r = runGit(['rev-parse', '--show-toplevel'], { cwd });
  return r.ok ? r.stdout.toString('utf8').trim() : undefined;
}

/**
 * Reads `REV:path` with git. Everything that stops it is one sentence for the user:
 * no repository, a revision or path git does not know, a path outside the
 * repository, a folder, a file over the size limit.
 */
export function readRevisionFile(spec: { rev: string; path: string }, arg: string, cwd: string): RevisionFile {
  if (spec.rev.startsWith('-')) throw new UsageError(`"${spec.rev}" in ${arg} is not a revision: revisions do not start with "-".`);
  if (spec.path === '') throw new UsageError(`${arg} names no file: write REV:path, the path from the repository root.`);
  const root = findGitRoot(cwd);
  if (root === undefined) throw new UsageError(`${arg} is read with git, but the working directory is not inside a git repository.`);
  const path = repositoryPath(spec.path, root, cwd);
  if (path === undefined) throw new UsageError(`${arg} names a path outside the repository ${root}.`);
  const resolved = runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${spec.rev}^{commit}`], { cwd: root });
  if (!resolved.ok) throw new UsageError(`git does not know the revision "${spec.rev}" (in ${arg}).`);
  const commit = resolved.stdout.toString('utf8').trim();
  const object = describeObject(root, commit, path);
  if (!object) throw new UsageError(`${arg} does not exist: there is no ${path} at ${spec.rev}.`);
  if (object.type !== 'blob') throw new UsageError(`${arg} is a ${object.type === 'tree' ? 'folder' : object.type}, not a file.`);
  if (object.size > MAX_FILE_BYTES) throw new UsageError(`${arg} is larger than 1 MiB; harm reads files of at most 1 MiB.`);
  return { rev: spec.rev, commit, root, path, bytes: readBlob(root, object) };
}

/**
 * Files inside the repository as they are at a commit; files outside it (a shared
 * catalog elsewhere on disk) as they are now, since git does not hold them.
 */
export function revisionSource(file: Pick<RevisionFile, 'root' | 'commit' | 'rev'>): DocumentSource {
  const { root, commit, rev } = file;
  return {
    exists(path) {
      const rel = insideRepository(root, path);
      return rel === undefined ? existsSync(path) : describeObject(root, commit, rel)?.type === 'blob';
    },
    read(path, shown, schema) {
      const rel = insideRepository(root, path);
      if (rel === undefined) return readDocument(path, shown, schema);
      const object = describeObject(root, commit, rel);
      const label = `${rev}:${rel}`;
      if (object?.type !== 'blob') throw new UsageError(`${label} does not exist.`);
      if (object.size > MAX_FILE_BYTES) throw new UsageError(`${label} is larger than 1 MiB; harm reads files of at most 1 MiB.`);
      return checkDocumentBytes(readBlob(root, object), label, schema);
    },
  };
}

/**
 * The config a side read at a revision is scored with: the one named (--config, read
 * at the revision), else harm.config.yaml found from the working directory upward
 * to the repository root, at the revision.
 */
export function loadConfigAtRevision(file: RevisionFile, cwd: string, explicit: string | undefined): LoadedConfig | undefined {
  const source = revisionSource(file);
  const from = realpathSync(cwd);
  let path: string | undefined;
  if (explicit !== undefined) {
    path = resolve(from, explicit);
    if (!source.exists(path)) throw new UsageError(`The config file ${explicit} does not exist at ${file.rev}.`);
  } else {
    for (let dir = from; insideRepository(file.root, join(dir, CONFIG_FILE)) !== undefined; dir = dirname(dir)) {
      if (source.exists(join(dir, CONFIG_FILE))) {
        path = join(dir, CONFIG_FILE);
        break;
      }
      if (dir === file.root) break;
    }
  }
  if (path === undefined) return undefined;
  const doc = source.read(path, path, configSchema());
  if (!doc.data) throw new SetupError(`The config file ${doc.file} has errors.`, doc.findings);
  return { path, dir: dirname(path), config: doc.data };
}
