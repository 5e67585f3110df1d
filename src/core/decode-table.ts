import {
  COUNT_BITS,
  type ColumnLayout,
  type ColumnName,
  type ColumnType,
  type CoreTable,
  FLAG_BITS,
  type IncidentTable,
  PER_INCIDENT,
  PRECISION_SHIFT,
  REBUILD,
  TABLE_FILES,
  type TableHeader,
  TYPE_BYTES,
} from "./incident-table.ts";
import { checkTableHeader } from "./table-header.ts";

// The table's columns, decoded: each stored column is viewed in place where its type allows, widened otherwise.

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
  return column instanceof Uint16Array ? column : new Uint16Array(column);
}
function widen32(column: Stored): Uint32Array {
  return column instanceof Uint32Array ? column : new Uint32Array(column);
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
    s += c >>> bits;
    actors[p + 1] = a;
    sources[p + 1] = s;
  }
  return { actors, sources };
}

/** A reader of one column file's columns, refusing a file that is not the one the header describes. */
function columnReader(header: TableHeader, bin: ArrayBuffer, file: string, expected: number) {
  if (bin.byteLength < expected) {
    throw new Error(
      `${file} is ${bin.byteLength} bytes, the header expects ${expected}: the file is truncated; upload it again, or ${REBUILD}`,
    );
  }
  if (bin.byteLength > expected) {
    throw new Error(
      `${file} is ${bin.byteLength} bytes, the header expects ${expected}: it is not the ${file} of this table.json; ${REBUILD} and deploy the whole table folder`,
    );
  }
  const damaged = (what: string): never => {
    throw new Error(`${file} does not match ${TABLE_FILES.header} (${what}): ${REBUILD}`);
  };
  const column = (name: ColumnName): Stored => {
    const layout = header.columns[name];
    if (layout.offset + layout.length * TYPE_BYTES[layout.type] > expected)
      damaged(`column ${name} ends past the file`);
    if (PER_INCIDENT.includes(name) && layout.length !== header.count)
      damaged(`column ${name} has ${layout.length} values for ${header.count} incidents`);
    return storedColumn(bin, layout);
  };
  return { column, damaged };
}

/**
 * The table without its relations, from its checked header and the bytes of table.bin: what first render needs.
 * Throws an Error naming the file and what to do when table.bin is not the one the header describes (truncated, or
 * from another build).
 * @example const core = decodeCore(checkTableHeader(JSON.parse(headerText)), await response.arrayBuffer());
 */
export function decodeCore(header: TableHeader, bin: ArrayBuffer): CoreTable {
  const n = header.count;
  const { column, damaged } = columnReader(header, bin, TABLE_FILES.columns, header.bytes);

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
    minDay: n > 0 ? (dayStart[0] as number) : 0,
    maxDay: n > 0 ? runningMax : 0,
    shardSize: header.shardSize,
    shardCount: header.shardCount,
    search: header.search,
  };
}

/**
 * The actor and source entries of every incident, from the bytes of relations.bin; throws as decodeCore does.
 * @example const table = { ...core, ...decodeRelations(header, await response.arrayBuffer()) };
 */
export function decodeRelations(
  header: TableHeader,
  relationsBin: ArrayBuffer,
): Pick<IncidentTable, "actors" | "sources"> {
  const n = header.count;
  const { column, damaged } = columnReader(header, relationsBin, TABLE_FILES.relations, header.relationBytes);
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
  return {
    actors: { offsets: offsets.actors, codes: widen32(actorCodes), roles: actorRoles },
    sources: { offsets: offsets.sources, codes: widen32(sourceCodes) },
  };
}

/** The whole table from its header, table.bin and relations.bin (tools and tests; the app decodes in two steps). */
export function decodeTable(header: TableHeader, bin: ArrayBuffer, relationsBin: ArrayBuffer): IncidentTable {
  return { ...decodeCore(header, bin), ...decodeRelations(header, relationsBin) };
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
  return decodeTable(
    header,
    file(TABLE_FILES.columns).slice().buffer,
    file(TABLE_FILES.relations).slice().buffer,
  );
}
