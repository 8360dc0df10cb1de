import type { Assessment, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import { didYouMean, SuggestionIndex } from './did-you-mean.js';
import type { FindingSink } from './findings.js';
import type { Path } from './locator.js';
import { createIdTable, type IdTable } from './score.js';

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

/** An id the catalog defines, and "did you mean" over all of them. */
interface KnownIds {
  has: IdTable<true>;
  suggestions: SuggestionIndex;
}

const knownCache = new WeakMap<Catalog, Record<keyof CatalogIds, KnownIds>>();

/** The catalog ids as tables: ids read from a file are found without comparing characters. */
function knownIds(catalog: Catalog): Record<keyof CatalogIds, KnownIds> {
  let known = knownCache.get(catalog);
  if (!known) {
    const ids = catalogIds(catalog);
    const table = (all: ReadonlySet<string>): KnownIds => ({ has: createIdTable([...all].map((id) => [id, true] as const)), suggestions: new SuggestionIndex(all) });
    known = { dimensions: table(ids.dimensions), categories: table(ids.categories), populations: table(ids.populations), safeguards: table(ids.safeguards) };
    knownCache.set(catalog, known);
  }
  return known;
}

/**
 * The document rules that need the catalog and the date (SPEC §4): references,
 * duplicate ids, not-applicable notes, expired waivers, overdue reviews and safeguards.
 */
export function checkDocumentRules(assessment: Assessment, catalog: Catalog, today: string, sink: FindingSink): void {
  const ids = knownIds(catalog);
  // Paths are built only for findings that are reported: most references are fine.
  const report = (path: Path, id: string, candidates: SuggestionIndex | Iterable<string>, what: string, harm?: string) => {
    const hint = candidates instanceof SuggestionIndex ? candidates.didYouMean(id) : didYouMean(id, candidates);
    sink.at('unknown-reference', path, `Unknown ${what} "${id}".${hint}`, { harm });
  };
  const unknown = (known: KnownIds, id: string) => known.has[id] !== true;

  const checkDeclarations = (base: Path, list: readonly SafeguardDeclaration[] | undefined, harm?: string) => {
    if (!list) return;
    const seen = new Map<string, number>();
    // The sink leaves out a harm that is undefined.
    const opts = { harm };
    for (let j = 0; j < list.length; j++) {
      const decl = list[j]!;
      if (unknown(ids.safeguards, decl.id)) report([...base, j, 'id'], decl.id, ids.safeguards.suggestions, 'safeguard', harm);
      const first = seen.get(decl.id);
      if (first !== undefined) sink.at('duplicate-id', [...base, j, 'id'], `Safeguard "${decl.id}" is declared twice here (first as entry ${first + 1}); declare it once.`, opts);
      else seen.set(decl.id, j);
      if (decl.status === 'not_applicable' && (decl.note === undefined || decl.note.trim() === '')) {
        sink.at('not-applicable-without-note', [...base, j, 'status'], `Safeguard "${decl.id}" is marked not_applicable without a note saying why.`, opts);
      }
      if (decl.due !== undefined && decl.due < today && decl.status !== 'implemented') {
        sink.at('safeguard-overdue', [...base, j, 'due'], `Safeguard "${decl.id}" was due on ${decl.due} and is ${decl.status.replace('_', ' ')}, not implemented.`, opts);
      }
    }
  };

  checkDeclarations(['feature', 'safeguards'], assessment.feature.safeguards);
  if (assessment.assessment.review_by !== undefined && assessment.assessment.review_by < today) {
    sink.at('review-overdue', ['assessment', 'review_by'], `The assessment was due for review on ${assessment.assessment.review_by}.`);
  }

  const harmIds = new Map<string, number>();
  assessment.harms.forEach((harm, i) => {
    const first = harmIds.get(harm.id);
    if (first !== undefined) sink.at('duplicate-id', ['harms', i, 'id'], `Harm id "${harm.id}" is already used by harm ${first + 1} in this file.`, { harm: harm.id });
    else harmIds.set(harm.id, i);
    if (unknown(ids.categories, harm.category)) report(['harms', i, 'category'], harm.category, ids.categories.suggestions, 'category', harm.id);
    harm.dimensions.forEach((d, j) => {
      if (unknown(ids.dimensions, d)) report(['harms', i, 'dimensions', j], d, ids.dimensions.suggestions, 'dimension', harm.id);
    });
    harm.factors.affected_populations.forEach((p, j) => {
      if (unknown(ids.populations, p)) report(['harms', i, 'factors', 'affected_populations', j], p, ids.populations.suggestions, 'population', harm.id);
    });
    checkDeclarations(['harms', i, 'safeguards'], harm.safeguards, harm.id);
  });

  assessment.waivers?.forEach((waiver, k) => {
    if (!harmIds.has(waiver.harm)) report(['waivers', k, 'harm'], waiver.harm, harmIds.keys(), 'harm', undefined);
    if (unknown(ids.safeguards, waiver.safeguard)) {
      report(['waivers', k, 'safeguard'], waiver.safeguard, ids.safeguards.suggestions, 'safeguard', harmIds.has(waiver.harm) ? waiver.harm : undefined);
    }
    if (waiver.expires < today) {
      sink.at('waiver-expired', ['waivers', k, 'expires'], `The waiver for safeguard "${waiver.safeguard}" on harm "${waiver.harm}" expired on ${waiver.expires}.`, harmIds.has(waiver.harm) ? { harm: waiver.harm } : {});
    }
  });

  assessment.acceptances?.forEach((acceptance, k) => {
    const known = harmIds.has(acceptance.harm);
    if (!known) report(['acceptances', k, 'harm'], acceptance.harm, harmIds.keys(), 'harm', undefined);
    if (acceptance.expires < today) {
      sink.at(
        'acceptance-expired',
        ['acceptances', k, 'expires'],
        `The acceptance of risk up to ${acceptance.up_to} for harm "${acceptance.harm}", approved by ${acceptance.approved_by}, expired on ${acceptance.expires}: the gate applies again.`,
        known ? { harm: acceptance.harm } : {},
      );
    }
  });
}
