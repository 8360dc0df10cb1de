import type { HarmReport, Recommendation } from '../schema/output.js';
import type { Paint } from './text.js';
import type { WaiverNote } from './types.js';

/**
 * The safeguards of a report as people read them, in both the table and the
 * Markdown report: grouped by what they ask of the reader, one entry per
 * safeguard and group, listing the harms it stands for.
 */

export type SafeguardGroupId = 'missing' | 'pending' | 'waived' | 'recommended' | 'optional' | 'inPlace';

export const SAFEGUARD_GROUPS: ReadonlyArray<{ id: SafeguardGroupId; title: string; mark: string; style: (p: Paint) => (text: string) => string }> = [
  { id: 'missing', title: 'Required and missing', mark: '✗', style: (p) => p.red },
  { id: 'pending', title: 'Required and pending', mark: '○', style: (p) => p.yellow },
  { id: 'waived', title: 'Required and waived', mark: '⊘', style: (p) => p.magenta },
  { id: 'recommended', title: 'Recommended', mark: '+', style: (p) => p.cyan },
  { id: 'optional', title: 'Optional, not in place', mark: '○', style: (p) => p.dim },
  { id: 'inPlace', title: 'In place', mark: '✓', style: (p) => p.green },
];

export const STATUS_WORDS: Record<Recommendation['status'], string> = {
  missing: 'not declared',
  planned: 'planned',
  in_progress: 'in progress',
  implemented: 'implemented',
  not_applicable: 'not applicable',
};

/**
 * Which group a recommendation belongs to. A waiver sets a requirement aside for
 * a while; it does not put the safeguard in place, so it has a group of its own.
 */
export function classifyRecommendation(rec: Recommendation): SafeguardGroupId {
  if (rec.status === 'implemented') return 'inPlace';
  if (rec.waived) return 'waived';
  if (rec.required) return rec.status === 'missing' ? 'missing' : 'pending';
  return rec.status === 'missing' ? 'recommended' : 'optional';
}

/** When each harm's waiver of a safeguard ends: harm id → safeguard id → the latest `expires`. */
export type WaiverExpiries = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * The last day of each waiver pair. Of several waivers for one pair, the latest
 * expiry is the one that counts: a waived recommendation has at least one
 * unexpired waiver, and the latest of them is unexpired too.
 */
export function indexWaiverExpiries(waivers: readonly WaiverNote[] = []): WaiverExpiries {
  const byHarm = new Map<string, Map<string, string>>();
  for (const { harm, safeguard, expires } of waivers) {
    let bySafeguard = byHarm.get(harm);
    if (!bySafeguard) byHarm.set(harm, (bySafeguard = new Map()));
    const known = bySafeguard.get(safeguard);
    if (known === undefined || expires > known) bySafeguard.set(safeguard, expires);
  }
  return byHarm;
}

/** What to say next to a harm id under a heading, when the heading alone does not tell. */
function noteRecommendation(rec: Recommendation, group: SafeguardGroupId, harmId: string, expiries: WaiverExpiries): string | undefined {
  if (group === 'waived') {
    const expires = expiries.get(harmId)?.get(rec.safeguard);
    return `${STATUS_WORDS[rec.status]}, waived${expires ? ` until ${expires}` : ''}`;
  }
  if (group === 'pending' || group === 'optional') return STATUS_WORDS[rec.status];
  return undefined;
}

export interface SafeguardEntry {
  id: string;
  title: string;
  harms: Array<{ id: string; note?: string }>;
  reasons: string[];
}

/** Recommendations of every harm, one entry per safeguard and group, harms listed in file order. */
export function groupSafeguards(harms: readonly HarmReport[], expiries: WaiverExpiries = new Map()): Map<SafeguardGroupId, SafeguardEntry[]> {
  const byGroup = new Map<SafeguardGroupId, Map<string, SafeguardEntry>>();
  for (const harm of harms) {
    for (const rec of harm.recommendations) {
      const group = classifyRecommendation(rec);
      let entries = byGroup.get(group);
      if (!entries) byGroup.set(group, (entries = new Map()));
      let entry = entries.get(rec.safeguard);
      if (!entry) entries.set(rec.safeguard, (entry = { id: rec.safeguard, title: rec.title, harms: [], reasons: [] }));
      const note = noteRecommendation(rec, group, harm.id, expiries);
      entry.harms.push(note ? { id: harm.id, note } : { id: harm.id });
      for (const reason of rec.reasons) entry.reasons.push(reason);
    }
  }
  const out = new Map<SafeguardGroupId, SafeguardEntry[]>();
  for (const { id } of SAFEGUARD_GROUPS) {
    const entries = byGroup.get(id);
    if (!entries) continue;
    const sorted = [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.set(id, sorted.map((e) => ({ ...e, reasons: mergeReasons(e.reasons) })));
  }
  return out;
}

/** A harm's own numbers in a reason, e.g. "inherent risk medium (5.5)". */
const HARM_NUMBER = /\s*\(\d+(?:\.\d+)?\)/g;

/**
 * The reasons of one safeguard over several harms, each said once. Reasons
 * that differ only in a harm's own numbers are merged and said without them.
 */
export function mergeReasons(reasons: readonly string[]): string[] {
  const byKey = new Map<string, Set<string>>();
  for (const reason of reasons) {
    const key = reason.replace(HARM_NUMBER, '');
    const same = byKey.get(key) ?? new Set<string>();
    same.add(reason);
    byKey.set(key, same);
  }
  return [...byKey].map(([key, same]) => (same.size === 1 ? [...same][0] ?? key : key));
}

/** "all 4 harms" when a safeguard stands the same for every harm of the report, else undefined. */
export function describeAllHarms(entry: SafeguardEntry, totalHarms: number): string | undefined {
  if (totalHarms < 2 || entry.harms.length !== totalHarms) return undefined;
  const notes = new Set(entry.harms.map((h) => h.note));
  if (notes.size !== 1) return undefined;
  const [note] = notes;
  return `all ${totalHarms} harms${note ? ` (${note})` : ''}`;
}

/** The harms of an entry in words, each with its note: "a (planned), b". */
export function describeHarms(entry: SafeguardEntry, totalHarms: number, formatId: (id: string) => string = (id) => id): string {
  return describeAllHarms(entry, totalHarms) ?? entry.harms.map((h) => (h.note ? `${formatId(h.id)} (${h.note})` : formatId(h.id))).join(', ');
}
