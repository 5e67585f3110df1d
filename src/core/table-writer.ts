import { dayNumberToIsoDay, isoDayToDayNumber } from "./day-number.ts";
import { isApproximate } from "./format.ts";
import type {
  ActorRef,
  CollectionMeta,
  DatePrecision,
  GovernorateRef,
  IncidentCollection,
  IncidentFeature,
  SourceRef,
} from "./incident.ts";
import {
  COUNT_BITS,
  type ColumnLayout,
  type ColumnName,
  type ColumnType,
  FLAG_BITS,
  POSITION_TOLERANCE_M,
  PRECISION_SHIFT,
  ROLE_BITS,
  TABLE_FILES,
  TABLE_FORMAT,
  TABLE_VERSION,
  type TableHeader,
  TYPE_BYTES,
} from "./incident-table.ts";
import type { TextFolder } from "./normalize-text.ts";
import { foldOwnText, SearchIndexBuilder } from "./search-index.ts";

/**
 * Writes the incident table (incident-table.ts) from the features in GeoJSON order, one at a time: the columns
 * grow as typed arrays (tens of bytes an incident), a detail shard leaves as soon as it is full, and the search
 * index keeps only its postings. So `data:build` can stream a million features through it.
 */

const TABLE_DEFAULTS = {
  // Incidents per detail shard. A shard is fetched to open one incident or show a page of the list: smaller shards
  // mean more files and more requests for an export, larger ones more bytes and parsing for one incident
  // (`npm run bench:data` prints a shard's size and parse time).
  shardSize: 256,
};

const PRECISION_CODES: Record<DatePrecision, number> = { day: 0, month: 1, year: 2 };

/**
 * Receives each file of the table as it is made (shards while adding, the rest at `finish`). A shard's bytes are
 * valid during the call only (their memory is reused): copy them to keep them.
 */
export type TableFileSink = (name: string, bytes: Uint8Array) => void;

export interface TableWriterOptions {
  /** Incidents per detail shard (default 256). */
  shardSize?: number;
  /** The table's bbox; default: that of the incidents' points. */
  bbox?: [number, number, number, number] | null;
  /** Size of the search index's posting buckets (default 1 MB). */
  searchBucketBytes?: number;
  /** Where the files go. */
  onFile: TableFileSink;
}

/** A typed column that grows as incidents stream in. */
class Column<T extends Int32Array | Uint32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(public data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  get values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const ZERO = 48;

/** isoDayToDayNumber without slicing the string (two calls per incident at 1M). */
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

/** Codes of a dictionary: meta's entries first (code = index + first), then any id met that meta lacks. */
class Dictionary<E extends { id: string }> {
  private readonly codes = new Map<string, number>();
  constructor(
    readonly entries: E[],
    private readonly first: number,
  ) {
    entries.forEach((entry, i) => {
      if (!this.codes.has(entry.id)) this.codes.set(entry.id, i + first);
    });
  }
  /** The code of `id`; an id meta lacks is appended with `entry()` rather than dropped. */
  code(id: string, entry: () => E): number {
    let code = this.codes.get(id);
    if (code === undefined) {
      code = this.entries.length + this.first;
      this.entries.push(entry());
      this.codes.set(id, code);
    }
    return code;
  }
}

const encoder = new TextEncoder();

/**
 * An incident as the table stores it, for a caller that has its fields without a feature object (the pipeline's
 * store): see `addRow`. The caller may reuse one row object: the writer copies what it keeps.
 */
export interface TableRow {
  id: string;
  /** Day numbers (days since 1970); an end before the start is a one-day incident. */
  dayStart: number;
  dayEnd: number;
  lon: number;
  lat: number;
  radiusKm: number;
  /** Codes from the writer's `typeCode` and `governorateCode` (0: none). */
  type: number;
  governorate: number;
  /** FLAG_BITS. */
  flags: number;
  /** 0 day, 1 month, 2 year. */
  datePrecision: number;
  /**
   * Actor entries in the feature's order (perpetrators, targets, claimants): the actor's code (`actorCode`) and
   * the ROLE_BITS of that mention. An actor met again adds its role to its first entry.
   */
  actorCodes: number[];
  actorRoles: number[];
  /** Source codes (`sourceCode`) in the feature's order (its claims', then source_ids); repeats are dropped. */
  sourceCodes: number[];
}

/** A row to fill and reuse, one per writer or feed. */
export function emptyTableRow(): TableRow {
  return {
    id: "",
    dayStart: 0,
    dayEnd: 0,
    lon: 0,
    lat: 0,
    radiusKm: 0,
    type: 0,
    governorate: 0,
    flags: 0,
    datePrecision: 0,
    actorCodes: [],
    actorRoles: [],
    sourceCodes: [],
  };
}

const OPEN = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = encoder.encode("\n]\n");

/** Bytes written one piece at a time into memory that grows (and is reused after `take`). */
class ByteBuffer {
  private bytes = new Uint8Array(1 << 16);
  length = 0;

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  range(source: Uint8Array, from: number, to: number): void {
    this.reserve(to - from);
    this.bytes.set(source.subarray(from, to), this.length);
    this.length += to - from;
  }

  /** `text` as a JSON string: byte by byte when it is plain ASCII (ids are), else through JSON.stringify. */
  jsonString(text: string): void {
    this.reserve(text.length + 2);
    const bytes = this.bytes;
    let at = this.length;
    bytes[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f || c === QUOTE || c === BACKSLASH) {
        const json = encoder.encode(JSON.stringify(text));
        this.range(json, 0, json.length);
        return;
      }
      bytes[at++] = c;
    }
    bytes[at++] = QUOTE;
    this.length = at;
  }

  /** The bytes so far, valid until the next write; starts over in the same memory. */
  take(): Uint8Array {
    const out = this.bytes.subarray(0, this.length);
    this.length = 0;
    return out;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/**
 * The detail shard being filled, as bytes: `[`, then each feature's JSON on a line of its own, separated by commas,
 * then `]` (what `[\n${features.join(",\n")}\n]\n` gives). Its memory is reused for the next shard.
 */
class ShardBuffer {
  private readonly buffer = new ByteBuffer();
  count = 0;

  add(source: Uint8Array, from: number, to: number): void {
    this.buffer.byte(this.count === 0 ? OPEN : COMMA);
    this.buffer.byte(NEWLINE);
    this.buffer.range(source, from, to);
    this.count++;
  }

  /** The shard's bytes, valid until the next `add`. */
  take(): Uint8Array {
    this.buffer.range(CLOSE, 0, CLOSE.length);
    this.count = 0;
    return this.buffer.take();
  }
}

/**
 * Streams features (in GeoJSON order: date_start, then id) into the table's files.
 * @example
 * const files = new Map<string, Uint8Array>();
 * const writer = new IncidentTableWriter(collection.meta, { onFile: (name, bytes) => files.set(name, bytes.slice()) });
 * for (const feature of collection.features) writer.add(feature);
 * writer.finish();
 */
export class IncidentTableWriter {
  private readonly shardSize: number;
  private readonly onFile: TableFileSink;
  private readonly bboxOption: [number, number, number, number] | null | undefined;
  private readonly meta: CollectionMeta;
  private readonly actorDictionary: Dictionary<CollectionMeta["actors"][number]>;
  private readonly sourceDictionary: Dictionary<CollectionMeta["sources"][number]>;
  private readonly typeDictionary: Dictionary<CollectionMeta["event_types"][number]>;
  private readonly governorateDictionary: Dictionary<CollectionMeta["governorates"][number]>;
  private readonly dayStart = new Column(new Int32Array(1024));
  private readonly dayEnd = new Column(new Int32Array(1024));
  private readonly lon = new Column(new Float64Array(1024));
  private readonly lat = new Column(new Float64Array(1024));
  private readonly radiusKm = new Column(new Float64Array(1024));
  private readonly type = new Column(new Uint32Array(1024));
  private readonly governorate = new Column(new Uint32Array(1024));
  /** FLAG_BITS and the date precision in one byte (see the `flagsPrecision` column). */
  private readonly flagsPrecision = new Column(new Uint8Array(1024));
  private readonly actorCount = new Column(new Uint32Array(1024));
  private readonly actorCodes = new Column(new Uint32Array(1024));
  private readonly actorRoles = new Column(new Uint8Array(1024));
  private readonly sourceCount = new Column(new Uint32Array(1024));
  private readonly sourceCodes = new Column(new Uint32Array(1024));
  private readonly search: SearchIndexBuilder;
  /** ids.json as it is written: `[`, then each id as a JSON string, separated by commas. */
  private readonly idsJson = new ByteBuffer();
  private readonly shard = new ShardBuffer();
  /** The row `add` fills from a feature. */
  private readonly row: TableRow = emptyTableRow();
  private shardCount = 0;
  private count = 0;
  private bounds = [Infinity, Infinity, -Infinity, -Infinity];
  private previousDay = -Infinity;
  private previousId = "";
  private finished = false;

  constructor(meta: CollectionMeta, options: TableWriterOptions) {
    this.shardSize = options.shardSize ?? TABLE_DEFAULTS.shardSize;
    if (!Number.isInteger(this.shardSize) || this.shardSize < 1) {
      throw new Error(`shardSize must be a positive whole number, not ${options.shardSize}`);
    }
    this.onFile = options.onFile;
    this.search = new SearchIndexBuilder({ bucketBytes: options.searchBucketBytes });
    this.bboxOption = options.bbox;
    // Copies: ids the incidents name but meta lacks are appended here, never to the caller's meta.
    this.meta = {
      actors: [...meta.actors],
      sources: [...meta.sources],
      event_types: [...meta.event_types],
      governorates: [...meta.governorates],
    };
    this.actorDictionary = new Dictionary(this.meta.actors, 0);
    this.sourceDictionary = new Dictionary(this.meta.sources, 0);
    this.typeDictionary = new Dictionary(this.meta.event_types, 0);
    this.governorateDictionary = new Dictionary(this.meta.governorates, 1);
  }

  /** The code of an event type; a type meta lacks is appended (grey, named by its id). */
  typeCode(id: string): number {
    return this.typeDictionary.code(id, () => ({ id, name: { en: id, ar: id }, color: "#888888" }));
  }

  /** The code of a governorate, 0 for none; one meta lacks is appended. */
  governorateCode(governorate: GovernorateRef | null): number {
    return governorate ? this.governorateDictionary.code(governorate.id, () => governorate) : 0;
  }

  /** The code of an actor; one meta lacks is appended (kind unknown, no aliases). */
  actorCode(actor: ActorRef): number {
    return this.actorDictionary.code(actor.id, () => ({
      id: actor.id,
      name: actor.name,
      color: actor.color,
      aliases: [],
      kind: "unknown",
      parent: null,
    }));
  }

  /** The code of a source; one meta lacks is appended. */
  sourceCode(source: SourceRef): number {
    return this.sourceDictionary.code(source.id, () => source);
  }

  /** The code of a source known only by its id (source_ids); one meta lacks is appended with empty fields. */
  private sourceIdCode(id: string): number {
    return this.sourceDictionary.code(id, () => ({
      id,
      outlet: { en: "", ar: "" },
      published: "",
      published_precision: "day",
      language: "",
      url: null,
      affiliation: { en: "", ar: "" },
    }));
  }

  /** The search tokens of text shared by many incidents (a place's names), for `addRow`'s `fold`. */
  searchTokenIds(texts: readonly string[]): number[] {
    return this.search.tokenIds(texts);
  }

  /**
   * Adds the next feature. `featureJson`, when given, is its JSON text (the GeoJSON's line), copied into the shard
   * as it is; otherwise the feature is stringified.
   */
  add(feature: IncidentFeature, featureJson?: string): void {
    const p = feature.properties;
    const row = this.row;
    row.id = p.id;
    row.dayStart = dayOf(p.date_start);
    row.dayEnd = dayOf(p.date_end || p.date_start);
    [row.lon, row.lat] = feature.geometry.coordinates as [number, number];
    row.radiusKm = p.radius_km;
    row.type = this.typeCode(p.event_type);
    row.governorate = this.governorateCode(p.governorate);
    row.flags = (isApproximate(p) ? FLAG_BITS.approximate : 0) | (p.contested ? FLAG_BITS.contested : 0);
    row.datePrecision = PRECISION_CODES[p.date_precision] ?? 0;
    row.actorCodes.length = 0;
    row.actorRoles.length = 0;
    const mention = (actor: ActorRef, role: number) => {
      row.actorCodes.push(this.actorCode(actor));
      row.actorRoles.push(role);
    };
    for (const actor of p.perpetrators) mention(actor, ROLE_BITS.perpetrator);
    for (const actor of p.targets) mention(actor, ROLE_BITS.target);
    for (const claim of p.claims) mention(claim.claimant, ROLE_BITS.claimant);
    row.sourceCodes.length = 0;
    for (const claim of p.claims) row.sourceCodes.push(this.sourceCode(claim.source));
    // source_ids is derived from the claims by the pipeline; kept in case a hand-made file lists others.
    for (const id of p.source_ids ?? []) row.sourceCodes.push(this.sourceIdCode(id));
    const json = encoder.encode(featureJson ?? JSON.stringify(feature));
    this.addRow(row, json, 0, json.length, (folder) => foldOwnText(folder, feature));
  }

  /**
   * Adds the next incident from its fields: `feature` from `from` to `to` is its feature's JSON (UTF-8), copied into
   * its shard as it is, and `fold` adds its own searchable text (the fields `foldOwnText` reads) to the search
   * index's folder, or as tokens (`searchTokenIds`) to `index`.
   */
  addRow(
    row: TableRow,
    feature: Uint8Array,
    from: number,
    to: number,
    fold: (folder: TextFolder, index: SearchIndexBuilder) => void,
  ): void {
    if (this.finished) throw new Error("IncidentTableWriter: add after finish");
    const s = row.dayStart;
    if (s < this.previousDay) {
      throw new Error(
        `incident ${row.id} (date_start ${dayNumberToIsoDay(s)}) comes after ${this.previousId}, which starts later: add the features in the GeoJSON's order (date_start, then id)`,
      );
    }
    this.previousDay = s;
    this.previousId = row.id;
    const position = this.count++;
    // A missing or reversed end is a one-day incident, as the filter has always read it.
    this.dayStart.push(s);
    this.dayEnd.push(Math.max(s, row.dayEnd));
    const x = row.lon;
    const y = row.lat;
    this.lon.push(x);
    this.lat.push(y);
    const b = this.bounds;
    if (x < (b[0] as number)) b[0] = x;
    if (y < (b[1] as number)) b[1] = y;
    if (x > (b[2] as number)) b[2] = x;
    if (y > (b[3] as number)) b[3] = y;
    this.radiusKm.push(row.radiusKm);
    this.type.push(row.type);
    this.governorate.push(row.governorate);
    this.flagsPrecision.push(row.flags | (row.datePrecision << PRECISION_SHIFT));
    this.addActors(row);
    this.addSources(row);
    const ids = this.idsJson;
    ids.byte(position === 0 ? OPEN : COMMA);
    ids.jsonString(row.id);
    fold(this.search.startRecord(position), this.search);
    this.search.endRecord();
    this.shard.add(feature, from, to);
    if (this.shard.count === this.shardSize) this.flushShard();
  }

  private addActors(row: TableRow): void {
    const start = this.actorCodes.length;
    const codes = this.actorCodes;
    const roles = this.actorRoles;
    mentions: for (let m = 0; m < row.actorCodes.length; m++) {
      const code = row.actorCodes[m] as number;
      const role = row.actorRoles[m] as number;
      // Entries are few per incident: a linear search is fastest.
      for (let k = start; k < codes.length; k++) {
        if (codes.data[k] === code) {
          roles.data[k] = (roles.data[k] as number) | role;
          continue mentions;
        }
      }
      codes.push(code);
      roles.push(role);
    }
    this.actorCount.push(codes.length - start);
  }

  private addSources(row: TableRow): void {
    const start = this.sourceCodes.length;
    const codes = this.sourceCodes;
    sources: for (let m = 0; m < row.sourceCodes.length; m++) {
      const code = row.sourceCodes[m] as number;
      for (let k = start; k < codes.length; k++) if (codes.data[k] === code) continue sources;
      codes.push(code);
    }
    this.sourceCount.push(codes.length - start);
  }

  private flushShard(): void {
    if (this.shard.count === 0) return;
    this.onFile(TABLE_FILES.shard(this.shardCount++), this.shard.take());
  }

  /** Each column as it is stored: the narrowest type that holds it exactly, with its base and step. */
  private storedColumns(): Record<ColumnName, StoredColumn> {
    const n = this.count;
    const dayStart = this.dayStart.values;
    const dayEnd = this.dayEnd.values;
    const base = n > 0 ? (dayStart[0] as number) : 0;
    const startSteps = new Uint32Array(n);
    const spans = new Uint32Array(n);
    for (let p = 0; p < n; p++) {
      startSteps[p] = (dayStart[p] as number) - (p > 0 ? (dayStart[p - 1] as number) : base);
      spans[p] = (dayEnd[p] as number) - (dayStart[p] as number);
    }
    const actorCount = this.actorCount.values;
    const sourceCount = this.sourceCount.values;
    const countType = narrowestCounts(actorCount, sourceCount);
    const bits = COUNT_BITS[countType] as number;
    const counts = new Uint32Array(n);
    for (let p = 0; p < n; p++)
      counts[p] = (actorCount[p] as number) + (sourceCount[p] as number) * 2 ** bits;
    const [lon, lat] = quantisedPoints(this.lon.values, this.lat.values);
    const plain = (type: ColumnType, values: StoredValues): StoredColumn => ({
      layout: { type, offset: 0, length: values.length },
      values,
    });
    const coded = (values: Uint32Array, what?: string, limit?: number) =>
      plain(narrowest(values, what, limit), values);
    const starts = coded(startSteps);
    starts.layout.base = base;
    return {
      dayStart: starts,
      dayEnd: coded(spans),
      lon,
      lat,
      radiusKm: tenths(this.radiusKm.values),
      type: coded(this.type.values, "type", 0xffff),
      governorate: coded(this.governorate.values, "governorate", 0xffff),
      flagsPrecision: plain("u8", this.flagsPrecision.values),
      counts: plain(countType, counts),
      actorCodes: coded(this.actorCodes.values),
      actorRoles: plain("u8", this.actorRoles.values),
      sourceCodes: coded(this.sourceCodes.values),
    };
  }

  /** Writes the last shard, the search files, ids.json, table.bin and, last, table.json; returns the header. */
  finish(): TableHeader {
    if (this.finished) throw new Error("IncidentTableWriter: finish called twice");
    this.finished = true;
    this.flushShard();
    const search = this.search.finish();
    this.onFile(TABLE_FILES.searchTokens, encoder.encode(search.tokensText));
    this.onFile(TABLE_FILES.searchOffsets, new Uint8Array(littleEndianBytes(search.offsets)));
    search.buckets.forEach((bucket, b) => {
      this.onFile(TABLE_FILES.searchBucket(b), bucket);
    });
    if (this.count === 0) this.idsJson.byte(OPEN);
    this.idsJson.byte(CLOSE_BRACKET);
    this.onFile(TABLE_FILES.ids, this.idsJson.take());

    const stored = this.storedColumns();
    let bytes = 0;
    for (const column of Object.values(stored)) {
      column.layout.offset = bytes;
      bytes = align8(bytes + column.layout.length * TYPE_BYTES[column.layout.type]);
    }
    const bin = new ArrayBuffer(bytes);
    const view = new DataView(bin);
    const columns = {} as Record<ColumnName, ColumnLayout>;
    for (const [name, column] of Object.entries(stored) as [ColumnName, StoredColumn][]) {
      writeColumn(view, column.layout, column.values);
      columns[name] = column.layout;
    }

    const b = this.bounds;
    const header: TableHeader = {
      format: TABLE_FORMAT,
      version: TABLE_VERSION,
      count: this.count,
      bbox:
        this.bboxOption !== undefined
          ? this.bboxOption
          : this.count > 0
            ? (b as [number, number, number, number])
            : null,
      meta: this.meta,
      bytes,
      columns,
      shardSize: this.shardSize,
      shardCount: this.shardCount,
      search: { tokenCount: search.offsets.length - 1, bucketStarts: search.bucketStarts },
    };
    this.onFile(TABLE_FILES.columns, new Uint8Array(bin));
    // Last, so a reader that finds table.json finds the files it describes.
    this.onFile(TABLE_FILES.header, encoder.encode(JSON.stringify(header)));
    return header;
  }
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** The smallest unsigned type that holds every value (at most `limit`, which names `what` when passed). */
function narrowest(values: Uint32Array, what?: string, limit = 0xffffffff): ColumnType {
  let max = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  if (max > limit)
    throw new Error(`the table holds at most ${limit + 1} codes of ${what}; the data has ${max + 1}`);
  return max <= 0xff ? "u8" : max <= 0xffff ? "u16" : "u32";
}

type StoredValues = Uint32Array | Float64Array | Uint8Array;

/** A column ready to write: its layout (offset filled in when table.bin is laid out) and its values. */
interface StoredColumn {
  layout: ColumnLayout;
  values: StoredValues;
}

/** The type of the `counts` column: the narrowest in which both counts fit their half (COUNT_BITS). */
function narrowestCounts(actors: Uint32Array, sources: Uint32Array): ColumnType {
  let max = 0;
  for (let p = 0; p < actors.length; p++) max = Math.max(max, actors[p] as number, sources[p] as number);
  for (const type of ["u8", "u16", "u32"] as const) if (max < 2 ** (COUNT_BITS[type] as number)) return type;
  throw new Error(`the table holds at most 65535 actors or sources per incident; an incident has ${max}`);
}

const EARTH_RADIUS_M = 6_371_008.8;
const RADIANS = Math.PI / 180;

/**
 * lon and lat as u16 steps over the points' extent when every decoded point (float32, as the decoder makes it) is
 * within POSITION_TOLERANCE_M of its own; otherwise as f32.
 */
function quantisedPoints(lon: Float64Array, lat: Float64Array): [StoredColumn, StoredColumn] {
  const n = lon.length;
  const range = (values: Float64Array) => {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      min = Math.min(min, values[i] as number);
      max = Math.max(max, values[i] as number);
    }
    return n > 0 ? { base: min, step: (max - min) / 0xffff } : { base: 0, step: 0 };
  };
  const x = range(lon);
  const y = range(lat);
  const qx = new Uint32Array(n);
  const qy = new Uint32Array(n);
  const steps = (value: number, r: { base: number; step: number }) =>
    r.step === 0 ? 0 : Math.min(0xffff, Math.max(0, Math.round((value - r.base) / r.step)));
  let fits = true;
  for (let i = 0; i < n && fits; i++) {
    const a = lon[i] as number;
    const b = lat[i] as number;
    const sx = steps(a, x);
    const sy = steps(b, y);
    qx[i] = sx;
    qy[i] = sy;
    // The decoder's value, then the distance on a sphere (equirectangular: exact enough at metres).
    const dx = (Math.fround(x.base + sx * x.step) - a) * Math.cos(b * RADIANS);
    const dy = Math.fround(y.base + sy * y.step) - b;
    fits = Math.sqrt(dx * dx + dy * dy) * RADIANS * EARTH_RADIUS_M <= POSITION_TOLERANCE_M;
  }
  if (!fits) {
    return [
      { layout: { type: "f32", offset: 0, length: n }, values: lon },
      { layout: { type: "f32", offset: 0, length: n }, values: lat },
    ];
  }
  return [
    { layout: { type: "u16", offset: 0, length: n, base: x.base, step: x.step }, values: qx },
    { layout: { type: "u16", offset: 0, length: n, base: y.base, step: y.step }, values: qy },
  ];
}

/** Radii as u16 tenths of a km when that gives every value back exactly (as float32); otherwise as f32. */
function tenths(radius: Float64Array): StoredColumn {
  const step = 0.1;
  const q = new Uint32Array(radius.length);
  for (let i = 0; i < radius.length; i++) {
    const r = radius[i] as number;
    const v = Math.round(r / step);
    if (!(v >= 0 && v <= 0xffff && Math.fround(v * step) === Math.fround(r))) {
      return { layout: { type: "f32", offset: 0, length: radius.length }, values: radius };
    }
    q[i] = v;
  }
  return { layout: { type: "u16", offset: 0, length: radius.length, base: 0, step }, values: q };
}

function writeColumn(view: DataView, layout: ColumnLayout, values: StoredValues): void {
  const at = layout.offset;
  const n = values.length;
  // DataView with an explicit little-endian flag: the file is the same on every machine.
  switch (layout.type) {
    case "u8":
      new Uint8Array(view.buffer, at, n).set(values);
      break;
    case "u16":
      for (let i = 0; i < n; i++) view.setUint16(at + i * 2, values[i] as number, true);
      break;
    case "u32":
      for (let i = 0; i < n; i++) view.setUint32(at + i * 4, values[i] as number, true);
      break;
    case "i32":
      for (let i = 0; i < n; i++) view.setInt32(at + i * 4, values[i] as number, true);
      break;
    case "f32":
      for (let i = 0; i < n; i++) view.setFloat32(at + i * 4, values[i] as number, true);
      break;
  }
}

/** The bytes of a Uint32Array in little-endian order. */
function littleEndianBytes(values: Uint32Array): ArrayBuffer {
  const out = new ArrayBuffer(values.length * 4);
  const view = new DataView(out);
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i] as number, true);
  return out;
}

/** GeoJSON order: date_start, then id (string order), as the pipeline sorts. Stable for equal keys. */
function inGeojsonOrder(features: readonly IncidentFeature[]): readonly IncidentFeature[] {
  const before = (a: IncidentFeature, b: IncidentFeature) => {
    const x = a.properties;
    const y = b.properties;
    return x.date_start < y.date_start
      ? -1
      : x.date_start > y.date_start
        ? 1
        : x.id < y.id
          ? -1
          : x.id > y.id
            ? 1
            : 0;
  };
  for (let i = 1; i < features.length; i++) {
    if (before(features[i - 1] as IncidentFeature, features[i] as IncidentFeature) > 0) {
      return [...features].sort(before);
    }
  }
  return features;
}

/**
 * All the files of the table of `collection`, in memory (tests, the e2e driver's generated data, benchmarks).
 * Features out of GeoJSON order are sorted into it first.
 * @example const files = createTableFiles(collection); files.get("table.json")
 */
export function createTableFiles(
  collection: IncidentCollection,
  options: { shardSize?: number; searchBucketBytes?: number } = {},
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const writer = new IncidentTableWriter(collection.meta, {
    ...options,
    bbox: collection.bbox ?? undefined,
    onFile: (name, bytes) => files.set(name, bytes.slice()),
  });
  for (const feature of inGeojsonOrder(collection.features)) writer.add(feature);
  writer.finish();
  return files;
}
