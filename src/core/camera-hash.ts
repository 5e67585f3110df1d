import { roundCamera } from "./selection-actions.ts";
import { decodeComponent } from "./url-components.ts";
import type { Camera } from "./view-state.ts";

/**
 * MapLibre's hash `#zoom/lat/lon`, rounded as the store rounds cameras (zoom 2 decimals, lat/lon 4);
 * "" when the camera is not set (fit all incidents).
 * @example encodeCameraHash({ zoom: 7.5, lat: 36.2, lon: 40.1 }) // "#7.5/36.2/40.1"
 */
export function encodeCameraHash(camera: Camera | null): string {
  if (camera === null) return "";
  const { zoom, lat, lon } = roundCamera(camera);
  return `#${zoom}/${lat}/${lon}`;
}

/** Reads `#zoom/lat/lon` (extra `/bearing/pitch` ignored). Empty hash: no camera; bad hash: not ok. */
export function decodeCameraHash(
  hash: string,
): { ok: true; camera: Camera | null } | { ok: false; value: string } {
  const text = hash.replace(/^#/, "");
  if (text === "") return { ok: true, camera: null };
  const parts = text.split("/");
  const numbers = parts.slice(0, 3).map((part) => (/^-?\d+(\.\d+)?$/.test(part) ? Number(part) : Number.NaN));
  const [zoom = Number.NaN, lat = Number.NaN, lon = Number.NaN] = numbers;
  const inRange = zoom >= 0 && zoom <= 24 && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  if (parts.length < 3 || !inRange) return { ok: false, value: decodeComponent(text) ?? text };
  return { ok: true, camera: roundCamera({ zoom, lat, lon }) };
}
