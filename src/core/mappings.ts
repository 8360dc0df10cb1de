import type { Catalog } from '../schema/catalog.js';

/** One clause of a framework and what in the catalog maps to it. */
export interface ClauseUse {
  clause: string;
  /** Safeguard ids that serve the clause, in catalog order. */
  safeguards: string[];
  /** Category ids that relate to the clause, in catalog order. */
  categories: string[];
}

/** A clause id's parts: runs of digits and runs of anything else, in turn. */
const CLAUSE_PARTS = /\d+|\D+/g;

/** A safeguard's or category's mappings as tags, `framework:clause` (`nist-ai-rmf:MEASURE 2.6`), in mapping order. */
export function mappingTags(mappings: Readonly<Record<string, readonly string[]>> | undefined): string[] {
  if (!mappings) return [];
  return Object.entries(mappings).flatMap(([framework, clauses]) => clauses.map((clause) => `${framework}:${clause}`));
}

/** Whether a part of a clause id is a run of digits: parts alternate, so its first character tells. */
function isNumber(part: string): boolean {
  return part[0]! >= '0' && part[0]! <= '9';
}

/**
 * Clause ids in reading order: runs of digits compare as numbers (MEASURE 2.10 after
 * MEASURE 2.9, Art. 50 after Art. 9), everything else as text, a space included. Two
 * ways of writing one number (`01`, `1`) are equal until the rest of the ids has been
 * compared; then the first such difference decides, as text, so that only equal ids
 * compare equal.
 */
export function compareClauses(a: string, b: string): number {
  const pa = a.match(CLAUSE_PARTS) ?? [];
  const pb = b.match(CLAUSE_PARTS) ?? [];
  let spelling = 0;
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (!isNumber(x) || !isNumber(y)) return x < y ? -1 : 1;
    const difference = Number(x) - Number(y);
    if (difference !== 0) return difference;
    if (spelling === 0) spelling = x < y ? -1 : 1;
  }
  return pa.length - pb.length || spelling;
}

/** Every clause of one framework that the catalog's safeguards or categories name, in clause order. */
export function clausesOf(catalog: Catalog, framework: string): ClauseUse[] {
  const byClause = new Map<string, ClauseUse>();
  const use = (clause: string) => {
    let entry = byClause.get(clause);
    if (!entry) byClause.set(clause, (entry = { clause, safeguards: [], categories: [] }));
    return entry;
  };
  // The slug is the user's text: an own-property check, so that "constructor" finds no mapping.
  const clausesIn = (mappings: Readonly<Record<string, readonly string[]>> | undefined) => (mappings && Object.hasOwn(mappings, framework) ? new Set(mappings[framework]) : []);
  for (const s of catalog.safeguards) for (const clause of clausesIn(s.mappings)) use(clause).safeguards.push(s.id);
  for (const c of catalog.categories) for (const clause of clausesIn(c.mappings)) use(clause).categories.push(c.id);
  return [...byClause.values()].sort((a, b) => compareClauses(a.clause, b.clause));
}
