import { FLAG_BITS, type IncidentTable } from "../../../src/core/incident-table.ts";

/** The aggregation tests' tables: only what the aggregation reads. */

export interface Point {
  lon: number;
  lat: number;
  approximate?: boolean;
  radiusKm?: number;
  type?: number;
}

/** A table holding only what the aggregation reads (the other columns empty). */
export function tableOf(points: readonly Point[]): IncidentTable {
  const n = points.length;
  const empty = new Uint32Array(n + 1);
  return {
    count: n,
    bbox: null,
    meta: { actors: [], sources: [], event_types: [], governorates: [] },
    dayStart: new Int32Array(n),
    dayEnd: new Int32Array(n),
    endPrefixMax: new Int32Array(n),
    lon: Float32Array.from(points, (p) => p.lon),
    lat: Float32Array.from(points, (p) => p.lat),
    radiusKm: Float32Array.from(points, (p) => p.radiusKm ?? 0),
    type: Uint16Array.from(points, (p) => p.type ?? 0),
    governorate: new Uint16Array(n),
    flags: Uint8Array.from(points, (p) => (p.approximate ? FLAG_BITS.approximate : 0)),
    datePrecision: new Uint8Array(n),
    actors: { offsets: empty, codes: new Uint32Array(0), roles: new Uint8Array(0) },
    sources: { offsets: empty, codes: new Uint32Array(0) },
    minDay: 0,
    maxDay: 0,
    shardSize: 1000,
    shardCount: 1,
    search: { tokenCount: 0, bucketStarts: [0] },
  };
}
