/** Levenshtein distance, with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate and its distance, when it is close enough to be a likely typo. */
function findClosest(input: string, candidates: Iterable<string>): { candidate: string; distance: number } | undefined {
  const needle = input.toLowerCase();
  const max = Math.max(2, Math.floor(needle.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase(), best ? best.distance - 1 : max);
    if (d <= (best ? best.distance - 1 : max)) best = { candidate, distance: d };
  }
  return best;
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
