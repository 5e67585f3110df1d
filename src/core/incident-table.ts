import type { CollectionMeta } from "./incident.ts";

/**
 * The incident table: the one shape of an incident in the browser (issue #20).
 *
 * `data:build` writes it beside the published GeoJSON, in `public/data/table/`:
 *   table.json            TableHeader: format + version, count, bbox, the dictionaries (meta), the column layout
 *   table.bin             the columns, little-endian typed arrays at 8-byte-aligned offsets (TableHeader.columns)
 *   ids.json              JSON array of the incident ids, by position (fetched on demand: a selection, `id=`)
 *   shard-<k>.json        JSON array of the GeoJSON features of positions [k·shardSize, (k+1)·shardSize)
 *   search-tokens.txt     the search index's distinct folded tokens, sorted, joined by "\n" (search-index.ts)
 *   search-offsets.bin    Uint32 byte offset of each token's postings in the concatenated posting stream (+1 end)
 *   search-<b>.bin        posting bucket b (TableHeader.search.bucketStarts)
 *
 * Positions are the GeoJSON's feature order (date_start, then id), so `dayStart` is non-decreasing and a date
 * range is two binary searches; position p of the table is feature p of incidents.geojson.
 *
 * Codes index the dictionaries in `meta`: actor code k is meta.actors[k], source code meta.sources[k],
 * type code meta.event_types[k]; governorate code 0 means none and k ≥ 1 is meta.governorates[k − 1].
 */

export const TABLE_FORMAT = "incident-atlas-table";
/** Bumped on any change of layout; the app refuses a table of another version with a clear message. */
export const TABLE_VERSION = 2;

/** File names inside the table folder (relative to table.json). */
export const TABLE_FILES = {
  header: "table.json",
  columns: "table.bin",
  ids: "ids.json",
  shard: (k: number) => `shard-${k}.json`,
  searchTokens: "search-tokens.txt",
  searchOffsets: "search-offsets.bin",
  searchBucket: (b: number) => `search-${b}.bin`,
} as const;

/** Role bits of an actor entry. */
export const ROLE_BITS = { perpetrator: 1, target: 2, claimant: 4 } as const;
/** Bits of `flags`. */
export const FLAG_BITS = { approximate: 1, contested: 2 } as const;
/** Where the date precision sits in the stored `flagsPrecision` byte (below it: FLAG_BITS). */
export const PRECISION_SHIFT = 2;

/**
 * How far a quantised position may be from the incident's own point, in metres: the writer stores lon/lat as u16
 * steps over the points' extent only when every point stays this close (else as f32). The table's positions are
 * for drawing and aggregating; the exact coordinates stay in the shards.
 */
export const POSITION_TOLERANCE_M = 20;

export type ColumnType = "u8" | "u16" | "u32" | "i32" | "f32";

export interface ColumnLayout {
  type: ColumnType;
  /** Byte offset in table.bin (a multiple of 8). */
  offset: number;
  /** Number of elements. */
  length: number;
  /**
   * dayStart: the day the stored differences start from. lon, lat, radiusKm stored as u16: a stored v means
   * base + v × step (computed in float64, then held as float32). Absent elsewhere.
   */
  base?: number;
  /** lon, lat, radiusKm stored as u16: the size of one step (see base). */
  step?: number;
}

/**
 * Names of the stored columns and what a stored value means. Each column's type is the narrowest that holds its
 * data exactly (lon/lat: within POSITION_TOLERANCE_M), chosen when the table is written and named in the header.
 */
export type ColumnName =
  | "dayStart" // u8|u16|u32: days since the previous position's dayStart (position 0: since the layout's base)
  | "dayEnd" // u8|u16|u32: days from dayStart to the end (dayEnd − dayStart)
  | "lon"
  | "lat" // f32 degrees, or u16 steps over the points' extent (base + v × step)
  | "radiusKm" // f32, or u16 steps of 0.1 km when that is exact for every value
  | "type" // event type code
  | "governorate" // governorate code (0 = none)
  | "flagsPrecision" // u8: FLAG_BITS in bits 0–1, date precision (0 day, 1 month, 2 year) from PRECISION_SHIFT
  | "counts" // per incident: actor entries and sources, 4 + 4 bits (u8), 8 + 8 (u16) or 16 + 16 (u32), actors low
  | "actorCodes" // per entry: actor code
  | "actorRoles" // per entry (u8): ROLE_BITS of the roles this actor plays in the incident
  | "sourceCodes"; // per entry: source code

export interface TableHeader {
  format: typeof TABLE_FORMAT;
  version: number;
  count: number;
  /** [west, south, east, north] of all incidents, or null when there are none. */
  bbox: [number, number, number, number] | null;
  meta: CollectionMeta;
  /** Size of table.bin in bytes: a shorter file is truncated. */
  bytes: number;
  columns: Record<ColumnName, ColumnLayout>;
  /** Incidents per detail shard (the last one may hold fewer). */
  shardSize: number;
  shardCount: number;
  search: {
    tokenCount: number;
    /** Byte offset in the posting stream where bucket b starts; bucketStarts[last] is the stream's length. */
    bucketStarts: number[];
  };
}

/** Compressed sparse rows: entries of position p are [offsets[p], offsets[p + 1]). */
export interface ActorLists {
  offsets: Uint32Array;
  codes: Uint32Array;
  roles: Uint8Array;
}

export interface SourceLists {
  offsets: Uint32Array;
  codes: Uint32Array;
}

/** The decoded table: what the app holds of every incident, by position. */
export interface IncidentTable {
  count: number;
  bbox: [number, number, number, number] | null;
  meta: CollectionMeta;
  dayStart: Int32Array;
  dayEnd: Int32Array;
  /** endPrefixMax[p] = max(dayEnd[0..p]): "first position that may end on or after a day" is a binary search. */
  endPrefixMax: Int32Array;
  /** Positions for drawing and aggregating: within the stored precision of the point (see POSITION_TOLERANCE_M). */
  lon: Float32Array;
  lat: Float32Array;
  radiusKm: Float32Array;
  type: Uint16Array;
  governorate: Uint16Array;
  flags: Uint8Array;
  datePrecision: Uint8Array;
  actors: ActorLists;
  sources: SourceLists;
  /** Earliest dayStart and latest dayEnd (0 when empty). */
  minDay: number;
  maxDay: number;
  shardSize: number;
  shardCount: number;
  /** The header's search layout, for the search reader. */
  search: TableHeader["search"];
}

/** How a table's files are to be fixed, in every message that refuses one. */
const REBUILD = "rebuild the data with npm run data:build";

/** Columns with one element per incident (the others have one per actor or source entry). */
const PER_INCIDENT: ColumnName[] = [
  "dayStart",
  "dayEnd",
  "lon",
  "lat",
  "radiusKm",
  "type",
  "governorate",
  "flagsPrecision",
  "counts",
];

/** The stored types each column may have; the decoder widens them to the IncidentTable's arrays. */
export const COLUMN_TYPES: Record<ColumnName, readonly ColumnType[]> = {
  dayStart: ["u8", "u16", "u32"],
  dayEnd: ["u8", "u16", "u32"],
  lon: ["f32", "u16"],
  lat: ["f32", "u16"],
  radiusKm: ["f32", "u16"],
  type: ["u8", "u16"],
  governorate: ["u8", "u16"],
  flagsPrecision: ["u8"],
  counts: ["u8", "u16", "u32"],
  actorCodes: ["u8", "u16", "u32"],
  actorRoles: ["u8"],
  sourceCodes: ["u8", "u16", "u32"],
};

/** Bits each of the two counts takes in the stored `counts` column, by its type. */
export const COUNT_BITS: Partial<Record<ColumnType, number>> = { u8: 4, u16: 8, u32: 16 };

/** Bytes per element of each stored type. */
export const TYPE_BYTES: Record<ColumnType, number> = { u8: 1, u16: 2, u32: 4, i32: 4, f32: 4 };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0;
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** Whether a column's layout has the base and step its stored type needs (see ColumnLayout). */
function scaleIsValid(name: ColumnName, layout: Record<string, unknown>): boolean {
  if (name === "dayStart") return Number.isInteger(layout.base);
  if ((name === "lon" || name === "lat" || name === "radiusKm") && layout.type === "u16") {
    return isFiniteNumber(layout.base) && isFiniteNumber(layout.step) && layout.step >= 0;
  }
  return true;
}

/**
 * The parsed table.json as a TableHeader, or an Error saying what is wrong and what to do: not a table at all,
 * a table of another version, or a damaged header.
 * @example const header = checkTableHeader(JSON.parse(text));
 */
export function checkTableHeader(json: unknown): TableHeader {
  const format = isRecord(json) ? json.format : undefined;
  if (format !== TABLE_FORMAT) {
    throw new Error(
      `${TABLE_FILES.header} is not an Incident Atlas table (its format is ${JSON.stringify(format) ?? "missing"}, expected "${TABLE_FORMAT}"): ${REBUILD}`,
    );
  }
  const header = json as Record<string, unknown>;
  if (header.version !== TABLE_VERSION) {
    throw new Error(
      `the incident table is version ${JSON.stringify(header.version)} but this app reads version ${TABLE_VERSION}: ${REBUILD}`,
    );
  }
  const damaged = (what: string): never => {
    throw new Error(`${TABLE_FILES.header} is damaged (${what}): ${REBUILD}`);
  };
  if (!isCount(header.count)) damaged("count is not a whole number");
  if (!isCount(header.bytes)) damaged("bytes is not a whole number");
  if (!isCount(header.shardSize) || header.shardSize === 0)
    damaged("shardSize is not a positive whole number");
  if (!isCount(header.shardCount)) damaged("shardCount is not a whole number");
  const meta = header.meta;
  if (
    !isRecord(meta) ||
    !Array.isArray(meta.actors) ||
    !Array.isArray(meta.sources) ||
    !Array.isArray(meta.event_types) ||
    !Array.isArray(meta.governorates)
  ) {
    damaged("meta lacks its actors, sources, event_types or governorates");
  }
  const bbox = header.bbox;
  if (
    bbox !== null &&
    !(Array.isArray(bbox) && bbox.length === 4 && bbox.every((x) => typeof x === "number"))
  ) {
    damaged("bbox is neither null nor four numbers");
  }
  const search = header.search;
  if (
    !isRecord(search) ||
    !isCount(search.tokenCount) ||
    !Array.isArray(search.bucketStarts) ||
    search.bucketStarts.length < 1 ||
    !search.bucketStarts.every(isCount)
  ) {
    damaged("search lacks tokenCount or bucketStarts");
  }
  const columns = header.columns;
  if (!isRecord(columns)) damaged("columns is missing");
  for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) {
    const layout = (columns as Record<string, unknown>)[name];
    if (
      !isRecord(layout) ||
      !COLUMN_TYPES[name].includes(layout.type as ColumnType) ||
      !isCount(layout.offset) ||
      !isCount(layout.length) ||
      layout.offset % 8 !== 0
    ) {
      damaged(`column ${name} has no valid type, offset and length`);
    }
    if (!scaleIsValid(name, layout as Record<string, unknown>))
      damaged(`column ${name} has no valid base and step`);
  }
  return json as TableHeader;
}

type Stored = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A column of table.bin as its stored type: a view of `bin` (no copy) on little-endian machines. */
function storedColumn(bin: ArrayBuffer, layout: ColumnLayout): Stored {
  const { type, offset, length } = layout;
  const make = {
    u8: (b: ArrayBuffer, o: number, n: number) => new Uint8Array(b, o, n),
    u16: (b: ArrayBuffer, o: number, n: number) => new Uint16Array(b, o, n),
    u32: (b: ArrayBuffer, o: number, n: number) => new Uint32Array(b, o, n),
    i32: (b: ArrayBuffer, o: number, n: number) => new Int32Array(b, o, n),
    f32: (b: ArrayBuffer, o: number, n: number) => new Float32Array(b, o, n),
  }[type];
  if (LITTLE_ENDIAN) return make(bin, offset, length);
  // The file is little-endian; a big-endian machine reads it element by element.
  const view = new DataView(bin, offset, length * TYPE_BYTES[type]);
  const out = make(new ArrayBuffer(length * TYPE_BYTES[type]), 0, length);
  const read = {
    u8: (i: number) => view.getUint8(i),
    u16: (i: number) => view.getUint16(i * 2, true),
    u32: (i: number) => view.getUint32(i * 4, true),
    i32: (i: number) => view.getInt32(i * 4, true),
    f32: (i: number) => view.getFloat32(i * 4, true),
  }[type];
  for (let i = 0; i < length; i++) out[i] = read(i);
  return out;
}

/** `column` as a Uint16Array / Uint32Array: itself when stored so, else a widened copy. */
function widen16(column: Stored): Uint16Array {
  return column instanceof Uint16Array ? column : Uint16Array.from(column);
}
function widen32(column: Stored): Uint32Array {
  return column instanceof Uint32Array ? column : Uint32Array.from(column);
}

/** A position column (lon, lat, radiusKm) as float32: itself when stored so, else base + v × step. */
function realColumn(column: Stored, layout: ColumnLayout): Float32Array {
  if (column instanceof Float32Array) return column;
  const base = layout.base ?? 0;
  const step = layout.step ?? 1;
  const out = new Float32Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = base + (column[i] as number) * step;
  return out;
}

/** Row offsets (count + 1) of the actor and source entries, from the stored `counts` column. */
function offsetsOf(counts: Stored, type: ColumnType): { actors: Uint32Array; sources: Uint32Array } {
  const bits = COUNT_BITS[type] as number;
  const mask = 2 ** bits - 1;
  const n = counts.length;
  const actors = new Uint32Array(n + 1);
  const sources = new Uint32Array(n + 1);
  let a = 0;
  let s = 0;
  for (let p = 0; p < n; p++) {
    const c = counts[p] as number;
    a += c & mask;
    s += Math.floor(c / 2 ** bits);
    actors[p + 1] = a;
    sources[p + 1] = s;
  }
  return { actors, sources };
}

/**
 * The table from its checked header and the bytes of table.bin. Throws an Error naming the file and what to do when
 * table.bin is not the one the header describes (truncated, or from another build).
 * @example const table = decodeTable(checkTableHeader(JSON.parse(headerText)), await response.arrayBuffer());
 */
export function decodeTable(header: TableHeader, bin: ArrayBuffer): IncidentTable {
  const n = header.count;
  if (bin.byteLength < header.bytes) {
    throw new Error(
      `${TABLE_FILES.columns} is ${bin.byteLength} bytes, the header expects ${header.bytes}: the file is truncated; upload it again, or ${REBUILD}`,
    );
  }
  if (bin.byteLength > header.bytes) {
    throw new Error(
      `${TABLE_FILES.columns} is ${bin.byteLength} bytes, the header expects ${header.bytes}: it is not the table.bin of this table.json; ${REBUILD} and deploy the whole table folder`,
    );
  }
  const damaged = (what: string): never => {
    throw new Error(`${TABLE_FILES.columns} does not match ${TABLE_FILES.header} (${what}): ${REBUILD}`);
  };
  const column = (name: ColumnName): Stored => {
    const layout = header.columns[name];
    if (layout.offset + layout.length * TYPE_BYTES[layout.type] > header.bytes)
      damaged(`column ${name} ends past the file`);
    if (PER_INCIDENT.includes(name) && layout.length !== n)
      damaged(`column ${name} has ${layout.length} values for ${n} incidents`);
    return storedColumn(bin, layout);
  };
  const counts = column("counts");
  const offsets = offsetsOf(counts, header.columns.counts.type);
  const actorCodes = column("actorCodes");
  const actorRoles = column("actorRoles") as Uint8Array;
  const sourceCodes = column("sourceCodes");
  if (offsets.actors[n] !== actorCodes.length || actorRoles.length !== actorCodes.length) {
    damaged("the actor counts do not add up to the actor entries");
  }
  if (offsets.sources[n] !== sourceCodes.length)
    damaged("the source counts do not add up to the source entries");

  // Days: starts are differences from the previous start, ends the span from their start.
  const startSteps = column("dayStart");
  const spans = column("dayEnd");
  const dayStart = new Int32Array(n);
  const dayEnd = new Int32Array(n);
  const endPrefixMax = new Int32Array(n);
  let day = header.columns.dayStart.base ?? 0;
  let runningMax = -2147483648;
  for (let p = 0; p < n; p++) {
    day += startSteps[p] as number;
    const e = day + (spans[p] as number);
    dayStart[p] = day;
    dayEnd[p] = e;
    if (e > runningMax) runningMax = e;
    endPrefixMax[p] = runningMax;
  }
  if (n > 0 && (dayStart[n - 1] !== day || endPrefixMax[n - 1] !== runningMax))
    damaged("the days pass the range of a 32-bit day number");

  const flagsPrecision = column("flagsPrecision") as Uint8Array;
  const flags = new Uint8Array(n);
  const datePrecision = new Uint8Array(n);
  const flagMask = FLAG_BITS.approximate | FLAG_BITS.contested;
  for (let p = 0; p < n; p++) {
    const f = flagsPrecision[p] as number;
    flags[p] = f & flagMask;
    datePrecision[p] = f >> PRECISION_SHIFT;
  }
  return {
    count: n,
    bbox: header.bbox,
    meta: header.meta,
    dayStart,
    dayEnd,
    endPrefixMax,
    lon: realColumn(column("lon"), header.columns.lon),
    lat: realColumn(column("lat"), header.columns.lat),
    radiusKm: realColumn(column("radiusKm"), header.columns.radiusKm),
    type: widen16(column("type")),
    governorate: widen16(column("governorate")),
    flags,
    datePrecision,
    actors: { offsets: offsets.actors, codes: widen32(actorCodes), roles: actorRoles },
    sources: { offsets: offsets.sources, codes: widen32(sourceCodes) },
    minDay: n > 0 ? (dayStart[0] as number) : 0,
    maxDay: n > 0 ? runningMax : 0,
    shardSize: header.shardSize,
    shardCount: header.shardCount,
    search: header.search,
  };
}

/**
 * The table from its files in memory (as createTableFiles gives them), for tests and tools.
 * @example const table = readTableFiles(createTableFiles(collection));
 */
export function readTableFiles(files: ReadonlyMap<string, Uint8Array>): IncidentTable {
  const file = (name: string): Uint8Array => {
    const bytes = files.get(name);
    if (!bytes) throw new Error(`the table has no ${name}: ${REBUILD}`);
    return bytes;
  };
  const header = checkTableHeader(JSON.parse(new TextDecoder().decode(file(TABLE_FILES.header))));
  return decodeTable(header, file(TABLE_FILES.columns).slice().buffer);
}

// The writer lives in its own module (it imports the constants above, used only when it runs, so this re-export is
// a harmless cycle); it is re-exported here so that the table's one module names everything about it.
export { createTableFiles, IncidentTableWriter, type TableWriterOptions } from "./table-writer.ts";
