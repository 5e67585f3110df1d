import {
  COUNT_BITS,
  type ColumnLayout,
  type ColumnName,
  type ColumnType,
  POSITION_TOLERANCE_M,
  TYPE_BYTES,
} from "./incident-table.ts";

/**
 * How the table writer's columns become table.bin: each column in the narrowest type that holds it exactly (with
 * its base and step), laid out 8-byte aligned, little-endian on every machine.
 */

/** The columns as the writer grew them, one value (or one entry) per incident in GeoJSON order. */
export interface GrownColumns {
  dayStart: Int32Array;
  dayEnd: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  radiusKm: Float64Array;
  type: Uint32Array;
  governorate: Uint32Array;
  flagsPrecision: Uint8Array;
  actorCount: Uint32Array;
  actorCodes: Uint32Array;
  actorRoles: Uint8Array;
  sourceCount: Uint32Array;
  sourceCodes: Uint32Array;
}

/** Each column as it is stored: the narrowest type that holds it exactly, with its base and step. */
export function storedColumns(columns: GrownColumns, n: number): Record<ColumnName, StoredColumn> {
  const { dayStart, dayEnd } = columns;
  const base = n > 0 ? (dayStart[0] as number) : 0;
  const startSteps = new Uint32Array(n);
  const spans = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    startSteps[p] = (dayStart[p] as number) - (p > 0 ? (dayStart[p - 1] as number) : base);
    spans[p] = (dayEnd[p] as number) - (dayStart[p] as number);
  }
  const actorCount = columns.actorCount;
  const sourceCount = columns.sourceCount;
  const countType = narrowestCounts(actorCount, sourceCount);
  const bits = COUNT_BITS[countType] as number;
  const counts = new Uint32Array(n);
  for (let p = 0; p < n; p++) counts[p] = (actorCount[p] as number) + (sourceCount[p] as number) * 2 ** bits;
  const [lon, lat] = quantisedPoints(columns.lon, columns.lat);
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
    radiusKm: tenths(columns.radiusKm),
    type: coded(columns.type, "type", 0xffff),
    governorate: coded(columns.governorate, "governorate", 0xffff),
    flagsPrecision: plain("u8", columns.flagsPrecision),
    counts: plain(countType, counts),
    actorCodes: coded(columns.actorCodes),
    actorRoles: plain("u8", columns.actorRoles),
    sourceCodes: coded(columns.sourceCodes),
  };
}

/**
 * A file of columns (table.bin, relations.bin): the columns `include` chooses, one after the other, each at an 8-byte
 * aligned offset (written into its layout).
 */
export function packColumns(
  stored: Record<ColumnName, StoredColumn>,
  include: (name: ColumnName) => boolean = () => true,
): {
  bin: ArrayBuffer;
  columns: Partial<Record<ColumnName, ColumnLayout>>;
} {
  const chosen = (Object.entries(stored) as [ColumnName, StoredColumn][]).filter(([name]) => include(name));
  let bytes = 0;
  for (const [, column] of chosen) {
    column.layout.offset = bytes;
    bytes = align8(bytes + column.layout.length * TYPE_BYTES[column.layout.type]);
  }
  const bin = new ArrayBuffer(bytes);
  const view = new DataView(bin);
  const columns: Partial<Record<ColumnName, ColumnLayout>> = {};
  for (const [name, column] of chosen) {
    writeColumn(view, column.layout, column.values);
    columns[name] = column.layout;
  }
  return { bin, columns };
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
export interface StoredColumn {
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
export function littleEndianBytes(values: Uint32Array): ArrayBuffer {
  const out = new ArrayBuffer(values.length * 4);
  const view = new DataView(out);
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i] as number, true);
  return out;
}
