import { grownArray } from "./grown-array.ts";
import type { IncidentFeature } from "./incident.ts";
import { TextFolder } from "./normalize-text.ts";
import { PostingChains } from "./posting-chains.ts";

/**
 * The text search's index, built by `data:build` (issue #20), so that a search at 1M incidents needs neither the
 * incidents' text nor the detail shards.
 *
 * Semantics are those of the search before the table (test/reference/search-text.ts + feature-filter.ts): an incident matches when every
 * query term is a substring of its folded own text (titles, summaries, place, position; both languages) or of the
 * folded names and aliases of one of its actors (any role). Folded text is tokens separated by single spaces and a
 * term holds no space, so "the term is in the text" is "the term is in one of its tokens". The index therefore
 * keeps the distinct folded tokens (search-tokens.txt: sorted, one a line) and, per token, the positions whose own
 * text has it (postings: ascending, each the difference from the previous one as an LEB128 varint). A query scans
 * the token list for the term, reads the postings of the tokens that contain it, and ORs in the incidents of the
 * actors whose names contain it (from the table's actor lists). Actors are not in the token list: their names are
 * few and are folded in the browser from the table's dictionary.
 */

const INDEX_DEFAULTS = {
  bucketBytes: 1 << 20, // posting stream cut into files of about this size, at token boundaries: a query fetches few
};

/** What the builder hands over: the files' contents (see TABLE_FILES in incident-table.ts). */
export interface SearchIndexFiles {
  /** The distinct folded tokens, sorted (UTF-16 code unit order), joined by "\n". */
  tokensText: string;
  /** Byte offset of each token's postings in the posting stream, plus the stream's length (tokenCount + 1). */
  offsets: Uint32Array;
  /** The posting stream cut at token boundaries into buckets of about 1 MB. */
  buckets: Uint8Array[];
  /** Stream offset where each bucket starts, plus the stream's length (buckets.length + 1). */
  bucketStarts: number[];
}

/** Folds an incident's own searchable text (what a token comes from) into `folder`, as test/reference/search-text.ts did. */
export function foldOwnText(folder: TextFolder, feature: IncidentFeature): void {
  const p = feature.properties;
  folder.add(p.title.en);
  folder.add(p.title.ar);
  folder.add(p.summary.en);
  folder.add(p.summary.ar);
  folder.add(p.place.name.en);
  folder.add(p.place.name.ar);
  folder.add(p.position.en);
  folder.add(p.position.ar);
}

const unitDecoder = new TextDecoder("utf-16le");

/**
 * Builds the index one incident at a time, in position order. Memory stays proportional to the postings
 * themselves (PostingChains).
 * @example
 * const builder = new SearchIndexBuilder();
 * for (const [position, f] of features.entries()) builder.add(position, f);
 * const { tokensText, offsets, buckets } = builder.finish();
 */
export class SearchIndexBuilder {
  private readonly folder = new TextFolder();
  /** Folds the texts given to `tokenIds`, apart from the record's. */
  private readonly scratch = new TextFolder();
  private position = -1;
  // The distinct tokens, as folded code units one after another (each followed by a line break, which folding
  // never produces), found through an open-addressing hash table of token number + 1 (0: empty slot). Records are
  // split in place: no string is made for a token until `finish`, and none at all for a repeated one.
  private units = new Uint16Array(1 << 16);
  private unitsLength = 0;
  private slots = new Int32Array(1 << 12);
  private tokenCount = 0;
  private tokenStart = new Uint32Array(1024);
  private tokenLength = new Uint32Array(1024);
  private tokenHash = new Int32Array(1024);
  private readonly postings = new PostingChains();
  private lastPosition = -1;
  private readonly bucketBytes: number;

  /** `bucketBytes`: the posting buckets' size (default 1 MB; tests make it small to get several). */
  constructor(options: { bucketBytes?: number } = {}) {
    this.bucketBytes = options.bucketBytes ?? INDEX_DEFAULTS.bucketBytes;
  }

  /** Adds the own text of the incident at `position` (positions must come in ascending order). */
  add(position: number, feature: IncidentFeature): void {
    foldOwnText(this.startRecord(position), feature);
    this.endRecord();
  }

  /**
   * For a caller that has the incident's text without a feature (the pipeline's store): the folder to add the own
   * text of the incident at `position` to, field by field (with `addTokens` for fields it has as tokens already);
   * then `endRecord()`. Fields are separate: which order they come in does not change the index.
   */
  startRecord(position: number): TextFolder {
    if (position <= this.lastPosition) {
      throw new Error(
        `search index: position ${position} added after ${this.lastPosition}; add in ascending order`,
      );
    }
    this.lastPosition = position;
    this.position = position;
    this.folder.clear();
    return this.folder;
  }

  /** Adds tokens (numbers from `tokenIds`) to the record started last. */
  addTokens(tokens: readonly number[]): void {
    for (let k = 0; k < tokens.length; k++) this.addPosting(tokens[k] as number, this.position);
  }

  /** Ends the record started last: its folded text goes to the index. */
  endRecord(): void {
    const units = this.folder.units();
    this.splitTokens(units, (t) => this.addPosting(t, this.position));
    this.folder.clear();
  }

  /**
   * The token numbers of `texts` folded (each token once per text, in order): for text shared by many incidents
   * (a place's names), folded and looked up once, then added to each record with `addTokens`.
   */
  tokenIds(texts: readonly string[]): number[] {
    const ids: number[] = [];
    for (const text of texts) {
      this.scratch.clear();
      this.scratch.add(text);
      this.splitTokens(this.scratch.units(), (t) => ids.push(t));
    }
    return ids;
  }

  /** Calls `each` with the number of every token of folded text (tokens are separated by single spaces). */
  private splitTokens(units: Uint16Array, each: (t: number) => void): void {
    const n = units.length;
    let start = 0;
    for (let i = 0; i <= n; i++) {
      if (i < n && units[i] !== 0x20) continue;
      if (i > start) each(this.tokenOf(units, start, i));
      start = i + 1;
    }
  }

  /** The number of the token in units `from`–`to`, a new one if it was never seen. */
  private tokenOf(units: Uint16Array, from: number, to: number): number {
    // A lone surrogate becomes U+FFFD, as decoding the folded text to a string always did: tokens that differ only
    // there are one token.
    let h = 0x811c9dc5 | 0;
    for (let i = from; i < to; i++) {
      let c = units[i] as number;
      if (c >= 0xd800 && c <= 0xdfff) {
        const paired =
          c <= 0xdbff
            ? i + 1 < to && (units[i + 1] as number) >= 0xdc00 && (units[i + 1] as number) <= 0xdfff
            : i > from && (units[i - 1] as number) >= 0xd800 && (units[i - 1] as number) <= 0xdbff;
        if (!paired) {
          c = 0xfffd;
          units[i] = c;
        }
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    const length = to - from;
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const found = (this.slots[slot] as number) - 1;
      if (found === -1) {
        const t = this.newToken(units, from, to, h);
        this.slots[slot] = t + 1;
        if (this.tokenCount * 2 > this.slots.length) this.rehash();
        return t;
      }
      if (this.tokenHash[found] === h && this.tokenLength[found] === length) {
        const start = this.tokenStart[found] as number;
        let same = true;
        for (let k = 0; k < length && same; k++) same = this.units[start + k] === units[from + k];
        if (same) return found;
      }
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let t = 0; t < this.tokenCount; t++) {
      let slot = (this.tokenHash[t] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = t + 1;
    }
    this.slots = slots;
  }

  private addPosting(t: number, position: number): void {
    this.postings.add(t, position);
  }

  private newToken(units: Uint16Array, from: number, to: number, hash: number): number {
    const t = this.tokenCount++;
    if (t === this.tokenStart.length) this.grow();
    const length = to - from;
    if (this.unitsLength + length + 1 > this.units.length) {
      const grown = new Uint16Array(Math.max(this.units.length * 2, this.unitsLength + length + 1));
      grown.set(this.units.subarray(0, this.unitsLength));
      this.units = grown;
    }
    this.units.set(units.subarray(from, to), this.unitsLength);
    this.tokenStart[t] = this.unitsLength;
    this.tokenLength[t] = length;
    this.tokenHash[t] = hash;
    this.unitsLength += length;
    this.units[this.unitsLength++] = 0x0a;
    this.postings.open(t);
    return t;
  }

  private grow(): void {
    const n = this.tokenStart.length * 2;
    const grown = <T extends Uint32Array | Int32Array>(a: T): T => grownArray(a, n);
    this.tokenStart = grown(this.tokenStart);
    this.tokenLength = grown(this.tokenLength);
    this.tokenHash = grown(this.tokenHash);
  }

  /** The index's files. The builder is spent afterwards. */
  finish(): SearchIndexFiles {
    const count = this.tokenCount;
    this.slots = new Int32Array(0);
    // Sorted as strings sort (by UTF-16 code unit), compared where they are: no string per token.
    const units = this.units;
    const tokenStart = this.tokenStart;
    const tokenLength = this.tokenLength;
    const order = new Int32Array(count);
    for (let t = 0; t < count; t++) order[t] = t;
    order.sort((a, b) => {
      const x = tokenStart[a] as number;
      const y = tokenStart[b] as number;
      const n = Math.min(tokenLength[a] as number, tokenLength[b] as number);
      for (let k = 0; k < n; k++) {
        const d = (units[x + k] as number) - (units[y + k] as number);
        if (d !== 0) return d;
      }
      return (tokenLength[a] as number) - (tokenLength[b] as number);
    });
    // The token list: each token and its line break (the last one's left off), in order, decoded once.
    const sorted = new Uint16Array(this.unitsLength);
    let at = 0;
    for (let k = 0; k < count; k++) {
      const t = order[k] as number;
      const start = tokenStart[t] as number;
      const end = start + (tokenLength[t] as number) + 1;
      sorted.set(units.subarray(start, end), at);
      at += end - start;
    }
    const tokensText = unitDecoder.decode(sorted.subarray(0, Math.max(0, at - 1)));
    this.units = new Uint16Array(0);
    const offsets = new Uint32Array(count + 1);
    const bucketStarts: number[] = [0];
    let length = 0;
    let bucketStart = 0;
    for (let k = 0; k < count; k++) {
      if (length - bucketStart >= this.bucketBytes) {
        bucketStart = length;
        bucketStarts.push(length);
      }
      offsets[k] = length;
      length += this.postings.length(order[k] as number);
      if (length > 0xffffffff) throw new Error("search index: the posting stream passes 4 GB");
    }
    offsets[count] = length;
    bucketStarts.push(length);
    const buckets = bucketStarts
      .slice(0, -1)
      .map((s, b) => new Uint8Array((bucketStarts[b + 1] as number) - s));
    let b = 0;
    for (let k = 0; k < count; k++) {
      while ((offsets[k] as number) >= (bucketStarts[b + 1] as number) && b < buckets.length - 1) b++;
      this.postings.copy(
        order[k] as number,
        buckets[b] as Uint8Array,
        (offsets[k] as number) - (bucketStarts[b] as number),
      );
    }
    this.postings.release();
    return { tokensText, offsets, buckets, bucketStarts };
  }
}
