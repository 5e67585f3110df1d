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
