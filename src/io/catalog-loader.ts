import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeCatalogLayers, type CatalogLayerSource } from '../core/catalog-merge.js';
import { validateMergedCatalog } from '../core/catalog-rules.js';
import { SetupError, UsageError } from '../core/errors.js';
import { FindingSink } from '../core/findings.js';
import type { Path } from '../core/locator.js';
import { catalogLayerSchema, type Catalog, type CatalogLayer } from '../schema/catalog.js';
import type { Finding } from '../schema/output.js';
import { loadConfig, type LoadedConfig } from './config-loader.js';
import { checkDocumentText, readDocument, type ReadDocument } from './read-document.js';

export const BUILTIN = 'builtin';

let packageRootCache: string | undefined;
/** The installed package's folder: the nearest one above this module holding catalog/builtin.yaml. */
export function packageRoot(): string {
  if (packageRootCache) return packageRootCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'catalog', 'builtin.yaml'))) return (packageRootCache = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The built-in catalog (catalog/builtin.yaml) is missing from the installation.');
    dir = parent;
  }
}

export function builtinCatalogPath(): string {
  return join(packageRoot(), 'catalog', 'builtin.yaml');
}

declare const __HARM_BUNDLED__: boolean | undefined;

function readBuiltinYaml(): CatalogLayerSource {
  const doc = checkDocumentText(readFileSync(builtinCatalogPath(), 'utf8'), BUILTIN, catalogLayerSchema());
  if (!doc.data) throw new SetupError('The built-in catalog is damaged; reinstall harm.', doc.findings);
  return { file: BUILTIN, value: doc.value as Record<string, unknown>, locator: doc.locator };
}

/**
 * The installed CLI reads a JSON copy of catalog/builtin.yaml made at build time
 * (parsing the YAML costs more than the rest of a small run); the YAML is parsed
 * only if a finding needs a position in it.
 */
function snapshotPath(): string | undefined {
  if (typeof __HARM_BUNDLED__ !== 'boolean' || !__HARM_BUNDLED__) return undefined;
  const path = join(packageRoot(), 'dist', 'builtin-catalog.json');
  return existsSync(path) ? path : undefined;
}

function readBuiltinLayer(): CatalogLayerSource {
  const snapshot = snapshotPath();
  if (!snapshot) return readBuiltinYaml();
  let yaml: CatalogLayerSource | undefined;
  const locate = () => (yaml ??= readBuiltinYaml()).locator;
  return {
    file: BUILTIN,
    value: JSON.parse(readFileSync(snapshot, 'utf8')) as Record<string, unknown>,
    locator: { value: (p) => locate().value(p), key: (p) => locate().key(p), firstKey: (p) => locate().firstKey(p) },
  };
}

let builtinCache: Catalog | undefined;
/**
 * The shipped catalog, validated like any other. The installed CLI's JSON copy
 * was validated when it was built, so it is used as it is.
 */
export function loadBuiltinCatalog(): Catalog {
  if (builtinCache) return builtinCache;
  const snapshot = snapshotPath();
  if (snapshot) return (builtinCache = JSON.parse(readFileSync(snapshot, 'utf8')) as Catalog);
  const merged = validateMergedCatalog(mergeCatalogLayers([readBuiltinLayer()]));
  if (!merged.catalog) throw new SetupError('The built-in catalog is damaged; reinstall harm.', merged.findings);
  return (builtinCache = merged.catalog);
}

export interface CatalogRequest {
  cwd: string;
  /** Catalog files from --catalog, relative to cwd. */
  catalogs?: readonly string[];
  /** A config path (--config), a config already loaded, or null for none; undefined discovers one. */
  config?: string | LoadedConfig | null;
}

/**
 * Builds the effective catalog (SPEC §1.2): the config's catalogs, then each
 * --catalog; each layer's extends first (depth first, left to right), every
 * file once; a cycle is an error naming the chain.
 */
export function loadEffectiveCatalog(req: CatalogRequest): Catalog {
  const config = req.config === null ? undefined : typeof req.config === 'object' ? req.config : loadConfig(req.cwd, req.config);
  const roots: { path: string; named: string }[] = [];
  for (const entry of config?.config.catalogs ?? []) roots.push({ path: entry === BUILTIN ? BUILTIN : resolve(config!.dir, entry), named: entry });
  for (const entry of req.catalogs ?? []) roots.push({ path: entry === BUILTIN ? BUILTIN : resolve(req.cwd, entry), named: entry });
  if (roots.length === 0) return loadBuiltinCatalog();
  return composeCatalog(roots, req.cwd);
}

/**
 * How many catalog files deep a chain of `extends` is followed (docs/catalog.md,
 * Composition): far beyond any real policy, and short of what a hostile chain of
 * thousands of files would cost.
 */
export const MAX_EXTENDS_DEPTH = 64;

/** A catalog file on the way down a chain of extends, and how far its own extends have been followed. */
interface Frame {
  path: string;
  doc: ReadDocument<CatalogLayer>;
  parents: string[];
  next: number;
}

/**
 * Walks the layers (SPEC §1.2): each file's extends first, depth first and left to
 * right, then the file; every file once, at its first appearance. The walk keeps
 * its own stack instead of recursing, so that no chain can overflow the call
 * stack, and stops a chain deeper than MAX_EXTENDS_DEPTH with an error at the
 * extends entry that goes too deep.
 */
export function composeCatalog(roots: readonly { path: string; named: string }[], cwd: string): Catalog {
  const layers: CatalogLayerSource[] = [];
  const done = new Set<string>();
  const findings: Finding[] = [];
  const show = (path: string) => (path === BUILTIN ? BUILTIN : relative(cwd, path) || path);
  /** The finding at entry `index` of the frame's extends, with a message of its own. */
  const atExtends = (frame: Frame | undefined, index: number, message: string): Finding[] => {
    if (!frame) return [];
    const sink = new FindingSink(frame.doc.file, frame.doc.locator);
    sink.at('unknown-reference', ['extends', index], message);
    return sink.findings;
  };

  for (const root of roots) {
    const stack: Frame[] = [];
    const onStack = new Set<string>();
    /** Reads a file named at entry `from.next - 1` of `from`'s extends (or a root), and stacks it while its own extends are walked. */
    const enter = (path: string, from: Frame | undefined): void => {
      const index = from ? from.next - 1 : 0;
      if (onStack.has(path)) {
        const chain = stack.map((f) => f.path);
        const cycle = [...chain.slice(chain.indexOf(path)), path].map(show).join(' → ');
        throw new SetupError(`The catalogs extend each other in a cycle: ${cycle}.`, atExtends(from, index, `Catalog cycle: ${cycle}.`));
      }
      if (done.has(path)) return;
      if (path === BUILTIN) {
        done.add(path);
        layers.push(readBuiltinLayer());
        return;
      }
      if (!existsSync(path)) {
        const message = `The catalog file ${show(path)} does not exist.`;
        if (!from) throw new UsageError(message);
        throw new SetupError(message, atExtends(from, index, message));
      }
      if (stack.length >= MAX_EXTENDS_DEPTH) {
        const message = `The catalogs extend each other more than ${MAX_EXTENDS_DEPTH} files deep (from ${show(stack[0]!.path)}); harm follows extends at most that far.`;
        throw new SetupError(message, atExtends(from, index, message));
      }
      const doc = readDocument<CatalogLayer>(path, show(path), catalogLayerSchema());
      const sink = new FindingSink(doc.file, doc.locator);
      if (doc.data) checkLayerIds(doc.data, sink);
      if (!doc.data || sink.findings.length > 0) {
        findings.push(...doc.findings, ...sink.findings);
        done.add(path);
        return;
      }
      const parents = (doc.data.extends ?? [BUILTIN]).map((parent) => (parent === BUILTIN ? BUILTIN : resolve(dirname(path), parent)));
      stack.push({ path, doc, parents, next: 0 });
      onStack.add(path);
    };

    enter(root.path, undefined);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.parents.length) {
        frame.next++;
        enter(frame.parents[frame.next - 1]!, frame);
        continue;
      }
      // Every parent merged: the file itself comes after them.
      stack.pop();
      onStack.delete(frame.path);
      done.add(frame.path);
      layers.push({ file: frame.doc.file, value: frame.doc.value as Record<string, unknown>, locator: frame.doc.locator });
    }
  }
  if (findings.length > 0) throw new SetupError(`The catalog has errors (${findings.length}).`, findings);
  const merged = validateMergedCatalog(mergeCatalogLayers(layers));
  if (!merged.catalog) throw new SetupError(`The merged catalog has errors (${merged.findings.length}).`, merged.findings);
  return merged.catalog;
}

/** Ids must be unique within each list of one layer (across layers they merge). */
function checkLayerIds(layer: CatalogLayer, sink: FindingSink): void {
  const lists: [Path, readonly { id: string }[] | undefined][] = [
    [['framework', 'dimensions'], layer.framework?.dimensions],
    [['framework', 'populations'], layer.framework?.populations],
    [['framework', 'bands'], layer.framework?.bands],
    [['categories'], layer.categories],
    [['safeguards'], layer.safeguards],
  ];
  for (const [path, list] of lists) {
    const seen = new Map<string, number>();
    list?.forEach((entry, i) => {
      const first = seen.get(entry.id);
      if (first !== undefined) sink.at('duplicate-id', [...path, i, 'id'], `The id "${entry.id}" is defined twice in this list (first at entry ${first + 1}).`);
      else seen.set(entry.id, i);
    });
  }
}
