import type { Assessment, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import { didYouMean } from './did-you-mean.js';
import type { FindingSink } from './findings.js';
import type { Path } from './locator.js';

export interface CatalogIds {
  dimensions: Set<string>;
  categories: Set<string>;
  populations: Set<string>;
  safeguards: Set<string>;
}

const idCache = new WeakMap<Catalog, CatalogIds>();
export function catalogIds(catalog: Catalog): CatalogIds {
  let ids = idCache.get(catalog);
  if (!ids) {
    ids = {
      dimensions: new Set(catalog.framework.dimensions.map((d) => d.id)),
      categories: new Set(catalog.categories.map((c) => c.id)),
      populations: new Set(catalog.framework.populations.map((p) => p.id)),
      safeguards: new Set(catalog.safeguards.map((s) => s.id)),
    };
    idCache.set(catalog, ids);
  }
  return ids;
}

/**
 * The document rules that need the catalog and the date (SPEC §4): references,
 * duplicate ids, not-applicable notes, expired waivers, overdue reviews and safeguards.
 */
export function checkDocumentRules(assessment: Assessment, catalog: Catalog, today: string, sink: FindingSink): void {
  const ids = catalogIds(catalog);
  const ref = (path: Path, id: string, known: Set<string>, what: string, harm?: string) => {
    if (!known.has(id)) sink.at('unknown-reference', path, `Unknown ${what} "${id}".${didYouMean(id, known)}`, harm === undefined ? {} : { harm });
  };

  const checkDeclarations = (base: Path, list: readonly SafeguardDeclaration[] | undefined, harm?: string) => {
    const seen = new Map<string, number>();
    const opts = harm === undefined ? {} : { harm };
    list?.forEach((decl, j) => {
      const at: Path = [...base, j];
      ref([...at, 'id'], decl.id, ids.safeguards, 'safeguard', harm);
      const first = seen.get(decl.id);
      if (first !== undefined) sink.at('duplicate-id', [...at, 'id'], `Safeguard "${decl.id}" is declared twice here (first as entry ${first + 1}); declare it once.`, opts);
      else seen.set(decl.id, j);
      if (decl.status === 'not_applicable' && (decl.note === undefined || decl.note.trim() === '')) {
        sink.at('not-applicable-without-note', [...at, 'status'], `Safeguard "${decl.id}" is marked not_applicable without a note saying why.`, opts);
      }
      if (decl.due !== undefined && decl.due < today && decl.status !== 'implemented') {
        sink.at('safeguard-overdue', [...at, 'due'], `Safeguard "${decl.id}" was due on ${decl.due} and is ${decl.status.replace('_', ' ')}, not implemented.`, opts);
      }
    });
  };

  checkDeclarations(['feature', 'safeguards'], assessment.feature.safeguards);
  if (assessment.assessment.review_by !== undefined && assessment.assessment.review_by < today) {
    sink.at('review-overdue', ['assessment', 'review_by'], `The assessment was due for review on ${assessment.assessment.review_by}.`);
  }

  const harmIds = new Map<string, number>();
  assessment.harms.forEach((harm, i) => {
    const base: Path = ['harms', i];
    const first = harmIds.get(harm.id);
    if (first !== undefined) sink.at('duplicate-id', [...base, 'id'], `Harm id "${harm.id}" is already used by harm ${first + 1} in this file.`, { harm: harm.id });
    else harmIds.set(harm.id, i);
    ref([...base, 'category'], harm.category, ids.categories, 'category', harm.id);
    harm.dimensions.forEach((d, j) => ref([...base, 'dimensions', j], d, ids.dimensions, 'dimension', harm.id));
    harm.factors.affected_populations.forEach((p, j) => ref([...base, 'factors', 'affected_populations', j], p, ids.populations, 'population', harm.id));
    checkDeclarations([...base, 'safeguards'], harm.safeguards, harm.id);
  });

  assessment.waivers?.forEach((waiver, k) => {
    const base: Path = ['waivers', k];
    ref([...base, 'harm'], waiver.harm, new Set(harmIds.keys()), 'harm', undefined);
    ref([...base, 'safeguard'], waiver.safeguard, ids.safeguards, 'safeguard', harmIds.has(waiver.harm) ? waiver.harm : undefined);
    if (waiver.expires < today) {
      sink.at('waiver-expired', [...base, 'expires'], `The waiver for safeguard "${waiver.safeguard}" on harm "${waiver.harm}" expired on ${waiver.expires}.`, harmIds.has(waiver.harm) ? { harm: waiver.harm } : {});
    }
  });
}
