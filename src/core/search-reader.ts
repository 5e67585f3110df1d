import type { IncidentTable } from "./incident-table.ts";
import { TextFolder } from "./normalize-text.ts";

/**
 * Reads the text search's index (see search-index.ts for what it holds and the search's semantics): a query scans
 * the token list for each term, reads the postings of the tokens that contain it, and ORs in the incidents of the
 * actors whose names contain it.
 */

/** What the reader needs of the index: the token list and offsets, and a way to fetch a posting bucket. */
export interface SearchIndexSource {
  tokensText: string;
  offsets: Uint32Array;
  loadBucket(b: number): Promise<Uint8Array>;
}

export interface SearchReader {
  /** 1 for each position whose text or actors contain every term (folded, as `searchTerms` gives them), else 0. */
  match(terms: string[]): Promise<Uint8Array>;
}

/**
 * Answers text queries from the index and the table. Fetches only the posting buckets of the tokens that contain
 * a term, and keeps the ones it fetched.
 * @example
 * const reader = createSearchReader(table, { tokensText, offsets, loadBucket: (b) => fetchBytes(`search-${b}.bin`) });
 * const match = await reader.match(searchTerms("sdf raqqa")); // match[position] === 1 for each hit
 */
export function createSearchReader(table: IncidentTable, files: SearchIndexSource): SearchReader {
  const { tokensText, offsets } = files;
  const bucketStarts = table.search.bucketStarts;
  // Where each token starts in tokensText (one pass over the text; no string per token).
  const tokenCount = offsets.length - 1;
  const tokenStarts = new Uint32Array(tokenCount + 1);
  if (tokenCount > 0) {
    let t = 1;
    for (let i = tokensText.indexOf("\n"); i !== -1 && t < tokenCount; i = tokensText.indexOf("\n", i + 1)) {
      tokenStarts[t++] = i + 1;
    }
    if (t !== tokenCount) {
      throw new Error(
        `the search index lists ${t} tokens but its offsets expect ${tokenCount}: rebuild the data with npm run data:build`,
      );
    }
  }
  tokenStarts[tokenCount] = tokensText.length + 1;
  const buckets = new Map<number, Promise<Uint8Array>>();
  const bucket = (b: number): Promise<Uint8Array> => {
    let loading = buckets.get(b);
    if (!loading) {
      loading = files.loadBucket(b);
      buckets.set(b, loading);
      // A failed download may be tried again by the next query.
      loading.catch(() => buckets.delete(b));
    }
    return loading;
  };
  let actorTexts: string[] | null = null;

  /** Tokens (by index) containing `term`: each hit of indexOf is mapped to its token, then the scan skips to the next. */
  const tokensContaining = (term: string): number[] => {
    const found: number[] = [];
    let t = 0;
    for (let at = tokensText.indexOf(term); at !== -1; ) {
      // tokenStarts is ascending: move t forward to the token holding `at` (a galloping step keeps it short).
      let lo = t;
      let hi = tokenCount - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((tokenStarts[mid] as number) <= at) lo = mid;
        else hi = mid - 1;
      }
      t = lo;
      found.push(t);
      t++;
      if (t >= tokenCount) break;
      at = tokensText.indexOf(term, tokenStarts[t] as number);
    }
    return found;
  };

  const markPostings = async (tokens: number[], into: Uint8Array): Promise<void> => {
    const needed = new Set<number>();
    for (const t of tokens) {
      if (offsets[t] === offsets[t + 1]) continue;
      needed.add(bucketOf(bucketStarts, offsets[t] as number));
    }
    const loaded = new Map<number, Uint8Array>();
    await Promise.all([...needed].map(async (b) => loaded.set(b, await bucket(b))));
    for (const t of tokens) {
      const from = offsets[t] as number;
      const to = offsets[t + 1] as number;
      if (from === to) continue;
      const b = bucketOf(bucketStarts, from);
      const bytes = loaded.get(b) as Uint8Array;
      const base = bucketStarts[b] as number;
      let position = 0;
      for (let i = from - base, end = to - base; i < end; ) {
        let delta = 0;
        let shift = 0;
        let byte: number;
        do {
          byte = bytes[i++] as number;
          delta += (byte & 0x7f) * 2 ** shift;
          shift += 7;
        } while (byte >= 0x80);
        position += delta;
        into[position] = 1;
      }
    }
  };

  const markActors = (term: string, into: Uint8Array): void => {
    actorTexts ??= table.meta.actors.map((actor) => {
      const folder = new TextFolder();
      folder.add(actor.name.en);
      folder.add(actor.name.ar);
      for (const alias of actor.aliases ?? []) folder.add(alias);
      return folder.take();
    });
    const mask = new Uint8Array(actorTexts.length);
    let any = false;
    actorTexts.forEach((text, code) => {
      if (text.includes(term)) {
        mask[code] = 1;
        any = true;
      }
    });
    if (!any) return;
    const { offsets: rows, codes } = table.actors;
    for (let p = 0; p < table.count; p++) {
      if (into[p] === 1) continue;
      const to = rows[p + 1] as number;
      for (let k = rows[p] as number; k < to; k++) {
        if (mask[codes[k] as number] === 1) {
          into[p] = 1;
          break;
        }
      }
    }
  };

  return {
    async match(terms: string[]): Promise<Uint8Array> {
      const n = table.count;
      const result = new Uint8Array(n);
      if (terms.length === 0) return result.fill(1);
      // matched[p] counts the leading terms position p has matched so far.
      const matched = new Uint16Array(n);
      const hit = new Uint8Array(n);
      for (let k = 0; k < terms.length; k++) {
        const term = terms[k] as string;
        hit.fill(0);
        await markPostings(tokensContaining(term), hit);
        markActors(term, hit);
        for (let p = 0; p < n; p++) if (hit[p] === 1 && matched[p] === k) matched[p] = k + 1;
      }
      for (let p = 0; p < n; p++) result[p] = matched[p] === terms.length ? 1 : 0;
      return result;
    },
  };
}

/** The bucket holding stream offset `at`: the last b with bucketStarts[b] ≤ at. */
function bucketOf(bucketStarts: readonly number[], at: number): number {
  let lo = 0;
  let hi = bucketStarts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((bucketStarts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
