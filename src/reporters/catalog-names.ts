import type { Catalog } from '../schema/catalog.js';

/**
 * Catalog names the reports show next to ids, in catalog order. Maps, because ids
 * are user text: an id such as "constructor" must find nothing, not an Object method.
 */
export interface CatalogNames {
  dimensions: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
}

export function collectCatalogNames(catalog: Catalog): CatalogNames {
  return {
    dimensions: new Map(catalog.framework.dimensions.map((d) => [d.id, d.name])),
    categories: new Map(catalog.categories.map((c) => [c.id, c.name])),
  };
}

/** The name of an id, or the id itself when the catalog does not know it. */
export function nameOf(names: ReadonlyMap<string, string>, id: string): string {
  return names.get(id) ?? id;
}
