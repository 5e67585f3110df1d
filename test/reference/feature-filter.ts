import { isoDayToDayNumber } from "../../src/core/day-number.ts";
import { isApproximate } from "../../src/core/format.ts";
import type { CollectionMeta, IncidentFeature } from "../../src/core/incident.ts";
import { searchTerms } from "../../src/core/normalize-text.ts";
import type { ActorRole, Filters } from "../../src/core/view-state.ts";
import { createSearchText, markRecordsContaining, type SearchText } from "./search-text.ts";

/**
 * THE REFERENCE, not the app's code: the filter as the app ran it over feature objects before the incident table
 * (issue #20). Kept here, unchanged in what it decides, as an independent implementation the table's filter
 * (src/core/table-filter.ts) and search index (src/core/search-index.ts) are tested against.
 *
 * Originally: the one filter implementation (issue #5). The map, the list, the timeline and the count are all views
 * of `filterIncidents`' result, so they cannot disagree.
 *
 * Incidents are held as typed columns in date order ("positions"), because a scan over typed arrays is
 * ~5× faster than `Array.filter` over feature objects, and the date range becomes two binary searches:
 *
 *   position p → feature index  order[p]
 *   dates                       start[p], end[p]        (days since 1970, Int32)
 *   event type, governorate     typeCode[p], govCode[p] (Uint16; governorate 0 = none)
 *   actors per role, sources    CSR lists: values[offsets[p] .. offsets[p + 1]) (Uint32 codes)
 *   text                        folded text by feature (search-text.ts), built on the first text search
 *
 * Semantics (documented in Filters): every active filter must match (AND); within a list filter any of the
 * chosen values may match (OR). A date range keeps an incident whose span [date_start, date_end] overlaps it.
 */

/** Compressed sparse rows: the codes of position p are `values[offsets[p]]` … `values[offsets[p + 1] - 1]`. */
export interface CodeLists {
  offsets: Uint32Array;
  values: Uint32Array;
}

export interface IncidentIndex {
  features: readonly IncidentFeature[];
  /** Number of incidents. */
  size: number;
  /** First and last day of each incident's span, in days since 1970, indexed by FEATURE index. */
  dayStart: Int32Array;
  dayEnd: Int32Array;
  /** What the map draws, indexed by FEATURE index: position, event type code, approximate flag, radius. */
  lon: Float64Array;
  lat: Float64Array;
  featureType: Uint16Array;
  /** 1 when the location is approximate (drawn as a ring with an uncertainty circle). */
  approximate: Uint8Array;
  radiusKm: Float32Array;
  /** Earliest start and latest end over all incidents (days since 1970); 0 when there are none. */
  minDay: number;
  maxDay: number;
  /** Feature indexes in ascending date order (date_start, then date_end, then sheet order). */
  order: Uint32Array;
  /** Columns by position (date order). */
  start: Int32Array;
  end: Int32Array;
  /** endPrefixMax[p] = max(end[0..p]): non-decreasing, so "first position that may end after a day" is a binary search. */
  endPrefixMax: Int32Array;
  typeCode: Uint16Array;
  govCode: Uint16Array;
  perpetrators: CodeLists;
  targets: CodeLists;
  claimants: CodeLists;
  /** Union of the three roles, without duplicates. */
  anyRole: CodeLists;
  sources: CodeLists;
  /** id → code for each vocabulary. Governorate codes start at 1. */
  actorCodes: ReadonlyMap<string, number>;
  sourceCodes: ReadonlyMap<string, number>;
  typeCodes: ReadonlyMap<string, number>;
  govCodes: ReadonlyMap<string, number>;
  /** Mutable caches (search text, last text match, output scratch); not part of the contract. */
  cache: IndexCache;
}

interface IndexCache {
  /** Folded search text by position, built lazily by `prepareSearchText`. */
  search: SearchText | null;
  aliases: ReadonlyMap<string, readonly string[]>;
  /** Last query's terms and the features they matched (1 = match, by feature index). */
  lastTerms: string[] | null;
  lastMatch: Uint8Array | null;
  scratch: Uint32Array;
}

/** Builder for one CSR list column, filled row by row in position order. */
class CodeListBuilder {
  offsets: Uint32Array;
  values: Uint32Array;
  length = 0;
  private rowStart = 0;
  constructor(n: number) {
    this.offsets = new Uint32Array(n + 1);
    this.values = new Uint32Array(Math.max(16, n * 2));
  }
  /** Adds `code` to the current row unless it is already there (rows are short: a linear check is fastest). */
  add(code: number): void {
    for (let k = this.rowStart; k < this.length; k++) if (this.values[k] === code) return;
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = code;
  }
  /** Closes row `position` (rows must be closed in order 0, 1, 2 …). */
  endRow(position: number): void {
    if (position + 2 > this.offsets.length) this.offsets = grownCopy(this.offsets, position + 2);
    this.offsets[position + 1] = this.length;
    this.rowStart = this.length;
  }
  /** The lists of rows 0 … rows - 1. */
  finish(rows: number): CodeLists {
    const offsets = this.offsets.length === rows + 1 ? this.offsets : this.offsets.slice(0, rows + 1);
    return { offsets, values: this.values.slice(0, this.length) };
  }
}

type Column = Int32Array | Uint32Array | Float64Array | Float32Array | Uint16Array | Uint8Array;

/** A copy of `column` with room for at least `length` elements (doubling, so appends stay amortised O(1)). */
function grownCopy<T extends Column>(column: T, length: number): T {
  const grown = new (column.constructor as new (n: number) => T)(Math.max(length, column.length * 2));
  grown.set(column as ArrayLike<number> & T);
  return grown;
}

const ZERO = 48;

/**
 * isoDayToDayNumber without slicing the string into three new ones: 200k slices per 100k incidents were
 * a visible share of building the index (and of garbage collection). Same arithmetic (Date.UTC).
 */
function dayOf(iso: string): number {
  if (iso.length !== 10) return isoDayToDayNumber(iso);
  const year =
    (iso.charCodeAt(0) - ZERO) * 1000 +
    (iso.charCodeAt(1) - ZERO) * 100 +
    (iso.charCodeAt(2) - ZERO) * 10 +
    (iso.charCodeAt(3) - ZERO);
  const month = (iso.charCodeAt(5) - ZERO) * 10 + (iso.charCodeAt(6) - ZERO);
  const day = (iso.charCodeAt(8) - ZERO) * 10 + (iso.charCodeAt(9) - ZERO);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function codeOf(codes: Map<string, number>, id: string, first = 0): number {
  let code = codes.get(id);
  if (code === undefined) {
    code = codes.size + first;
    codes.set(id, code);
  }
  return code;
}

/**
 * Feature indexes sorted by (start, end, index). Packs the three into one float and uses the native numeric
 * sort, ~5× faster than a comparator at 100k; falls back to the comparator when they do not fit in 53 bits.
 */
function dateOrder(dayStart: Int32Array, dayEnd: Int32Array): Uint32Array {
  const n = dayStart.length;
  let minStart = 0;
  let maxStart = 0;
  let maxSpan = 0;
  for (let i = 0; i < n; i++) {
    const s = dayStart[i] as number;
    if (i === 0 || s < minStart) minStart = s;
    if (i === 0 || s > maxStart) maxStart = s;
    const span = (dayEnd[i] as number) - s;
    if (span > maxSpan) maxSpan = span;
  }
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const spanBits = Math.max(1, Math.ceil(Math.log2(maxSpan + 1)));
  const startBits = Math.max(1, Math.ceil(Math.log2(maxStart - minStart + 1)));
  const order = new Uint32Array(n);
  if (indexBits + spanBits + startBits <= 53) {
    const keys = new Float64Array(n);
    const spanScale = 2 ** indexBits;
    const startScale = 2 ** (indexBits + spanBits);
    for (let i = 0; i < n; i++) {
      const s = dayStart[i] as number;
      keys[i] = (s - minStart) * startScale + ((dayEnd[i] as number) - s) * spanScale + i;
    }
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = (keys[k] as number) % spanScale;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort(
    (a, b) =>
      (dayStart[a] as number) - (dayStart[b] as number) ||
      (dayEnd[a] as number) - (dayEnd[b] as number) ||
      a - b,
  );
}

/**
 * What the index reads from each incident, by FEATURE index (sheet order): pass 1 of createIncidentIndex.
 * Also what the first-render digest (incident-digest.ts) stores, so the app can build the index without the
 * features and get exactly the index the features would give.
 */
export interface FeatureColumns {
  size: number;
  dayStart: Int32Array;
  dayEnd: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  featureType: Uint16Array;
  approximate: Uint8Array;
  radiusKm: Float32Array;
  /** Governorate code of each incident (0 = none). */
  governorate: Uint16Array;
  perpetrators: CodeLists;
  targets: CodeLists;
  claimants: CodeLists;
  anyRole: CodeLists;
  sources: CodeLists;
  actorCodes: Map<string, number>;
  sourceCodes: Map<string, number>;
  typeCodes: Map<string, number>;
  govCodes: Map<string, number>;
}

/**
 * Prepares `features` for repeated filtering: typed columns in date order. O(n log n), once per data load.
 * `meta` (optional) adds actor aliases to the text search ("QSD" finds incidents of the SDF).
 * @example
 * const index = createIncidentIndex(collection.features, collection.meta);
 * const visible = filterIncidents(index, { ...NO_FILTERS, actors: ["sdf"] }); // feature indexes, date order
 */
export function createIncidentIndex(
  features: readonly IncidentFeature[],
  meta?: Pick<CollectionMeta, "actors">,
): IncidentIndex {
  return indexFromFeatureColumns(featureColumnsOf(features, meta), features, meta);
}

/** Pass 1: reads the features once into columns by feature index (see FeatureColumns). */
export function featureColumnsOf(
  features: readonly IncidentFeature[],
  meta?: Pick<CollectionMeta, "actors">,
): FeatureColumns {
  const builder = new FeatureColumnsBuilder(meta, features.length);
  // Read in sheet (= memory) order: reading the objects in date order instead chased pointers all over the
  // heap and took 3× longer at 100k.
  for (const feature of features) builder.add(feature);
  return builder.finish();
}

/**
 * Pass 1 one incident at a time, for callers that never hold all the features (the build writes the digest
 * while reading the GeoJSON it wrote, feature by feature).
 */
export class FeatureColumnsBuilder {
  private n = 0;
  private dayStart: Int32Array;
  private dayEnd: Int32Array;
  private featureType: Uint16Array;
  private lon: Float64Array;
  private lat: Float64Array;
  private approximate: Uint8Array;
  private radiusKm: Float32Array;
  private governorate: Uint16Array;
  private readonly actorCodes = new Map<string, number>();
  private readonly sourceCodes = new Map<string, number>();
  private readonly typeCodes = new Map<string, number>();
  private readonly govCodes = new Map<string, number>();
  private readonly perpetrators: CodeListBuilder;
  private readonly targets: CodeListBuilder;
  private readonly claimants: CodeListBuilder;
  private readonly anyRole: CodeListBuilder;
  private readonly sources: CodeListBuilder;

  /** `expected`: how many incidents will come, when known (the columns are allocated once). */
  constructor(meta?: Pick<CollectionMeta, "actors">, expected = 1024) {
    const n = Math.max(1, expected);
    this.dayStart = new Int32Array(n);
    this.dayEnd = new Int32Array(n);
    this.featureType = new Uint16Array(n);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.approximate = new Uint8Array(n);
    this.radiusKm = new Float32Array(n);
    this.governorate = new Uint16Array(n);
    this.perpetrators = new CodeListBuilder(n);
    this.targets = new CodeListBuilder(n);
    this.claimants = new CodeListBuilder(n);
    this.anyRole = new CodeListBuilder(n);
    this.sources = new CodeListBuilder(n);
    // Vocabulary actors first, so codes are stable whatever the incidents contain.
    for (const actor of meta?.actors ?? []) codeOf(this.actorCodes, actor.id);
  }

  add(feature: IncidentFeature): void {
    const i = this.n++;
    if (i === this.dayStart.length) this.grow();
    const p = feature.properties;
    const s = dayOf(p.date_start);
    const coordinates = feature.geometry.coordinates;
    this.lon[i] = coordinates[0] as number;
    this.lat[i] = coordinates[1] as number;
    this.approximate[i] = isApproximate(p) ? 1 : 0;
    this.radiusKm[i] = p.radius_km;
    // A missing or reversed end is treated as a one-day incident rather than an empty span.
    const e = dayOf(p.date_end || p.date_start);
    this.dayStart[i] = s;
    this.dayEnd[i] = Math.max(e, s);
    this.featureType[i] = codeOf(this.typeCodes, p.event_type);
    this.governorate[i] = p.governorate ? codeOf(this.govCodes, p.governorate.id, 1) : 0;
    const { actorCodes, perpetrators, targets, claimants, anyRole, sources } = this;
    for (const actor of p.perpetrators) {
      const code = codeOf(actorCodes, actor.id);
      perpetrators.add(code);
      anyRole.add(code);
    }
    for (const actor of p.targets) {
      const code = codeOf(actorCodes, actor.id);
      targets.add(code);
      anyRole.add(code);
    }
    for (const claim of p.claims) {
      const code = codeOf(actorCodes, claim.claimant.id);
      claimants.add(code);
      anyRole.add(code);
      // An incident cites a source through its claims.
      sources.add(codeOf(this.sourceCodes, claim.source.id));
    }
    // source_ids is the same list, derived by the pipeline; kept in case a claim-less incident carries one.
    for (const id of p.source_ids ?? []) sources.add(codeOf(this.sourceCodes, id));
    perpetrators.endRow(i);
    targets.endRow(i);
    claimants.endRow(i);
    anyRole.endRow(i);
    sources.endRow(i);
  }

  private grow(): void {
    const n = this.dayStart.length * 2;
    this.dayStart = grownCopy(this.dayStart, n);
    this.dayEnd = grownCopy(this.dayEnd, n);
    this.featureType = grownCopy(this.featureType, n);
    this.lon = grownCopy(this.lon, n);
    this.lat = grownCopy(this.lat, n);
    this.approximate = grownCopy(this.approximate, n);
    this.radiusKm = grownCopy(this.radiusKm, n);
    this.governorate = grownCopy(this.governorate, n);
  }

  finish(): FeatureColumns {
    const n = this.n;
    const fit = <T extends Column>(column: T): T =>
      column.length === n ? column : (column.slice(0, n) as T);
    return {
      size: n,
      dayStart: fit(this.dayStart),
      dayEnd: fit(this.dayEnd),
      lon: fit(this.lon),
      lat: fit(this.lat),
      featureType: fit(this.featureType),
      approximate: fit(this.approximate),
      radiusKm: fit(this.radiusKm),
      governorate: fit(this.governorate),
      perpetrators: this.perpetrators.finish(n),
      targets: this.targets.finish(n),
      claimants: this.claimants.finish(n),
      anyRole: this.anyRole.finish(n),
      sources: this.sources.finish(n),
      actorCodes: this.actorCodes,
      sourceCodes: this.sourceCodes,
      typeCodes: this.typeCodes,
      govCodes: this.govCodes,
    };
  }
}

/**
 * Pass 2: the index from columns by feature index, from typed arrays only. `features` (possibly not loaded
 * yet: an empty list) are only read by a text search that has no prepared search text.
 */
export function indexFromFeatureColumns(
  columns: FeatureColumns,
  features: readonly IncidentFeature[],
  meta?: Pick<CollectionMeta, "actors">,
): IncidentIndex {
  const { size: n, dayStart, dayEnd } = columns;
  const order = dateOrder(dayStart, dayEnd);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const endPrefixMax = new Int32Array(n);
  const typeCode = new Uint16Array(n);
  const govCode = new Uint16Array(n);
  let runningMax = -2147483648;
  let minDay = n > 0 ? 2147483647 : 0;
  let maxDay = n > 0 ? -2147483648 : 0;
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos] as number;
    const s = dayStart[i] as number;
    const e = dayEnd[i] as number;
    start[pos] = s;
    end[pos] = e;
    runningMax = Math.max(e, runningMax);
    endPrefixMax[pos] = runningMax;
    if (s < minDay) minDay = s;
    if (e > maxDay) maxDay = e;
    typeCode[pos] = columns.featureType[i] as number;
    govCode[pos] = columns.governorate[i] as number;
  }

  const aliases = new Map<string, readonly string[]>();
  for (const actor of meta?.actors ?? []) aliases.set(actor.id, actor.aliases);

  return {
    features,
    size: n,
    dayStart,
    dayEnd,
    lon: columns.lon,
    lat: columns.lat,
    featureType: columns.featureType,
    approximate: columns.approximate,
    radiusKm: columns.radiusKm,
    minDay,
    maxDay,
    order,
    start,
    end,
    endPrefixMax,
    typeCode,
    govCode,
    perpetrators: permuteLists(columns.perpetrators, order),
    targets: permuteLists(columns.targets, order),
    claimants: permuteLists(columns.claimants, order),
    anyRole: permuteLists(columns.anyRole, order),
    sources: permuteLists(columns.sources, order),
    actorCodes: columns.actorCodes,
    sourceCodes: columns.sourceCodes,
    typeCodes: columns.typeCodes,
    govCodes: columns.govCodes,
    cache: { search: null, aliases, lastTerms: null, lastMatch: null, scratch: new Uint32Array(n) },
  };
}

/** Rows reordered: row p of the result is row order[p] of `lists`. */
function permuteLists(lists: CodeLists, order: Uint32Array): CodeLists {
  const n = order.length;
  const offsets = new Uint32Array(n + 1);
  const source = lists.values;
  const values = new Uint32Array(source.length);
  let length = 0;
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos] as number;
    const from = lists.offsets[i] as number;
    const to = lists.offsets[i + 1] as number;
    offsets[pos] = length;
    // A plain loop: subarray() would allocate one view object per row (half a million at 100k).
    for (let k = from; k < to; k++) values[length++] = source[k] as number;
  }
  offsets[n] = length;
  return { offsets, values };
}

/** The index without its feature list and caches: typed arrays and small maps, cheap to post to another thread. */
export type IndexColumns = Omit<IncidentIndex, "features" | "cache"> & {
  aliases: ReadonlyMap<string, readonly string[]>;
};

/**
 * Splits `index` for `postMessage`: its columns, and the buffers to transfer with them (zero-copy), so a worker
 * can build the index and the main thread receive it without copying or re-reading any feature.
 * @example
 * const { columns, transfer } = indexColumnsOf(createIncidentIndex(features, meta));
 * postMessage({ columns }, transfer);
 */
export function indexColumnsOf(index: IncidentIndex): { columns: IndexColumns; transfer: ArrayBuffer[] } {
  const { features: _features, cache, ...columns } = index;
  const transfer = new Set<ArrayBuffer>();
  for (const value of Object.values(columns)) {
    if (ArrayBuffer.isView(value)) transfer.add(value.buffer as ArrayBuffer);
    else if (value && typeof value === "object" && "offsets" in value) {
      const lists = value as CodeLists;
      transfer.add(lists.offsets.buffer as ArrayBuffer);
      transfer.add(lists.values.buffer as ArrayBuffer);
    }
  }
  return { columns: { ...columns, aliases: cache.aliases }, transfer: [...transfer] };
}

/**
 * The index again from `indexColumnsOf`'s columns, over `features` (which may decode each feature on demand:
 * the filter never reads them; only the text search does, when it has no prepared search text).
 */
export function indexFromColumns(columns: IndexColumns, features: readonly IncidentFeature[]): IncidentIndex {
  const { aliases, ...rest } = columns;
  return {
    ...rest,
    features,
    cache: {
      search: null,
      aliases,
      lastTerms: null,
      lastMatch: null,
      scratch: new Uint32Array(columns.size),
    },
  };
}

/** Uses search text built elsewhere (in the loading worker) instead of building it from the features. */
export function adoptSearchText(index: IncidentIndex, search: SearchText): void {
  if (search.size === index.size) index.cache.search ??= search;
}

/**
 * Builds the folded search text (the costly part of the index) unless it is built already.
 * `filterIncidents` calls it on the first text search; call it earlier, when the page is idle, to make the
 * first keystroke instant.
 */
export function prepareSearchText(index: IncidentIndex): SearchText {
  if (index.cache.search === null && index.features.length !== index.size) {
    // Built from the digest, before the incidents' text has arrived: a search now would find nothing, and
    // that empty text would be kept. Callers wait for the worker's search text (store.searchPending).
    throw new Error("the incidents' text is not loaded yet: a text search must wait for it");
  }
  index.cache.search ??= createSearchText(index.features, index.cache.aliases);
  return index.cache.search;
}

/**
 * 1 for each FEATURE index whose text or actors contain every term. The last result is reused while the
 * terms stay the same (changing the date or an actor with a query typed does not search the text again).
 */
function textMatches(index: IncidentIndex, terms: string[]): Uint8Array {
  const cache = index.cache;
  if (cache.lastTerms && cache.lastMatch && sameTerms(cache.lastTerms, terms)) return cache.lastMatch;
  const search = prepareSearchText(index);
  const n = index.size;
  // matched[i] counts the leading terms feature i has matched so far.
  const matched = new Uint16Array(n);
  const termHit = new Uint8Array(n);
  const actorMask = new Uint8Array(index.actorCodes.size + 1);
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t] as string;
    termHit.fill(0);
    markRecordsContaining(search, term, termHit);
    // An incident also matches a term that names one of its actors (perpetrator, target or claimant).
    actorMask.fill(0);
    let anyActor = false;
    for (const [id, text] of search.actorTexts) {
      if (!text.includes(term)) continue;
      const code = index.actorCodes.get(id);
      if (code === undefined) continue;
      actorMask[code] = 1;
      anyActor = true;
    }
    if (anyActor) {
      for (let pos = 0; pos < n; pos++) {
        if (anyInMask(index.anyRole, pos, actorMask)) termHit[index.order[pos] as number] = 1;
      }
    }
    for (let i = 0; i < n; i++) if (termHit[i] === 1 && matched[i] === t) matched[i] = t + 1;
  }
  const match = new Uint8Array(n);
  for (let i = 0; i < n; i++) match[i] = matched[i] === terms.length ? 1 : 0;
  cache.lastTerms = terms;
  cache.lastMatch = match;
  return match;
}

function sameTerms(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((term, i) => term === b[i]);
}

/** First position p in [0, n) with column[p] ≥ value (column non-decreasing). */
function lowerBound(column: Int32Array, value: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((column[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A 0/1 mask over codes for the chosen ids; null when `ids` is empty (no filter). Unknown ids match nothing. */
function maskOf(ids: readonly string[], codes: ReadonlyMap<string, number>, size: number): Uint8Array | null {
  if (ids.length === 0) return null;
  const mask = new Uint8Array(size + 1);
  for (const id of ids) {
    const code = codes.get(id);
    if (code !== undefined) mask[code] = 1;
  }
  return mask;
}

function listsForRole(index: IncidentIndex, role: ActorRole): CodeLists {
  switch (role) {
    case "perpetrator":
      return index.perpetrators;
    case "target":
      return index.targets;
    case "claimant":
      return index.claimants;
    default:
      return index.anyRole;
  }
}

function anyInMask(lists: CodeLists, position: number, mask: Uint8Array): boolean {
  const { offsets, values } = lists;
  const to = offsets[position + 1] as number;
  for (let k = offsets[position] as number; k < to; k++) {
    if (mask[values[k] as number] === 1) return true;
  }
  return false;
}

function dayOrNull(isoDay: string | null): number | null {
  if (isoDay === null || isoDay === "") return null;
  const day = isoDayToDayNumber(isoDay);
  // Filters come from the URL codec, which validates dates; a stray bad value leaves that side open.
  return Number.isFinite(day) ? day : null;
}

/**
 * The one filter implementation: indexes (into `index.features`) of the incidents matching `filters`,
 * in ascending date order. The map, list, timeline and count are all views of this result.
 *
 * - date: the incident's span [date_start, date_end] overlaps [from, to] (either side may be open);
 * - actors: any chosen actor plays `role` (perpetrator, target, claimant, or any of these);
 * - sources: one of the incident's claims cites a chosen source;
 * - types, governorates: the incident's event type / governorate is one of the chosen;
 * - q: every normalised word of the query occurs in the incident's titles, summaries, place, position or
 *   actor names (and aliases), in either language.
 * @example filterIncidents(index, { ...NO_FILTERS, from: "2024-01-01", to: "2024-01-31" })
 */
export function filterIncidents(index: IncidentIndex, filters: Filters): Uint32Array {
  const n = index.size;
  const fromDay = dayOrNull(filters.from);
  const toDay = dayOrNull(filters.to);
  // Positions before `lo` all end before `from`; positions from `hi` on all start after `to`.
  const lo = fromDay === null ? 0 : lowerBound(index.endPrefixMax, fromDay);
  const hi = toDay === null ? n : lowerBound(index.start, toDay + 1);
  const typeMask = maskOf(filters.types, index.typeCodes, index.typeCodes.size);
  const govMask = maskOf(filters.governorates, index.govCodes, index.govCodes.size + 1);
  const actorMask = maskOf(filters.actors, index.actorCodes, index.actorCodes.size);
  const actorLists = listsForRole(index, filters.role);
  const sourceMask = maskOf(filters.sources, index.sourceCodes, index.sourceCodes.size);
  const terms = searchTerms(filters.q);
  const text = terms.length > 0 ? textMatches(index, terms) : null;

  const { order, end, typeCode, govCode } = index;
  const checkEnd = fromDay !== null;
  const from = fromDay ?? 0;
  const out = index.cache.scratch;
  let count = 0;
  for (let pos = lo; pos < hi; pos++) {
    if (checkEnd && (end[pos] as number) < from) continue;
    if (typeMask !== null && typeMask[typeCode[pos] as number] === 0) continue;
    if (govMask !== null && govMask[govCode[pos] as number] === 0) continue;
    if (actorMask !== null && !anyInMask(actorLists, pos, actorMask)) continue;
    if (sourceMask !== null && !anyInMask(index.sources, pos, sourceMask)) continue;
    const i = order[pos] as number;
    if (text !== null && text[i] === 0) continue;
    out[count++] = i;
  }
  return out.slice(0, count);
}
