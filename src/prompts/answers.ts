import { ISO_DATE_PATTERN, SLUG_PATTERN } from '../schema/common.js';

/*
 * Small pure helpers that turn answers into file values, shared by the
 * question modules. An answer left empty means the key is absent, and an
 * unchanged answer gives back exactly what the file had.
 */

export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') return fallback;
  if (slug.length <= 48) return slug;
  // Cut at a word boundary where there is one.
  const cut = slug.slice(0, 48);
  return slug[48] === '-' || !cut.includes('-') ? cut : cut.slice(0, cut.lastIndexOf('-'));
}

export function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let i = 2; ; i++) if (!taken.has(`${slug}-${i}`)) return `${slug}-${i}`;
}

/** The same calendar day `months` later, or the last day of that month when it is shorter. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** Keeps the items of `prev` still chosen in their order, then the new ones: an unchanged answer gives an unchanged list. */
export function keepOrder<T>(prev: readonly T[], chosen: readonly T[]): T[] {
  const kept = prev.filter((p) => chosen.includes(p));
  return unique([...kept, ...chosen.filter((c) => !prev.includes(c))]);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** An empty answer leaves an optional text out, unless the file had it empty. */
export function optionalText(prev: string | undefined, answer: string): string | undefined {
  return answer === '' ? (prev === '' ? '' : undefined) : answer;
}

/** An empty list is left out, unless the file wrote it out empty. */
export function optionalList<T>(prev: readonly T[] | undefined, next: T[]): T[] | undefined {
  return next.length > 0 ? next : prev && prev.length === 0 ? [] : undefined;
}

/** Drops undefined values so that an answer left empty means the key is absent. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function requireText(value: string): true | string {
  return value.trim() === '' ? 'Please answer: this one is required.' : true;
}

export function validateSlug(value: string): true | string {
  return SLUG_PATTERN.test(value) ? true : 'Use lower-case letters, digits and hyphens, starting with a letter or digit.';
}

export function validateDate(value: string): true | string {
  return ISO_DATE_PATTERN.test(value) ? true : 'Use a real date in the form YYYY-MM-DD.';
}
