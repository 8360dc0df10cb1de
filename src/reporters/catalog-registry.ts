import { formatCatalogEntryJson, formatCatalogListJson, formatCatalogMappingJson } from './catalog-json.js';
import { formatCatalogEntryTable, formatCatalogListTable, formatCatalogMappingTable } from './catalog-table.js';
import type { CatalogEntryReporter, CatalogListReporter, CatalogMappingReporter } from './types.js';

/** The names of `harm catalog list/show --format`; the CLI offers exactly these. */
export type CatalogFormat = 'table' | 'json';

export const catalogListReporters: Record<CatalogFormat, CatalogListReporter> = {
  table: formatCatalogListTable,
  json: formatCatalogListJson,
};

export const catalogEntryReporters: Record<CatalogFormat, CatalogEntryReporter> = {
  table: formatCatalogEntryTable,
  json: formatCatalogEntryJson,
};

export const catalogMappingReporters: Record<CatalogFormat, CatalogMappingReporter> = {
  table: formatCatalogMappingTable,
  json: formatCatalogMappingJson,
};
