import { dayNumberToIsoDay } from "./day-number.ts";
import { inGeojsonOrder } from "./geojson-order.ts";
import { float64Column, int32Column, uint8Column, uint32Column } from "./growing-column.ts";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "./incident.ts";
import {
  PRECISION_SHIFT,
  RELATION_COLUMNS,
  TABLE_FILES,
  TABLE_FORMAT,
  TABLE_VERSION,
  type TableHeader,
} from "./incident-table.ts";
import { ByteBuffer, CLOSE_BRACKET, COMMA, OPEN_BRACKET, ShardBuffer } from "./json-bytes.ts";
import type { TextFolder } from "./normalize-text.ts";
import { foldOwnText, SearchIndexBuilder, type SearchIndexFiles } from "./search-index.ts";
import { type GrownColumns, littleEndianBytes, packColumns, storedColumns } from "./stored-columns.ts";
import { TableCodes } from "./table-codes.ts";
import { emptyTableRow, fillTableRow, type TableRow } from "./table-row.ts";

export { emptyTableRow, type TableRow } from "./table-row.ts";

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
  /**
   * The search index's files, when the caller builds the index itself (then `addRow` is given no `fold`): the
   * pipeline builds it from its store, on another thread at scale.
   */
  searchFiles?: () => SearchIndexFiles;
}

const encoder = new TextEncoder();

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
  /** The codes of the vocabularies (`addRow`'s caller codes its rows with them). */
  readonly codes: TableCodes;
  private readonly dayStart = int32Column();
  private readonly dayEnd = int32Column();
  private readonly lon = float64Column();
  private readonly lat = float64Column();
  private readonly radiusKm = float64Column();
  private readonly type = uint32Column();
  private readonly governorate = uint32Column();
  /** FLAG_BITS and the date precision in one byte (see the `flagsPrecision` column). */
  private readonly flagsPrecision = uint8Column();
  private readonly actorCount = uint32Column();
  private readonly actorCodes = uint32Column();
  private readonly actorRoles = uint8Column();
  private readonly sourceCount = uint32Column();
  private readonly sourceCodes = uint32Column();
  private readonly search: SearchIndexBuilder;
  private readonly searchFiles: (() => SearchIndexFiles) | undefined;
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
    this.searchFiles = options.searchFiles;
    this.bboxOption = options.bbox;
    this.codes = new TableCodes(meta);
  }

  /**
   * Adds the next feature. `featureJson`, when given, is its JSON text (the GeoJSON's line), copied into the shard
   * as it is; otherwise the feature is stringified.
   */
  add(feature: IncidentFeature, featureJson?: string): void {
    fillTableRow(this.row, feature, this.codes);
    const json = encoder.encode(featureJson ?? JSON.stringify(feature));
    this.addRow(this.row, json, 0, json.length, (folder) => foldOwnText(folder, feature));
  }

  /**
   * Adds the next incident from its fields: `feature` from `from` to `to` is its feature's JSON (UTF-8), copied into
   * its shard as it is, and `fold` adds its own searchable text (the fields `foldOwnText` reads) to the search
   * index's folder, or as tokens (`index.tokenIds`) to `index`; null when the `searchFiles` option gives the index.
   */
  addRow(
    row: TableRow,
    feature: Uint8Array,
    from: number,
    to: number,
    fold: ((folder: TextFolder, index: SearchIndexBuilder) => void) | null,
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
    ids.byte(position === 0 ? OPEN_BRACKET : COMMA);
    ids.jsonString(row.id);
    if (fold !== null) {
      fold(this.search.startRecord(position), this.search);
      this.search.endRecord();
    } else if (this.searchFiles === undefined) {
      throw new Error("IncidentTableWriter: addRow without fold needs the searchFiles option");
    }
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

  private grownColumns(): GrownColumns {
    return {
      dayStart: this.dayStart.values,
      dayEnd: this.dayEnd.values,
      lon: this.lon.values,
      lat: this.lat.values,
      radiusKm: this.radiusKm.values,
      type: this.type.values,
      governorate: this.governorate.values,
      flagsPrecision: this.flagsPrecision.values,
      actorCount: this.actorCount.values,
      actorCodes: this.actorCodes.values,
      actorRoles: this.actorRoles.values,
      sourceCount: this.sourceCount.values,
      sourceCodes: this.sourceCodes.values,
    };
  }

  private flushShard(): void {
    if (this.shard.count === 0) return;
    this.onFile(TABLE_FILES.shard(this.shardCount++), this.shard.take());
  }

  /**
   * Writes the last shard, the search files, ids.json, relations.bin, table.bin and, last, table.json; returns the
   * header.
   */
  finish(): TableHeader {
    if (this.finished) throw new Error("IncidentTableWriter: finish called twice");
    this.finished = true;
    this.flushShard();
    const search = this.searchFiles ? this.searchFiles() : this.search.finish();
    this.onFile(TABLE_FILES.searchTokens, encoder.encode(search.tokensText));
    this.onFile(TABLE_FILES.searchOffsets, new Uint8Array(littleEndianBytes(search.offsets)));
    search.buckets.forEach((bucket, b) => {
      this.onFile(TABLE_FILES.searchBucket(b), bucket);
    });
    if (this.count === 0) this.idsJson.byte(OPEN_BRACKET);
    this.idsJson.byte(CLOSE_BRACKET);
    this.onFile(TABLE_FILES.ids, this.idsJson.take());

    const stored = storedColumns(this.grownColumns(), this.count);
    const core = packColumns(stored, (name) => !RELATION_COLUMNS.includes(name));
    const relations = packColumns(stored, (name) => RELATION_COLUMNS.includes(name));

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
      meta: this.codes.meta,
      bytes: core.bin.byteLength,
      relationBytes: relations.bin.byteLength,
      columns: { ...core.columns, ...relations.columns } as TableHeader["columns"],
      shardSize: this.shardSize,
      shardCount: this.shardCount,
      search: { tokenCount: search.offsets.length - 1, bucketStarts: search.bucketStarts },
    };
    this.onFile(TABLE_FILES.relations, new Uint8Array(relations.bin));
    this.onFile(TABLE_FILES.columns, new Uint8Array(core.bin));
    // Last, so a reader that finds table.json finds the files it describes.
    this.onFile(TABLE_FILES.header, encoder.encode(JSON.stringify(header)));
    return header;
  }
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
