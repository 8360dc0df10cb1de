import { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPackageRoot, schemaPathFor } from '../../src/io/schema-modeline.js';
import { makeTempDir, writeIn } from '../helpers/files.js';

const ROOT = resolve(import.meta.dirname, '../..');

let tmp: string;
beforeEach(() => {
  // Real from the start: a temporary folder reached through a symlink (macOS /var) would blur what is tested.
  tmp = realpathSync(makeTempDir('harm-modeline-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A harm package as installed: its manifest, its schema and its bundle. */
function makePackage(dir: string): string {
  writeIn(dir, 'package.json', JSON.stringify({ name: 'harm', version: '1.0.0' }));
  writeIn(dir, 'schemas/assessment.schema.json', '{}');
  writeIn(dir, 'dist/main.js', '');
  return dir;
}

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'dir');
}

/** The modeline path for `file`, checked to lead from the file's real folder to the schema. */
function modeline(file: string, packageRoot: string | undefined): string | undefined {
  const path = schemaPathFor(file, packageRoot);
  const folder = realpathSync(dirname(file));
  if (path !== undefined) expect(existsSync(resolve(folder, path)), `${path} from ${folder}`).toBe(true);
  return path;
}

describe('findPackageRoot', () => {
  it('finds the package from a module inside it, and nothing above the filesystem root', () => {
    expect(findPackageRoot(pathToFileURL(join(ROOT, 'src', 'io', 'schema-modeline.ts')).href)).toBe(ROOT);
    expect(findPackageRoot('/')).toBeUndefined();
  });

  it('ignores a package.json of another name on the way up', () => {
    const pkg = makePackage(join(tmp, 'harm'));
    writeIn(pkg, 'dist/package.json', JSON.stringify({ name: 'not-harm' }));
    mkdirSync(join(pkg, 'dist', 'schemas'));
    expect(findPackageRoot(join(pkg, 'dist', 'main.js'))).toBe(pkg);
  });
});

describe('schemaPathFor in every install layout', () => {
  it('running from a clone: straight to the clone, inside it or from another project', () => {
    const clone = makePackage(join(tmp, 'src', 'harm'));
    mkdirSync(join(clone, 'examples'));
    expect(modeline(join(clone, 'examples', 'x.yaml'), clone)).toBe('../schemas/assessment.schema.json');
    expect(modeline(join(clone, 'x.harm.yaml'), clone)).toBe('./schemas/assessment.schema.json');
    mkdirSync(join(tmp, 'app', 'docs'), { recursive: true });
    expect(modeline(join(tmp, 'app', 'docs', 'x.harm.yaml'), clone)).toBe('../../src/harm/schemas/assessment.schema.json');
  });

  it('installed from the registry or a tarball: through the project node_modules, from any depth', () => {
    const app = join(tmp, 'app');
    const installed = makePackage(join(app, 'node_modules', 'harm'));
    mkdirSync(join(app, 'features', 'agents'), { recursive: true });
    expect(modeline(join(app, 'x.harm.yaml'), installed)).toBe('./node_modules/harm/schemas/assessment.schema.json');
    expect(modeline(join(app, 'features', 'agents', 'x.harm.yaml'), installed)).toBe('../../node_modules/harm/schemas/assessment.schema.json');
  });

  it.each([
    // npm link and file: dependencies: node_modules/harm is a symlink to a folder elsewhere.
    [
      'npm link or a file: dependency',
      (app: string) => {
        const pkg = makePackage(join(tmp, 'p'));
        link(pkg, join(app, 'node_modules', 'harm'));
        return pkg;
      },
    ],
    // pnpm: node_modules/harm is a symlink into the store inside node_modules.
    [
      'pnpm',
      (app: string) => {
        const pkg = makePackage(join(app, 'node_modules', '.pnpm', 'harm@1.0.0', 'node_modules', 'harm'));
        link(pkg, join(app, 'node_modules', 'harm'));
        return pkg;
      },
    ],
  ])('symlinked (%s): through node_modules/harm, never through the link target', (_name, install) => {
    const app = join(tmp, 'app');
    mkdirSync(join(app, 'features'), { recursive: true });
    const pkg = install(app);
    // Node runs the real files, so the package root it finds is the link's target...
    expect(modeline(join(app, 'features', 'x.harm.yaml'), pkg)).toBe('../node_modules/harm/schemas/assessment.schema.json');
    // ...and with --preserve-symlinks it is the link itself: the same answer.
    expect(modeline(join(app, 'features', 'x.harm.yaml'), join(app, 'node_modules', 'harm'))).toBe('../node_modules/harm/schemas/assessment.schema.json');
  });

  // An editor that opens the file through the link reads `..` from the link's parent: no relative path can serve both.
  it('writes into a folder reached through a symlink: the path holds from its real folder', () => {
    const app = join(tmp, 'work', 'app');
    const pkg = makePackage(join(app, 'node_modules', 'harm'));
    mkdirSync(join(app, 'features'), { recursive: true });
    link(join(app, 'features'), join(tmp, 'shortcut'));
    expect(modeline(join(tmp, 'shortcut', 'x.harm.yaml'), pkg)).toBe('../node_modules/harm/schemas/assessment.schema.json');
    // Without node_modules, from the real folder too (not ../work/… from the link).
    const clone = makePackage(join(tmp, 'clone'));
    expect(modeline(join(tmp, 'shortcut', 'y.harm.yaml'), clone)).toBe('../../../clone/schemas/assessment.schema.json');
  });

  it('a project that installs another copy of harm is not mistaken for this one', () => {
    const app = join(tmp, 'app');
    makePackage(join(app, 'node_modules', 'harm'));
    const running = makePackage(join(tmp, 'global', 'lib', 'node_modules', 'harm'));
    expect(modeline(join(app, 'x.harm.yaml'), running)).toBe('../global/lib/node_modules/harm/schemas/assessment.schema.json');
  });

  it('leaves the modeline out when no package is found', () => {
    expect(schemaPathFor('/x.harm.yaml', null)).toBeUndefined();
  });
});
