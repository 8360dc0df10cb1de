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
import { checkDocumentText, readDocument } from './read-document.js';

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
export function loadEffectiveCatalog(req: CatalogRequest, read?: Set<string>): Catalog {
  const config = req.config === null ? undefined : typeof req.config === 'object' ? req.config : loadConfig(req.cwd, req.config);
  const roots: { path: string; named: string }[] = [];
  for (const entry of config?.config.catalogs ?? []) roots.push({ path: entry === BUILTIN ? BUILTIN : resolve(config!.dir, entry), named: entry });
  for (const entry of req.catalogs ?? []) roots.push({ path: entry === BUILTIN ? BUILTIN : resolve(req.cwd, entry), named: entry });
  if (roots.length === 0) return loadBuiltinCatalog();
  return composeCatalog(roots, req.cwd, read);
}

/** `read`, when given, receives the path of every catalog file read. */
export function composeCatalog(roots: readonly { path: string; named: string }[], cwd: string, read?: Set<string>): Catalog {
  const layers: CatalogLayerSource[] = [];
  const done = new Set<string>();
  const findings: Finding[] = [];
  const show = (path: string) => (path === BUILTIN ? BUILTIN : relative(cwd, path) || path);

  const visit = (path: string, chain: string[], from?: { file: string; locate: () => Finding }) => {
    if (chain.includes(path)) {
      const cycle = [...chain.slice(chain.indexOf(path)), path].map(show).join(' → ');
      const at = from?.locate();
      throw new SetupError(`The catalogs extend each other in a cycle: ${cycle}.`, at ? [{ ...at, message: `Catalog cycle: ${cycle}.` }] : []);
    }
    if (done.has(path)) return;
    if (path === BUILTIN) {
      done.add(path);
      layers.push(readBuiltinLayer());
      return;
    }
    if (!existsSync(path)) {
      const at = from?.locate();
      const message = `The catalog file ${show(path)} does not exist.`;
      if (at) throw new SetupError(message, [{ ...at, message }]);
      throw new UsageError(message);
    }
    read?.add(path);
    const doc = readDocument<CatalogLayer>(path, show(path), catalogLayerSchema());
    const sink = new FindingSink(doc.file, doc.locator);
    if (doc.data) checkLayerIds(doc.data, sink);
    if (!doc.data || sink.findings.length > 0) {
      findings.push(...doc.findings, ...sink.findings);
      done.add(path);
      return;
    }
    const parents = doc.data.extends ?? [BUILTIN];
    parents.forEach((parent, i) => {
      const target = parent === BUILTIN ? BUILTIN : resolve(dirname(path), parent);
      visit(target, [...chain, path], {
        file: doc.file,
        locate: () => {
          const s = new FindingSink(doc.file, doc.locator);
          s.at('unknown-reference', ['extends', i], '');
          return s.findings[0]!;
        },
      });
    });
    done.add(path);
    layers.push({ file: doc.file, value: doc.value as Record<string, unknown>, locator: doc.locator });
  };

  for (const root of roots) visit(root.path, []);
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
