import type { Bilingual, PlaceRef } from "../../core/incident.ts";
import type { TextFolder } from "../../core/normalize-text.ts";
import { SearchIndexBuilder, type SearchIndexFiles } from "../../core/search-index.ts";

/**
 * The incident table's search index made from the pipeline's store (see store-table.ts): each incident's own text as
 * the JSON bytes the store keeps, and its place and position as the fragments it shares with other incidents.
 * A sink takes the incidents in table order; the one here builds the index where it runs, and a Node build can
 * give the work to another thread instead (node/search-thread.ts), which runs this same sink on what it is sent.
 */

/** Where a sink finds a place or geo fragment's bytes (the store's fragment tables, or what a thread was sent). */
export interface StoreFragments {
  place(p: number): Uint8Array;
  geo(g: number): Uint8Array;
}

/** Takes each incident's searchable text, in table order, and gives the index's files at the end. */
export interface StoreSearchSink {
  /**
   * The next incident: its own text is the JSON of `bytes` from `at` to `to` (the store's text entry after its
   * first byte: `,"title":{…},"summary":{…}`; `bytes[at - 1]` is not a colon), its place and geo fragments `place`
   * and `geo`. The bytes are read during the call only.
   */
  record(bytes: Uint8Array, at: number, to: number, place: number, geo: number): void;
  finish(): SearchIndexFiles;
}

/**
 * Makes the sink a table is written with. `replay` feeds every incident again from the start, to a sink made
 * here: a sink that could not finish its work elsewhere (a thread that failed) finishes it with this.
 */
export type StoreSearchSinkFactory = (
  fragments: StoreFragments,
  options: { bucketBytes?: number; count: number },
  replay: (sink: StoreSearchSink) => void,
) => StoreSearchSink;

const QUOTE = 0x22;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const decoder = new TextDecoder();

/** A fragment (which starts with its comma) as the object of its members; `close` ends what it leaves open. */
export function fragmentObject<T>(bytes: Uint8Array, close = ""): T {
  return JSON.parse(`{${decoder.decode(bytes).slice(1)}${close}}`) as T;
}

/**
 * Folds the string values (strings after a colon) of the JSON members in `bytes` from `at` to `to`: the four texts
 * of `,"title":{"en":"…","ar":"…"},"summary":{"en":"…","ar":"…"}`, in that order, as foldOwnText folds them.
 */
export function foldStringValues(folder: TextFolder, bytes: Uint8Array, at: number, to: number): void {
  while (at < to) {
    if (bytes[at] !== QUOTE) {
      at++;
      continue;
    }
    const isValue = bytes[at - 1] === COLON;
    const start = ++at;
    while (bytes[at] !== QUOTE) at += bytes[at] === BACKSLASH ? 2 : 1;
    if (isValue) folder.addJsonString(bytes, start, at);
    at++;
  }
}

/** The search index built on this thread; a place's or position's tokens are folded once per fragment. */
export class StoreSearchIndex implements StoreSearchSink {
  private readonly builder: SearchIndexBuilder;
  private readonly placeTokens: (number[] | undefined)[] = [];
  private readonly geoTokens: (number[] | undefined)[] = [];
  private position = 0;

  constructor(
    private readonly fragments: StoreFragments,
    options: { bucketBytes?: number } = {},
  ) {
    this.builder = new SearchIndexBuilder({ bucketBytes: options.bucketBytes });
  }

  record(bytes: Uint8Array, at: number, to: number, place: number, geo: number): void {
    const builder = this.builder;
    foldStringValues(builder.startRecord(this.position++), bytes, at, to);
    builder.addTokens(this.placeTokensOf(place));
    builder.addTokens(this.geoTokensOf(geo));
    builder.endRecord();
  }

  finish(): SearchIndexFiles {
    return this.builder.finish();
  }

  private placeTokensOf(p: number): number[] {
    let tokens = this.placeTokens[p];
    if (tokens === undefined) {
      const { place } = fragmentObject<{ place: PlaceRef }>(this.fragments.place(p));
      tokens = this.builder.tokenIds([place.name.en, place.name.ar]);
      this.placeTokens[p] = tokens;
    }
    return tokens;
  }

  private geoTokensOf(g: number): number[] {
    let tokens = this.geoTokens[g];
    if (tokens === undefined) {
      const { position } = fragmentObject<{ position: Bilingual }>(this.fragments.geo(g));
      tokens = this.builder.tokenIds([position.en, position.ar]);
      this.geoTokens[g] = tokens;
    }
    return tokens;
  }
}

/** The default: the index built on the calling thread. */
export const searchOnThisThread: StoreSearchSinkFactory = (fragments, options) =>
  new StoreSearchIndex(fragments, options);
