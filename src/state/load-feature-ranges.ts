import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from "../core/json-chars.ts";

/**
 * Byte ranges of the elements of the top-level `"features"` array in a GeoJSON FeatureCollection's UTF-8
 * bytes, found with one scan (strings and escapes skipped, brackets counted). The loading worker sends the
 * file's bytes to the main thread untouched, with these ranges, so the main thread can `JSON.parse` one
 * incident when it needs it instead of holding 100k feature objects.
 *
 * Returns null when the brackets do not balance. Elements that are not objects are not counted, so the caller
 * compares the count with the parsed features and, when they differ, re-encodes each feature itself.
 * @example
 * const ranges = loadFeatureRanges(new TextEncoder().encode('{"features":[{"a":1},{"b":"]"}]}'));
 * // ranges.starts = [13, 21], ranges.ends = [20, 30]
 */
export function loadFeatureRanges(bytes: Uint8Array): { starts: Uint32Array; ends: Uint32Array } | null {
  const n = bytes.length;
  let starts: Uint32Array = new Uint32Array(1024);
  let ends: Uint32Array = new Uint32Array(1024);
  let count = 0;
  let depth = 0;
  // Depth of the features array's elements once found (top object = 1, the array = 2, elements open at 2).
  let inFeatures = false;
  let lastKey = "";
  let keyStart = -1;
  let afterKey = false;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      const from = i + 1;
      // Skip the string; a backslash escapes the next byte (multi-byte UTF-8 never contains 0x22 or 0x5c).
      for (i = from; i < n; i++) {
        const d = bytes[i] as number;
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
      // Keys of the top-level object: remember the last one, to know which array "features" is.
      if (depth === 1) keyStart = from;
      if (depth === 1 && i - from === 8) lastKey = String.fromCharCode(...bytes.subarray(from, i));
      else if (depth === 1) lastKey = "";
      continue;
    }
    if (c === COLON) {
      afterKey = depth === 1 && keyStart >= 0;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === 1 && afterKey && c === OPEN_ARRAY && lastKey === "features") inFeatures = true;
      else if (inFeatures && depth === 2) {
        if (c !== OPEN_OBJECT) return null;
        start = i;
      }
      afterKey = false;
      depth++;
      continue;
    }
    if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (inFeatures && depth === 2) {
        if (count === starts.length) {
          starts = grow(starts);
          ends = grow(ends);
        }
        starts[count] = start;
        ends[count] = i + 1;
        count++;
      } else if (inFeatures && depth === 1) inFeatures = false;
    }
  }
  if (depth !== 0) return null;
  return { starts: starts.slice(0, count), ends: ends.slice(0, count) };
}

function grow(array: Uint32Array): Uint32Array {
  const grown = new Uint32Array(array.length * 2);
  grown.set(array);
  return grown;
}
