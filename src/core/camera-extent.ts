import type { Insets } from "./covered-insets.ts";

/**
 * Keeps the camera inside the area a basemap has data for, so its edge (where the sea colour stops in a straight
 * line) never shows. MapLibre's own `maxBounds` only keeps the *padded* part of the view inside the bounds: with
 * camera padding for a panel or the legend, the strips under them could still show beyond the edge. This keeps the
 * whole box in, whatever the padding, and zooms in when the box is too big for the area at that zoom.
 */

/** Web Mercator tile size of MapLibre's zoom levels: the world is `TILE_SIZE × 2^zoom` pixels wide. */
const TILE_SIZE = 512;

export interface CameraBox {
  /** The map's size in CSS pixels. */
  width: number;
  height: number;
  /** The camera padding: the centre is the middle of what it leaves. */
  padding: Insets;
}

export interface CenterZoom {
  lng: number;
  lat: number;
  zoom: number;
}

function mercatorX(lng: number): number {
  return (lng + 180) / 360;
}

function mercatorY(lat: number): number {
  const phi = (lat * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
}

function lngOf(x: number): number {
  return x * 360 - 180;
}

function latOf(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** Moves `value` the least so that [value - before, value + after] lies in [min, max]. */
function clampSpan(value: number, before: number, after: number, min: number, max: number): number {
  if (value - before < min) return min + before;
  if (value + after > max) return max - after;
  return value;
}

/**
 * The camera nearest to `wanted` whose whole `box` shows only what lies in `extent` ([west, south, east, north]):
 * zoomed in as far as needed to fit, then moved in from the edges.
 * @example constrainToExtent({ lng: 39, lat: 35, zoom: 3 }, { width: 600, height: 400, padding: NO_INSETS }, [34, 31, 44, 39])
 * // zoom ≈ 5.08 (600 px must not span more than 10° of longitude), centre kept
 */
export function constrainToExtent(
  wanted: CenterZoom,
  box: CameraBox,
  extent: readonly [number, number, number, number],
): CenterZoom {
  const { width, height, padding } = box;
  if (!(width > 0 && height > 0)) return wanted;
  const [west, south, east, north] = extent;
  const minX = mercatorX(west);
  const maxX = mercatorX(east);
  const minY = mercatorY(north);
  const maxY = mercatorY(south);
  const fits = Math.log2(Math.max(width / ((maxX - minX) * TILE_SIZE), height / ((maxY - minY) * TILE_SIZE)));
  const zoom = Math.max(wanted.zoom, fits);
  const world = TILE_SIZE * 2 ** zoom;
  // Where the centre sits in the box: the middle of the part the padding leaves.
  const cx = padding.left + (width - padding.left - padding.right) / 2;
  const cy = padding.top + (height - padding.top - padding.bottom) / 2;
  const x0 = mercatorX(wanted.lng) * world;
  const y0 = mercatorY(wanted.lat) * world;
  const x = clampSpan(x0, cx, width - cx, minX * world, maxX * world);
  const y = clampSpan(y0, cy, height - cy, minY * world, maxY * world);
  // Unchanged values pass through as given: a round trip through Mercator would drift in the last digits.
  return {
    lng: x === x0 ? wanted.lng : lngOf(x / world),
    lat: y === y0 ? wanted.lat : latOf(y / world),
    zoom,
  };
}
