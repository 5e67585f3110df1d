/** Edit distance (insert, delete, substitute), stopping early once it exceeds `max`. */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

// Beyond this many candidates a suggestion is not worth the time (a typo'd incident id among 1M).
const MAX_CANDIDATES = 20_000;

/**
 * The closest candidate within a third of the value's length (at least 1, at most 3 edits), or null.
 * Case is ignored, so "Title_EN" suggests "title_en".
 * @example didYouMean("titel_en", ["title_en", "title_ar"]) // "title_en"
 */
export function didYouMean(value: string, candidates: Iterable<string>): string | null {
  const v = value.toLowerCase();
  const max = Math.min(3, Math.max(1, Math.floor(v.length / 3)));
  let best: string | null = null;
  let bestDistance = max + 1;
  let seen = 0;
  for (const c of candidates) {
    if (++seen > MAX_CANDIDATES) break;
    const d = levenshtein(v, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
