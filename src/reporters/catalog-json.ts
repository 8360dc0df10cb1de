import { frameworkRef } from '../core/digest.js';
import { API_VERSION } from '../schema/common.js';
import type { Catalog } from '../schema/catalog.js';
import { escapeQuotedActing } from './sanitize.js';
import type { CatalogEntry, CatalogMapping, ReporterContext } from './types.js';

function formatJson(value: unknown): string {
  return `${escapeQuotedActing(JSON.stringify(value, null, 2))}\n`;
}

/** `harm catalog list --format json`: the ids of each list, with the framework they belong to. */
export function formatCatalogListJson(catalog: Catalog, _ctx: ReporterContext): string {
  const { framework } = catalog;
  return formatJson({
    apiVersion: API_VERSION,
    kind: 'CatalogList',
    framework: frameworkRef(catalog),
    dimensions: framework.dimensions.map((d) => d.id),
    populations: framework.populations.map((p) => p.id),
    categories: catalog.categories.map((c) => c.id),
    safeguards: catalog.safeguards.map((s) => s.id),
  });
}

/** `harm catalog show <id> --format json`: the entry as the effective catalog holds it. */
export function formatCatalogEntryJson({ type, entry }: CatalogEntry, _ctx: ReporterContext): string {
  return formatJson({ apiVersion: API_VERSION, kind: 'CatalogEntry', type, entry });
}

/** `harm catalog list --mapping <slug> --format json`: each clause with the safeguards and categories that serve it. */
export function formatCatalogMappingJson({ catalog, slug, clauses }: CatalogMapping, _ctx: ReporterContext): string {
  return formatJson({ apiVersion: API_VERSION, kind: 'CatalogMapping', framework: frameworkRef(catalog), mapping: slug, clauses });
}
