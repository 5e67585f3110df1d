/// <reference lib="webworker" />
import { createIncidentIndex, type IncidentIndex, indexColumnsOf } from "../core/filter";
import type { CollectionMeta, IncidentCollection } from "../core/incident";
import { createSearchText } from "../core/search-text";
import { EVENT_TYPES } from "../core/vocabulary";
import { loadFeatureRanges } from "./load-feature-ranges";
import type { WorkerReply, WorkerRequest } from "./load-incidents";

/**
 * The loading worker: parses incidents.geojson and builds the filter index off the main thread, then sends
 * back only typed columns, the file's own bytes and the byte range of each feature, all transferred
 * (zero-copy). Posting feature objects back would cost the main thread a structured clone as long as the
 * parse it saves. The search text follows in a second message, so the first render does not wait for it.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  try {
    const response = await fetch(event.data.url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const buffer = await response.arrayBuffer();
    // Marks for the browser benchmark's load breakdown (test/bench/browser-bench.ts); cheap and harmless.
    performance.mark("atlas:fetched");
    load(buffer);
  } catch (error) {
    const reply: WorkerReply = {
      kind: "error",
      message: error instanceof Error ? error.message : String(error),
    };
    scope.postMessage(reply);
  }
};

function load(buffer: ArrayBuffer): void {
  let bytes: Uint8Array = new Uint8Array(buffer);
  const collection = JSON.parse(new TextDecoder().decode(bytes)) as IncidentCollection;
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new Error("incidents.geojson is not a FeatureCollection");
  }
  const features = collection.features;
  let ranges = loadFeatureRanges(bytes);
  if (!ranges || ranges.starts.length !== features.length) {
    // Not the shape the scan expects (hand-edited file?): encode each feature again instead.
    const encoded = encodeEach(features);
    bytes = encoded.bytes;
    ranges = encoded.ranges;
  }
  const index = createIncidentIndex(features, collection.meta);
  const ids = features.map((feature) => feature.properties.id);
  const map = mapFeatureBytes(index, ids, collection.meta);
  const { columns, transfer } = indexColumnsOf(index);
  const reply: WorkerReply = {
    kind: "index",
    meta: collection.meta,
    bbox: collection.bbox ?? null,
    columns,
    idText: JSON.stringify(ids),
    bytes,
    starts: ranges.starts,
    ends: ranges.ends,
    map,
  };
  scope.postMessage(reply, [
    ...transfer,
    bytes.buffer as ArrayBuffer,
    ranges.starts.buffer,
    ranges.ends.buffer,
    map.bytes.buffer as ArrayBuffer,
    map.offsets.buffer,
  ]);

  // The search text is built from the objects this worker still holds; the main thread never folds text.
  const aliases = new Map((collection.meta?.actors ?? []).map((actor) => [actor.id, actor.aliases]));
  const search = createSearchText(features, aliases);
  const searchReply: WorkerReply = { kind: "search", search };
  scope.postMessage(searchReply, [search.ends.buffer]);
}

/**
 * What the map draws of each incident, as GeoJSON Feature text followed by a comma, in DATE order (position p
 * is feature order[p]): the filter's result is in date order too, so a date range is one contiguous run of
 * bytes and the main thread assembles a push from a few slices instead of 100k objects. Properties as in
 * src/map/incident-layer.ts (SlimProperties): id, colour, approximate flag, feature index.
 */
function mapFeatureBytes(
  index: IncidentIndex,
  ids: readonly string[],
  meta: CollectionMeta | undefined,
): { bytes: Uint8Array; offsets: Uint32Array } {
  const colors = new Map((meta?.event_types ?? []).map((type) => [type.id, type.color]));
  // The vocabulary's colour-blind-safe palette wins over the data's.
  for (const type of EVENT_TYPES) colors.set(type.id, type.color);
  const colorByCode: string[] = [];
  for (const [id, code] of index.typeCodes) colorByCode[code] = colors.get(id) ?? "#777777";
  const n = index.size;
  const offsets = new Uint32Array(n + 1);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let length = 0;
  let text = "";
  for (let p = 0; p < n; p++) {
    const i = index.order[p] as number;
    const fragment =
      `{"type":"Feature","geometry":{"type":"Point","coordinates":[${index.lon[i]},${index.lat[i]}]},` +
      `"properties":{"id":${JSON.stringify(ids[i])},"color":${JSON.stringify(colorByCode[index.featureType[i] as number] ?? "#777777")},` +
      `"approximate":${index.approximate[i] === 1},"index":${i}}},`;
    offsets[p] = length + text.length;
    text += fragment;
    // Ids are checked ASCII by the pipeline (slugs); a non-ASCII one is encoded on its own to keep offsets exact.
    if (!isAscii(fragment) || text.length > 1 << 20) {
      if (!isAscii(fragment)) {
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

function isAscii(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 127) return false;
  return true;
}

function encodeEach(features: readonly unknown[]): {
  bytes: Uint8Array;
  ranges: { starts: Uint32Array; ends: Uint32Array };
} {
  const encoder = new TextEncoder();
  const parts = features.map((feature) => encoder.encode(JSON.stringify(feature)));
  const starts = new Uint32Array(parts.length);
  const ends = new Uint32Array(parts.length);
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  parts.forEach((part, i) => {
    starts[i] = at;
    bytes.set(part, at);
    at += part.length;
    ends[i] = at;
  });
  return { bytes, ranges: { starts, ends } };
}
