import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The `# yaml-language-server: $schema=…` path a new assessment names. It must
 * resolve from the assessment's folder however harm is installed: from the
 * registry or a tarball (a real folder in node_modules), through a symlink
 * (`npm link`, a `file:` dependency, pnpm's store), or run from a clone. Both
 * ends are compared as real paths, so that a symlink on either side cannot
 * give a path that climbs out through the link's target (`../p/schemas/…`).
 */

const PACKAGE_NAME = 'harm';
const SCHEMA_FILE = ['schemas', 'assessment.schema.json'] as const;

/** The installed package's root: the nearest folder above this module holding harm's package.json and its schemas. */
export function findPackageRoot(from: string = import.meta.url): string | undefined {
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'schemas'))) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // An unreadable manifest is not ours; keep looking upward.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The path with every symlink resolved, or the path itself when it does not exist. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The nearest `node_modules/harm` above `folder` that is this very package, however it is linked there. */
function installedAbove(folder: string, realRoot: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', PACKAGE_NAME);
    if (existsSync(candidate) && realPath(candidate) === realRoot) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The `$schema` path for a file written at `target`, relative to the file's real
 * folder: through the project's own `node_modules/harm` when the project installs
 * the harm that is running (so the path holds in every checkout of the project),
 * otherwise straight to the running package; absolute when no relative path
 * exists (another drive).
 */
export function schemaPathFor(target: string, packageRoot: string | null | undefined = findPackageRoot()): string | undefined {
  if (!packageRoot) return undefined;
  const realRoot = realPath(packageRoot);
  const folder = realPath(dirname(resolve(target)));
  const schema = join(installedAbove(folder, realRoot) ?? realRoot, ...SCHEMA_FILE);
  const rel = relative(folder, schema);
  if (isAbsolute(rel)) return schema.split(sep).join('/');
  const posix = rel.split(sep).join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}
