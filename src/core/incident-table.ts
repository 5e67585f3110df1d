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
export const TABLE_VERSION = 1;

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

export type ColumnType = "u8" | "u16" | "u32" | "i32" | "f32";

export interface ColumnLayout {
  type: ColumnType;
  /** Byte offset in table.bin (a multiple of 8). */
  offset: number;
  /** Number of elements. */
  length: number;
}

/** Names of the stored columns. */
export type ColumnName =
  | "dayStart" // i32, days since 1970, non-decreasing
  | "dayEnd" // i32, ≥ dayStart
  | "lon"
  | "lat" // f32
  | "radiusKm" // f32
  | "type" // event type code
  | "governorate" // governorate code (0 = none)
  | "flags" // u8: FLAG_BITS
  | "datePrecision" // u8: 0 day, 1 month, 2 year
  | "actorCount" // per incident: number of actor entries
  | "actorCodes" // per entry: actor code
  | "actorRoles" // per entry (u8): ROLE_BITS of the roles this actor plays in the incident
  | "sourceCount" // per incident: number of distinct sources cited
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
  "flags",
  "datePrecision",
  "actorCount",
  "sourceCount",
];

/** The stored types each column may have; the decoder widens them to the IncidentTable's arrays. */
export const COLUMN_TYPES: Record<ColumnName, readonly ColumnType[]> = {
  dayStart: ["i32"],
  dayEnd: ["i32"],
  lon: ["f32"],
  lat: ["f32"],
  radiusKm: ["f32"],
  type: ["u8", "u16"],
  governorate: ["u8", "u16"],
  flags: ["u8"],
  datePrecision: ["u8"],
  actorCount: ["u8", "u16", "u32"],
  actorCodes: ["u8", "u16", "u32"],
  actorRoles: ["u8"],
  sourceCount: ["u8", "u16", "u32"],
  sourceCodes: ["u8", "u16", "u32"],
};

/** Bytes per element of each stored type. */
export const TYPE_BYTES: Record<ColumnType, number> = { u8: 1, u16: 2, u32: 4, i32: 4, f32: 4 };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0;

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

/** Row offsets (count + 1) from per-row counts. */
function offsetsOf(counts: Stored): Uint32Array {
  const offsets = new Uint32Array(counts.length + 1);
  let sum = 0;
  for (let p = 0; p < counts.length; p++) {
    sum += counts[p] as number;
    offsets[p + 1] = sum;
  }
  return offsets;
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
  const dayStart = column("dayStart") as Int32Array;
  const dayEnd = column("dayEnd") as Int32Array;
  const actorOffsets = offsetsOf(column("actorCount"));
  const sourceOffsets = offsetsOf(column("sourceCount"));
  const actorCodes = column("actorCodes");
  const actorRoles = column("actorRoles") as Uint8Array;
  const sourceCodes = column("sourceCodes");
  if (actorOffsets[n] !== actorCodes.length || actorRoles.length !== actorCodes.length) {
    damaged("the actor counts do not add up to the actor entries");
  }
  if (sourceOffsets[n] !== sourceCodes.length)
    damaged("the source counts do not add up to the source entries");

  const endPrefixMax = new Int32Array(n);
  let runningMax = -2147483648;
  let minDay = n > 0 ? 2147483647 : 0;
  let maxDay = n > 0 ? -2147483648 : 0;
  for (let p = 0; p < n; p++) {
    const s = dayStart[p] as number;
    const e = dayEnd[p] as number;
    if (e > runningMax) runningMax = e;
    endPrefixMax[p] = runningMax;
    if (s < minDay) minDay = s;
    if (e > maxDay) maxDay = e;
  }
  return {
    count: n,
    bbox: header.bbox,
    meta: header.meta,
    dayStart,
    dayEnd,
    endPrefixMax,
    lon: column("lon") as Float32Array,
    lat: column("lat") as Float32Array,
    radiusKm: column("radiusKm") as Float32Array,
    type: widen16(column("type")),
    governorate: widen16(column("governorate")),
    flags: column("flags") as Uint8Array,
    datePrecision: column("datePrecision") as Uint8Array,
    actors: { offsets: actorOffsets, codes: widen32(actorCodes), roles: actorRoles },
    sources: { offsets: sourceOffsets, codes: widen32(sourceCodes) },
    minDay,
    maxDay,
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
