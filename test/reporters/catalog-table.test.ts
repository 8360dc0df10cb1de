import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { formatCatalogEntryJson, formatCatalogListJson } from '../../src/reporters/catalog-json.js';
import { formatCatalogEntryTable, formatCatalogListTable } from '../../src/reporters/catalog-table.js';
import { measureText } from '../../src/reporters/terminal-text.js';
import type { CatalogEntry } from '../../src/reporters/types.js';
import type { Catalog } from '../../src/schema/catalog.js';
import { readGolden } from '../helpers/golden.js';
import { CATALOG } from '../fixtures/framework.js';
import { makeReporterContext } from '../fixtures/report.js';

/** Goldens use the test catalog, whose text changes only with the tests; the width checks run over the built-in one. */
const catalog = loadBuiltinCatalog();

function listEntries(catalog: Catalog): CatalogEntry[] {
  return [
    ...catalog.safeguards.map((entry) => ({ type: 'safeguard' as const, id: entry.id, entry })),
    ...catalog.categories.map((entry) => ({ type: 'category' as const, id: entry.id, entry })),
    ...catalog.framework.populations.map((entry) => ({ type: 'population' as const, id: entry.id, entry })),
    ...catalog.framework.dimensions.map((entry) => ({ type: 'dimension' as const, id: entry.id, entry })),
  ];
}

const entries = listEntries(catalog);

function find(id: string, from: Catalog = CATALOG): CatalogEntry {
  const entry = listEntries(from).find((e) => e.id === id);
  if (!entry) throw new Error(`no ${id} in the catalog`);
  return entry;
}

function overlong(text: string, width: number): string[] {
  return text.split('\n').filter((line) => measureText(line) > width);
}

describe('catalog list', () => {
  it('matches the golden file at 80 columns without colour', () => {
    const out = formatCatalogListTable(CATALOG, makeReporterContext());
    expect(out).toBe(readGolden('catalog', 'list', out));
  });

  it('keeps every line within the width, descriptions under the ids when beside them is too narrow', () => {
    for (const width of [40, 60, 80, 120]) {
      for (const color of [false, true]) expect(overlong(formatCatalogListTable(catalog, makeReporterContext({ width, color })), width), `${width}`).toEqual([]);
    }
    const narrow = formatCatalogListTable(catalog, makeReporterContext({ width: 40 }));
    expect(narrow).toContain('  cbrn\n    Chemical, biological, radiological\n    and nuclear (escalates)\n');
  });

  it('lists ids as JSON', () => {
    const json = JSON.parse(formatCatalogListJson(catalog, makeReporterContext())) as { kind: string; safeguards: string[] };
    expect(json.kind).toBe('CatalogList');
    expect(json.safeguards).toEqual(catalog.safeguards.map((s) => s.id));
  });
});

describe('catalog show', () => {
  it('matches the golden file for a safeguard, a category and a population', () => {
    const out = ['product.human-confirmation', 'evaluation.red-teaming', 'cbrn', 'children'].map((id) => formatCatalogEntryTable(find(id), makeReporterContext())).join('\n');
    expect(out).toBe(readGolden('catalog', 'show', out));
  });

  it('keeps every entry within the width, descriptions wrapped', () => {
    for (const width of [40, 80]) {
      for (const entry of entries) expect(overlong(formatCatalogEntryTable(entry, makeReporterContext({ width })), width), `${entry.id} at ${width}`).toEqual([]);
    }
  });

  it('says required before recommended, and shows fields a catalog adds', () => {
    const rateLimits = find('product.rate-limits', catalog);
    const out = formatCatalogEntryTable(rateLimits, makeReporterContext());
    expect(out.indexOf('required when (any of):')).toBeLessThan(out.indexOf('recommended when (any of):'));
    const withMore = { ...rateLimits, entry: { ...rateLimits.entry, review_board: 'trust-and-safety', limits: { per_hour: 100 } } } as unknown as CatalogEntry;
    expect(formatCatalogEntryTable(withMore, makeReporterContext())).toContain('\nreview board: trust-and-safety\nlimits: per_hour 100\n');
  });

  it('gives the entry as JSON, with its type', () => {
    expect(JSON.parse(formatCatalogEntryJson(find('cbrn', catalog), makeReporterContext()))).toMatchObject({ kind: 'CatalogEntry', type: 'category', entry: { id: 'cbrn' } });
  });
});
