// Two rows of the edit-distance table, reused by every call (ids are short; they grow when needed).
let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/** Levenshtein distance, with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (prevRow.length <= b.length) {
    prevRow = new Int32Array(b.length + 1);
    curRow = new Int32Array(b.length + 1);
  }
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const done = prev;
    prev = cur;
    cur = done;
  }
  return prev[b.length]!;
}

/** Which of `lower` (candidates in lower case) is closest to `needle`, when close enough to be a likely typo; the first on a tie. */
function closestIndex(needle: string, lower: readonly string[]): { index: number; distance: number } | undefined {
  const max = Math.max(2, Math.floor(needle.length / 3));
  let best: { index: number; distance: number } | undefined;
  for (let i = 0; i < lower.length; i++) {
    const limit = best ? best.distance - 1 : max;
    const d = editDistance(needle, lower[i]!, limit);
    if (d <= limit) best = { index: i, distance: d };
  }
  return best;
}

/** The closest candidate and its distance, when it is close enough to be a likely typo. */
function findClosest(input: string, candidates: Iterable<string>): { candidate: string; distance: number } | undefined {
  const list = [...candidates];
  const hit = closestIndex(input.toLowerCase(), list.map((c) => c.toLowerCase()));
  return hit && { candidate: list[hit.index]!, distance: hit.distance };
}

/** The closest candidate when it is close enough to be a likely typo. */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  return findClosest(input, candidates)?.candidate;
}

/**
 * The closest of qualified ids such as "product.human-confirmation": by the whole
 * id, or by the part after the dot, which people often type alone. The nearer of
 * the two wins; on a tie, the whole id.
 */
export function suggestId(input: string, ids: Iterable<string>): string | undefined {
  const all = [...ids];
  const byName = new Map<string, string>();
  for (const id of all) {
    const dot = id.indexOf('.');
    if (dot >= 0 && !byName.has(id.slice(dot + 1))) byName.set(id.slice(dot + 1), id);
  }
  const whole = findClosest(input, all);
  const name = findClosest(input.slice(input.indexOf('.') + 1), byName.keys());
  if (name && (!whole || name.distance < whole.distance)) return byName.get(name.candidate);
  return whole?.candidate;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const hit = suggest(input, candidates);
  return hit ? ` Did you mean "${hit}"?` : '';
}

/** Unknown ids remembered per index: a renamed id repeated in every file is looked up once. */
const CACHE_LIMIT = 10_000;

/**
 * "Did you mean" over one fixed set of ids (a catalog's safeguards, say), built
 * once: the ids are lowered once, and each unknown id's answer is remembered, so
 * a run where thousands of files name the same unknown id compares it with the
 * catalog once. Answers are those of `didYouMean`.
 */
export class SuggestionIndex {
  private readonly ids: readonly string[];
  private readonly lower: readonly string[];
  private readonly answers = new Map<string, string>();

  constructor(candidates: Iterable<string>) {
    this.ids = [...candidates];
    this.lower = this.ids.map((id) => id.toLowerCase());
  }

  /** ` Did you mean "…"?`, or '' when no id is close. */
  didYouMean(input: string): string {
    let answer = this.answers.get(input);
    if (answer === undefined) {
      const hit = closestIndex(input.toLowerCase(), this.lower);
      const id = hit === undefined ? undefined : this.ids[hit.index];
      answer = id ? ` Did you mean "${id}"?` : '';
      // A run naming more distinct unknown ids than this starts over rather than grow without bound.
      if (this.answers.size >= CACHE_LIMIT) this.answers.clear();
      this.answers.set(input, answer);
    }
    return answer;
  }
}
