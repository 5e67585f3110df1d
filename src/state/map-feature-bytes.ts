import type { IncidentIndex } from "../core/filter.ts";
import type { MapFeatureBytes } from "./load-incidents.ts";

/**
 * What the map draws of each incident, as GeoJSON Feature text followed by a comma, in DATE order (position p
 * is feature order[p]): the filter's result is in date order too, so a date range is one contiguous run of
 * bytes and the main thread assembles a push from a few slices instead of 100k objects. Properties as in
 * src/map/incident-layer.ts (SlimProperties): id, event type code, approximate flag, feature index.
 */
export function mapFeatureBytes(index: IncidentIndex, ids: readonly string[]): MapFeatureBytes {
  const n = index.size;
  const offsets = new Uint32Array(n + 1);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let length = 0;
  let text = "";
  // Ids are slugs (ASCII, checked by the pipeline): then a fragment's bytes are its characters, with one check
  // of all ids instead of one of every fragment.
  const asciiIds = ids.every(isAscii);
  for (let p = 0; p < n; p++) {
    const i = index.order[p] as number;
    const fragment =
      `{"type":"Feature","geometry":{"type":"Point","coordinates":[${metre(index.lon[i] as number)},${metre(index.lat[i] as number)}]},` +
      `"properties":{"id":${JSON.stringify(ids[i])},"t":${index.featureType[i]},` +
      `"approximate":${index.approximate[i] === 1},"index":${i}}},`;
    offsets[p] = length + text.length;
    text += fragment;
    // A fragment with a non-ASCII id is encoded on its own, to keep the offsets in bytes exact.
    const ascii = asciiIds || isAscii(fragment);
    if (!ascii || text.length > 1 << 20) {
      if (!ascii) {
        const head = text.slice(0, text.length - fragment.length);
        const encodedHead = encoder.encode(head);
        const encodedFragment = encoder.encode(fragment);
        parts.push(encodedHead, encodedFragment);
        offsets[p] = length + encodedHead.length;
        length += encodedHead.length + encodedFragment.length;
      } else {
        parts.push(encoder.encode(text));
        length += text.length;
      }
      text = "";
    }
  }
  if (text) {
    parts.push(encoder.encode(text));
    length += text.length;
  }
  offsets[n] = length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, offsets };
}

/** Degrees to 5 decimals (about a metre): the map needs no more, and shorter text parses faster. */
function metre(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}

function isAscii(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 127) return false;
  return true;
}
