import {
  type CodeLists,
  type FeatureColumns,
  FeatureColumnsBuilder,
  type IncidentIndex,
  indexFromFeatureColumns,
} from "./filter.ts";
import type {
  Bilingual,
  CollectionMeta,
  DatePrecision,
  IncidentCollection,
  IncidentFeature,
} from "./incident.ts";

/**
 * The first-render digest (`data/incidents.digest.json`, written next to incidents.geojson by the same build):
 * what the filter index, the map, the timeline, the count and the list rows need, and nothing else: no summaries,
 * claims or sources. At 100k incidents it is a few percent of the GeoJSON, so the app can draw the map and
 * list from it in about a second and read the full GeoJSON (for the panel, the text search and the exports)
 * afterwards. It is derived data: the GeoJSON stays the one public artifact, and the app falls back to it alone
 * when the digest is missing or of another format.
 */

export const DIGEST_FORMAT = "incident-atlas-digest/1";

/** A list row as stored: [title en, title ar, place en, place ar, date_start, date_end, date_precision]. */
export type DigestRow = [string, string, string, string, string, string, DatePrecision];

interface CodeListsJson {
  offsets: number[];
  values: number[];
}

export interface IncidentDigest {
  format: typeof DIGEST_FORMAT;
  /** Number of incidents; the GeoJSON's features, in the same order. */
  count: number;
  /**
   * Hex SHA-256 of the exact bytes of the incidents.geojson this digest was made from, so the app can tell a
   * digest left over from another build even when the counts agree. Absent when made without the file's bytes.
   */
  geojson_sha256?: string;
  bbox: [number, number, number, number] | null;
  meta: CollectionMeta;
  /** Incident ids by feature index. */
  ids: string[];
  /** Ids by code: actors, sources and event types from 0; governorates from 1 (0 = none), so [code - 1]. */
  codes: { actors: string[]; sources: string[]; types: string[]; governorates: string[] };
  /** FeatureColumns as JSON arrays, by feature index. */
  columns: {
    day_start: number[];
    day_end: number[];
    lon: number[];
    lat: number[];
    approximate: number[];
    radius_km: number[];
    type: number[];
    governorate: number[];
    perpetrators: CodeListsJson;
    targets: CodeListsJson;
    claimants: CodeListsJson;
    any_role: CodeListsJson;
    sources: CodeListsJson;
  };
  /** One list row per incident, by feature index. */
  rows: DigestRow[];
}

/** What a list row and a hover label show of an incident, available before the full incident is. */
export interface IncidentRow {
  id: string;
  title: Bilingual;
  placeName: Bilingual;
  date_start: string;
  date_end: string;
  date_precision: DatePrecision;
  event_type: string;
}

/** The row of a full incident. */
export function rowOfFeature(feature: IncidentFeature): IncidentRow {
  const p = feature.properties;
  return {
    id: p.id,
    title: p.title,
    placeName: p.place.name,
    date_start: p.date_start,
    date_end: p.date_end,
    date_precision: p.date_precision,
    event_type: p.event_type,
  };
}

/** The row of incident `id` from its stored tuple (the event type comes from the index's columns). */
export function rowOfDigest(row: DigestRow, id: string, eventType: string): IncidentRow {
  return {
    id,
    title: { en: row[0], ar: row[1] },
    placeName: { en: row[2], ar: row[3] },
    date_start: row[4],
    date_end: row[5],
    date_precision: row[6],
    event_type: eventType,
  };
}

function idsByCode(codes: ReadonlyMap<string, number>, first = 0): string[] {
  const ids: string[] = [];
  for (const [id, code] of codes) ids[code - first] = id;
  return ids;
}

function codesOf(ids: readonly string[], first = 0): Map<string, number> {
  return new Map(ids.map((id, k) => [id, k + first]));
}

function listsToJson(lists: CodeLists): CodeListsJson {
  return { offsets: Array.from(lists.offsets), values: Array.from(lists.values) };
}

function listsFromJson(lists: CodeListsJson): CodeLists {
  return { offsets: Uint32Array.from(lists.offsets), values: Uint32Array.from(lists.values) };
}

/** The list row an incident is stored as in the digest. */
export function digestRowOf(feature: IncidentFeature): DigestRow {
  const p = feature.properties;
  return [
    p.title.en,
    p.title.ar,
    p.place.name.en,
    p.place.name.ar,
    p.date_start,
    p.date_end,
    p.date_precision,
  ];
}

/** The digest's `codes`: the ids behind the codes of finished columns. */
export function digestCodesOf(columns: FeatureColumns): IncidentDigest["codes"] {
  return {
    actors: idsByCode(columns.actorCodes),
    sources: idsByCode(columns.sourceCodes),
    types: idsByCode(columns.typeCodes),
    governorates: idsByCode(columns.govCodes, 1),
  };
}

/**
 * The digest of a collection.
 * @example const text = JSON.stringify(createIncidentDigest(collection));
 */
export function createIncidentDigest(collection: IncidentCollection): IncidentDigest {
  const builder = new IncidentDigestBuilder(
    collection.meta,
    collection.bbox ?? null,
    collection.features.length,
  );
  for (const feature of collection.features) builder.add(feature);
  return builder.finish();
}

/** The digest built one incident at a time, in the GeoJSON's order (the build never holds all the features). */
export class IncidentDigestBuilder {
  private readonly columns: FeatureColumnsBuilder;
  private readonly ids: string[] = [];
  private readonly radii: number[] = [];
  private readonly rows: DigestRow[] = [];

  constructor(
    private readonly meta: CollectionMeta,
    private readonly bbox: [number, number, number, number] | null,
    expected?: number,
  ) {
    this.columns = new FeatureColumnsBuilder(meta, expected);
  }

  add(feature: IncidentFeature): void {
    const p = feature.properties;
    this.columns.add(feature);
    this.ids.push(p.id);
    // As written in the data (the index's Float32 would add digits of noise to the text).
    this.radii.push(p.radius_km);
    this.rows.push(digestRowOf(feature));
  }

  /** The digest; `geojsonSha256` is the hex SHA-256 of the GeoJSON file's bytes, when the caller read them. */
  finish(geojsonSha256?: string): IncidentDigest {
    const columns = this.columns.finish();
    return {
      format: DIGEST_FORMAT,
      count: columns.size,
      // Near the top, so `head -c 200 incidents.digest.json` shows which GeoJSON it belongs to.
      ...(geojsonSha256 === undefined ? {} : { geojson_sha256: geojsonSha256 }),
      bbox: this.bbox,
      meta: this.meta,
      ids: this.ids,
      codes: digestCodesOf(columns),
      columns: {
        day_start: Array.from(columns.dayStart),
        day_end: Array.from(columns.dayEnd),
        lon: Array.from(columns.lon),
        lat: Array.from(columns.lat),
        approximate: Array.from(columns.approximate),
        radius_km: this.radii,
        type: Array.from(columns.featureType),
        governorate: Array.from(columns.governorate),
        perpetrators: listsToJson(columns.perpetrators),
        targets: listsToJson(columns.targets),
        claimants: listsToJson(columns.claimants),
        any_role: listsToJson(columns.anyRole),
        sources: listsToJson(columns.sources),
      },
      rows: this.rows,
    };
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Reads a parsed digest: null when it is not one this app understands (another format, columns whose
 * lengths disagree with `count`, or a `geojson_sha256` that is not 64 hex digits), so the caller falls back to
 * the GeoJSON. `rowsCutOut`: the number of rows when they were cut out of the text before parsing
 * (core/digest-rows.ts), so `rows` is empty here.
 */
export function checkDigest(value: unknown, rowsCutOut?: number): IncidentDigest | null {
  const digest = value as IncidentDigest | null;
  if (!digest || typeof digest !== "object" || digest.format !== DIGEST_FORMAT) return null;
  const n = digest.count;
  if (!Number.isInteger(n) || !Array.isArray(digest.ids) || digest.ids.length !== n) return null;
  const sha = digest.geojson_sha256 as unknown;
  if (sha !== undefined && (typeof sha !== "string" || !SHA256_HEX.test(sha))) return null;
  const rowCount = rowsCutOut ?? (Array.isArray(digest.rows) ? digest.rows.length : -1);
  if (rowCount !== n || !digest.meta || !digest.codes) return null;
  const c = digest.columns;
  if (!c) return null;
  for (const column of [
    c.day_start,
    c.day_end,
    c.lon,
    c.lat,
    c.approximate,
    c.radius_km,
    c.type,
    c.governorate,
  ]) {
    if (!Array.isArray(column) || column.length !== n) return null;
  }
  for (const lists of [c.perpetrators, c.targets, c.claimants, c.any_role, c.sources]) {
    if (!lists || !Array.isArray(lists.offsets) || lists.offsets.length !== n + 1) return null;
  }
  return digest;
}

/** The columns of a digest as typed arrays (FeatureColumns). */
export function featureColumnsOfDigest(digest: IncidentDigest): FeatureColumns {
  const c = digest.columns;
  return {
    size: digest.count,
    dayStart: Int32Array.from(c.day_start),
    dayEnd: Int32Array.from(c.day_end),
    lon: Float64Array.from(c.lon),
    lat: Float64Array.from(c.lat),
    approximate: Uint8Array.from(c.approximate),
    radiusKm: Float32Array.from(c.radius_km),
    featureType: Uint16Array.from(c.type),
    governorate: Uint16Array.from(c.governorate),
    perpetrators: listsFromJson(c.perpetrators),
    targets: listsFromJson(c.targets),
    claimants: listsFromJson(c.claimants),
    anyRole: listsFromJson(c.any_role),
    sources: listsFromJson(c.sources),
    actorCodes: codesOf(digest.codes.actors),
    sourceCodes: codesOf(digest.codes.sources),
    typeCodes: codesOf(digest.codes.types),
    govCodes: codesOf(digest.codes.governorates, 1),
  };
}

/**
 * The filter index from a digest: the same index createIncidentIndex gives for the collection's features.
 * `features` are only read by a text search without prepared search text (see filter.ts).
 */
export function indexFromDigest(
  digest: IncidentDigest,
  features: readonly IncidentFeature[] = [],
): IncidentIndex {
  return indexFromFeatureColumns(featureColumnsOfDigest(digest), features, digest.meta);
}
