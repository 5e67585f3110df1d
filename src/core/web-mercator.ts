import type { CoreTable } from "./incident-table.ts";

/** The mean Earth radius MapLibre and Turf use, in metres. */
export const EARTH_RADIUS_M = 6371008.8;
export const WORLD_PX_Z0 = 512;
/** Web Mercator's latitude limit: the world is square. */
export const MAX_LAT = 85.0511287798066;

/** Web-Mercator y of a latitude in [0, 1] (0 = north edge), clamped to the square world. */
export function mercatorY(lat: number): number {
  const clamped = Math.min(MAX_LAT, Math.max(-MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return y < 0 ? 0 : y > 1 ? 1 : Number.isNaN(y) ? 0.5 : y;
}

/** Web-Mercator x of a longitude in [0, 1] (0 = −180°); not wrapped. */
export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

/**
 * The y of each position, projected once per table: a logarithm per incident per request would be most of the
 * work of a view.
 */
const projectedY = new WeakMap<Float32Array, Float64Array>();
export function yColumn(table: CoreTable): Float64Array {
  let ys = projectedY.get(table.lat);
  if (!ys || ys.length !== table.count) {
    ys = new Float64Array(table.count);
    for (let p = 0; p < table.count; p++) ys[p] = mercatorY(table.lat[p] as number);
    projectedY.set(table.lat, ys);
  }
  return ys;
}
