import {
  AGGREGATE_DEFAULTS,
  aggregateView,
  type MapFeatures,
  type MapViewRequest,
} from "../core/aggregate.ts";
import { buildCellIndex, type CellIndex } from "../core/cell-index.ts";
import { decodeCore, decodeRelations } from "../core/decode-table.ts";
import { describeTableCaption, type ViewCaption } from "../core/describe-view.ts";
import { type CoreTable, type IncidentTable, TABLE_FILES, type TableHeader } from "../core/incident-table.ts";
import { searchTerms } from "../core/normalize-text.ts";
import { createSearchReader } from "../core/search-reader.ts";
import { filterTable, needsRelations, type TableCodes, tableCodesOf } from "../core/table-filter.ts";
import { checkTableHeader } from "../core/table-header.ts";
import { type TimelineAnswer, timelineOf } from "../core/timeline.ts";
import type { Filters, Lang } from "../core/view-state.ts";

/**
 * What answers the app's questions about the incidents: it owns the table's columns and the search index,
 * and says which incidents pass the filter and what the map should draw for a view. It runs in the data
 * worker (data.worker.ts) in the browser and in-process in tests; it knows nothing of the page.
 */

/** Reads a file of the table folder by name; rejects with a message naming the file. */
export type FetchFile = (name: string, onProgress?: (loaded: number) => void) => Promise<ArrayBuffer>;

export interface FilterAnswer {
  /** Positions passing the filters, ascending (date order). */
  visible: Uint32Array;
  /**
   * The timeline's bars: the same filter without its date range (what a brush could choose from), binned over
   * the table's whole span. Binned here, so the page gets a few hundred numbers, not up to every position.
   */
  timeline: TimelineAnswer;
  /** What the map draws of them for the view asked with the filter (null when none was). */
  map: MapFeatures | null;
}

const NOTHING = new Uint32Array(0);

export class TableEngine {
  private readonly codes: TableCodes;
  private search: ReturnType<typeof createSearchReader> | null = null;
  private searchLoading: Promise<ReturnType<typeof createSearchReader>> | null = null;
  private lastTerms = "";
  private lastMatch: Uint8Array | null = null;
  private lastTimeline: { key: string; timeline: TimelineAnswer } | null = null;
  /** The latest filter's answer (a map view waits for it, so it never draws an older filter). */
  private current: Promise<Omit<FilterAnswer, "map">>;
  /** The latest answer's incidents binned by cell, for the pans and zooms that follow it (built on demand). */
  private cellIndex: CellIndex | null = null;

  /** The table with its relations, once relations.bin is loaded (withRelations). */
  private full: IncidentTable | null = null;
  private relationsLoading: Promise<IncidentTable> | null = null;

  private constructor(
    readonly table: CoreTable,
    private readonly header: TableHeader,
    private readonly fetchFile: FetchFile,
  ) {
    this.codes = tableCodesOf(table);
    const all = new Uint32Array(table.count);
    for (let p = 0; p < all.length; p++) all[p] = p;
    this.current = Promise.resolve({ visible: all, timeline: this.binned(all) });
  }

  /**
   * Fetches and decodes the table (header, then columns). `onProgress(loaded, total)` follows the columns'
   * download, the large part.
   */
  static async open(
    fetchFile: FetchFile,
    onProgress: (loaded: number, total: number) => void = () => undefined,
  ): Promise<TableEngine> {
    const headerBytes = await fetchFile(TABLE_FILES.header);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(headerBytes));
    } catch {
      throw new Error(
        `${TABLE_FILES.header} is not valid JSON (a truncated or damaged upload?): rebuild the data with npm run data:build and deploy it again`,
      );
    }
    const header = checkTableHeader(json);
    const bin = await fetchFile(TABLE_FILES.columns, (loaded) => onProgress(loaded, header.bytes));
    // The relations (relations.bin) are fetched when a filter first needs them, or on prepareRelations.
    return new TableEngine(decodeCore(header, bin), header, fetchFile);
  }

  /**
   * Positions passing `filters`, the same without the date range, and, when `view` is given, what the map draws
   * for it: one answer, so the count, the list, the timeline and the map change together.
   */
  async filter(filters: Filters, view: MapViewRequest | null = null): Promise<FilterAnswer> {
    const answer = this.answer(filters);
    // A failed text search must not block later map views; the caller sees the rejection.
    this.current = answer.catch(() => ({ visible: NOTHING, timeline: this.binned(NOTHING) }));
    const { visible, timeline } = await answer;
    return { visible, timeline, map: view ? aggregateView(this.table, visible, view) : null };
  }

  /** The timeline's bars for these positions, over the table's whole span. */
  binned(positions: Uint32Array): TimelineAnswer {
    return timelineOf(this.table, positions, { start: this.table.minDay, end: this.table.maxDay });
  }

  private async answer(filters: Filters): Promise<Omit<FilterAnswer, "map">> {
    const terms = searchTerms(filters.q);
    const table = needsRelations(filters, terms) ? await this.withRelations() : this.table;
    const match = terms.length === 0 ? null : await this.textMatch(terms);
    const visible = filterTable(table, this.codes, filters, match);
    return { visible, timeline: this.timelineFor(table, filters, match, visible) };
  }

  /**
   * The caption of an exported image of the latest answer (its types, dates and the outlets its claims cite), in
   * `lang`: made here, where the sources of each incident are.
   */
  async caption(filters: Filters, lang: Lang): Promise<ViewCaption> {
    const [table, { visible }] = await Promise.all([this.withRelations(), this.current]);
    return describeTableCaption(table, visible, filters, lang);
  }

  /** Fetches relations.bin now rather than at the first filter by actor, source or text (after first render). */
  prepareRelations(): void {
    // A failure here is not the reader's: the filter that needs them fetches again and reports its own failure.
    this.withRelations().catch(() => undefined);
  }

  /** The table with its relations: relations.bin fetched and decoded once. */
  private withRelations(): Promise<IncidentTable> {
    if (this.full) return Promise.resolve(this.full);
    this.relationsLoading ??= (async () => {
      const bin = await this.fetchFile(TABLE_FILES.relations);
      this.full = { ...this.table, ...decodeRelations(this.header, bin) };
      return this.full;
    })();
    // A failed download may be retried by the next filter that needs it.
    this.relationsLoading.catch(() => {
      this.relationsLoading = null;
    });
    return this.relationsLoading;
  }

  /**
   * The timeline's bars for `filters` without their dates. Moving the brush changes only the dates, so the bars
   * of the last answer are reused: a brush drag then costs a scan of its own range, not of the whole table.
   */
  private timelineFor(
    table: CoreTable,
    filters: Filters,
    match: Uint8Array | null,
    visible: Uint32Array,
  ): TimelineAnswer {
    const undatedFilters = { ...filters, from: null, to: null };
    const key = JSON.stringify(undatedFilters);
    if (this.lastTimeline?.key === key) return this.lastTimeline.timeline;
    const dated = filters.from !== null || filters.to !== null;
    const undated = dated ? filterTable(table, this.codes, undatedFilters, match) : visible;
    const timeline = this.binned(undated);
    this.lastTimeline = { key, timeline };
    return timeline;
  }

  /** What to draw for `request`, from the latest filter's incidents. */
  async mapView(request: MapViewRequest): Promise<MapFeatures> {
    const { visible } = await this.current;
    return aggregateView(this.table, visible, request, {}, this.cellIndexOf(visible));
  }

  /**
   * Bins the latest answer's incidents by cell ahead of the reader's next pan or zoom (the worker calls it once
   * the filter has stopped changing), so that even the first one is answered from the cells.
   */
  async prepareMapViews(): Promise<void> {
    const { visible } = await this.current;
    this.cellIndexOf(visible);
  }

  private cellIndexOf(visible: Uint32Array): CellIndex | null {
    if (visible.length <= AGGREGATE_DEFAULTS.membersUpTo) return null; // one pass is as quick, and names members
    if (this.cellIndex?.visible !== visible) this.cellIndex = buildCellIndex(this.table, visible);
    return this.cellIndex;
  }

  private async textMatch(terms: string[]): Promise<Uint8Array> {
    const key = terms.join(" ");
    if (key === this.lastTerms && this.lastMatch) return this.lastMatch;
    const reader = await this.searchReader();
    const match = await reader.match(terms);
    this.lastTerms = key;
    this.lastMatch = match;
    return match;
  }

  /**
   * Fetches the search index's dictionary ahead of the first text search (a reader about to search: the box has
   * focus, or the page is idle after first render), so that search waits only for the postings it needs.
   */
  prepareSearch(): void {
    // A failure here is not the reader's: the first search fetches again and reports its own failure.
    this.searchReader().catch(() => undefined);
  }

  /** The search index's dictionary, fetched on the first text search or prepareSearch (postings bucket by bucket). */
  private searchReader(): Promise<ReturnType<typeof createSearchReader>> {
    if (this.search) return Promise.resolve(this.search);
    this.searchLoading ??= (async () => {
      const [tokens, offsets, table] = await Promise.all([
        this.fetchFile(TABLE_FILES.searchTokens),
        this.fetchFile(TABLE_FILES.searchOffsets),
        this.withRelations(),
      ]);
      this.search = createSearchReader(table, {
        tokensText: new TextDecoder().decode(tokens),
        offsets: new Uint32Array(offsets),
        loadBucket: async (b) => new Uint8Array(await this.fetchFile(TABLE_FILES.searchBucket(b))),
      });
      return this.search;
    })();
    // A failed download may be retried by the next search.
    this.searchLoading.catch(() => {
      this.searchLoading = null;
    });
    return this.searchLoading;
  }
}
