import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root: the nearest folder above this module holding harm's package.json and its schemas. */
export function findPackageRoot(from: string = import.meta.url): string | undefined {
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'schemas'))) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'harm') return dir;
      } catch {
        // An unreadable manifest is not ours; keep looking upward.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The `$schema` path for a file written at `target`: relative to the file's folder
 * so that the modeline works wherever the repository is checked out; absolute
 * when no relative path exists (another drive).
 */
export function schemaPathFor(target: string, packageRoot: string | null | undefined = findPackageRoot()): string | undefined {
  if (!packageRoot) return undefined;
  const schema = join(packageRoot, 'schemas', 'assessment.schema.json');
  const rel = relative(dirname(resolve(target)), schema);
  if (isAbsolute(rel)) return schema.split(sep).join('/');
  const posix = rel.split(sep).join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}
