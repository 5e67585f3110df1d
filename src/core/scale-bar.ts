/**
 * A scale bar for a map image: a round distance and how many pixels it takes, as MapLibre's own scale control
 * chooses them (1, 2, 3 or 5 times a power of ten), for a bar no longer than `maxPixels`.
 */

/** Web Mercator at zoom 0 with MapLibre's 512 px tiles: the equator's length over the world's width in pixels. */
const EQUATOR_METRES = 40_075_016.686;
const WORLD_PIXELS_AT_ZOOM_0 = 512;

export interface ScaleBar {
  /** The distance in `unit`, a round number. */
  distance: number;
  unit: "km" | "m";
  /** The bar's length in CSS pixels. */
  pixels: number;
}

/**
 * Ground metres per CSS pixel at `latitude` (degrees) and MapLibre `zoom`.
 * @example metresPerPixel(0, 0) // 78271.517…
 */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EQUATOR_METRES * Math.cos((latitude * Math.PI) / 180)) / (WORLD_PIXELS_AT_ZOOM_0 * 2 ** zoom);
}

/**
 * The longest round distance that fits in `maxPixels` at `metresPerPixelHere`.
 * @example scaleBar(100, 100) // { distance: 10, unit: "km", pixels: 100 }
 * @example scaleBar(30, 100) // { distance: 3, unit: "km", pixels: 100 }
 */
export function scaleBar(metresPerPixelHere: number, maxPixels: number): ScaleBar | null {
  if (!(metresPerPixelHere > 0) || !(maxPixels > 0) || !Number.isFinite(metresPerPixelHere)) return null;
  const maxMetres = metresPerPixelHere * maxPixels;
  const metres = roundDown(maxMetres);
  const pixels = metres / metresPerPixelHere;
  return metres >= 1000
    ? { distance: metres / 1000, unit: "km", pixels }
    : { distance: metres, unit: "m", pixels };
}

/** The largest 1, 2, 3 or 5 × 10ⁿ not above `value`. */
function roundDown(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const leading = value / power;
  const step = leading >= 5 ? 5 : leading >= 3 ? 3 : leading >= 2 ? 2 : 1;
  return step * power;
}
