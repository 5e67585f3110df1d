/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring letters ("sfd" → "sdf"
 * is 1), the optimal-string-alignment variant of Damerau–Levenshtein. Stops early once the distance exceeds `max`.
 * @example editDistance("titel_en", "title_en") // 1
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (before[j - 2] as number) + 1);
      }
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

// Beyond this many candidates a suggestion is not worth the time (a mistyped incident id among 1M).
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
    const d = editDistance(v, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
