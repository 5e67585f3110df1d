/// <reference lib="webworker" />
import { createIncidentIndex, indexColumnsOf } from "../core/filter";
import type { IncidentCollection } from "../core/incident";
import { createSearchText } from "../core/search-text";
import { loadFeatureRanges } from "./load-feature-ranges";
import type { WorkerReply, WorkerRequest } from "./load-incidents";

/**
 * The loading worker: parses incidents.geojson and builds the filter index off the main thread, then sends
 * back only typed columns, the file's own bytes and the byte range of each feature, all transferred
 * (zero-copy). Posting feature objects back would cost the main thread a structured clone as long as the
 * parse it saves. The search text follows in a second message, so the first render does not wait for it.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  try {
    load(event.data.bytes);
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
  const { columns, transfer } = indexColumnsOf(index);
  const reply: WorkerReply = {
    kind: "index",
    meta: collection.meta,
    bbox: collection.bbox ?? null,
    columns,
    ids,
    bytes,
    starts: ranges.starts,
    ends: ranges.ends,
  };
  scope.postMessage(reply, [
    ...transfer,
    bytes.buffer as ArrayBuffer,
    ranges.starts.buffer,
    ranges.ends.buffer,
  ]);

  // The search text is built from the objects this worker still holds; the main thread never folds text.
  const aliases = new Map((collection.meta?.actors ?? []).map((actor) => [actor.id, actor.aliases]));
  const search = createSearchText(features, aliases);
  const searchReply: WorkerReply = { kind: "search", search };
  scope.postMessage(searchReply, [search.ends.buffer]);
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
