import type { CollectionMeta } from "./incident.ts";

/**
 * The incident table: the one shape of an incident in the browser (issue #20).
 *
 * `data:build` writes it beside the published GeoJSON, in `public/data/table/`:
 *   table.json            TableHeader: format + version, count, bbox, the dictionaries (meta), the column layout
 *   table.bin             the columns first render needs (days, position, radius, type, governorate, flags):
 *                         little-endian typed arrays at 8-byte-aligned offsets (TableHeader.columns)
 *   relations.bin         the actor and source entries of each incident (RELATION_COLUMNS), laid out the same way:
 *                         fetched after first render, or before it when the view filters by actor, source or text
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
export const TABLE_VERSION = 3;

/** File names inside the table folder (relative to table.json). */
export const TABLE_FILES = {
  header: "table.json",
  columns: "table.bin",
  relations: "relations.bin",
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
  /** Byte offset in its file, table.bin or relations.bin (RELATION_COLUMNS) (a multiple of 8). */
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
  /** Size of relations.bin in bytes. */
  relationBytes: number;
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

/**
 * The decoded table without its relations: what first render needs, and all the page holds (the page asks the
 * data worker anything that needs who took part or who reported).
 */
export type CoreTable = Omit<IncidentTable, "actors" | "sources">;

/** The decoded table: what the data worker holds of every incident, by position. */
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
export const REBUILD = "rebuild the data with npm run data:build";

/** The columns stored in relations.bin (the others are in table.bin). */
export const RELATION_COLUMNS: readonly ColumnName[] = ["counts", "actorCodes", "actorRoles", "sourceCodes"];

/** Columns with one element per incident (the others have one per actor or source entry). */
export const PER_INCIDENT: ColumnName[] = [
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

// The writer lives in its own module (it imports the constants above, used only when it runs, so this re-export is
// a harmless cycle); it is re-exported here so that the table's one module names everything about it.
