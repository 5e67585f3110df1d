/// <reference lib="webworker" />

import { parseDigestWithoutRows } from "../core/digest-rows.ts";
import { createIncidentIndex, type IncidentIndex, indexColumnsOf } from "../core/filter.ts";
import type { CollectionMeta, IncidentCollection } from "../core/incident.ts";
import { checkDigest, type IncidentDigest, indexFromDigest } from "../core/incident-digest.ts";
import { createSearchText } from "../core/search-text.ts";
import { loadFeatureRanges } from "./load-feature-ranges.ts";
import type { FeatureBytes, WorkerReply, WorkerRequest } from "./load-incidents.ts";
import { mapFeatureBytes } from "./map-feature-bytes.ts";

/**
 * The loading worker: fetches the data, builds the filter index off the main thread and sends back typed
 * columns and byte ranges, all transferred (zero-copy). Posting feature objects back would cost the main thread
 * a structured clone as long as the parse it saves.
 *
 * With the digest (incidents.digest.json, a few percent of the GeoJSON) the index and the list rows come from
 * it, so the first render waits for a small file only; the GeoJSON follows ("details": the panel, exports) and
 * then the search text. Without a usable digest, everything comes from the GeoJSON, as one "index" reply.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;

let detailsWanted: () => void = () => undefined;
const whenDetailsWanted = new Promise<void>((resolve) => {
  detailsWanted = resolve;
});

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  if (event.data.kind === "details") detailsWanted();
  else void load(event.data.url, event.data.digestUrl);
};

async function load(url: string, digestUrl: string | null): Promise<void> {
  let stage: "index" | "details" = "index";
  try {
    const fetched = digestUrl ? await fetchDigest(digestUrl) : null;
    const digest = fetched?.digest ?? null;
    if (fetched && digest) {
      postIndex(indexFromDigest(digest), digest.ids, digest.meta, digest.bbox, { rows: fetched.rows });
      stage = "details";
      // On a 2-core machine, reading 250 MB now would slow the first render it is not needed for: the page
      // asks once the map has drawn, or sooner when the reader opens an incident or searches the text.
      await whenDetailsWanted;
    }
    const bytes = await fetchBytes(url);
    // Marks for the browser benchmark's load breakdown (test/bench/browser-bench.ts); cheap and harmless.
    performance.mark("atlas:fetched");
    const collection = JSON.parse(new TextDecoder().decode(bytes)) as IncidentCollection;
    if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
      throw new Error("incidents.geojson is not a FeatureCollection");
    }
    const features = collection.features;
    if (digest && features.length !== digest.count) {
      throw new Error(
        `incidents.digest.json lists ${digest.count} incidents but incidents.geojson has ${features.length}: rebuild both with npm run data:build`,
      );
    }
    // Same count is not same incidents: a digest from an earlier build would tie list rows and points to the
    // wrong incidents' details. Hashing here keeps it off the first render (this is the details stage).
    if (digest?.geojson_sha256 !== undefined && crypto.subtle) {
      const sha = await sha256Hex(bytes);
      if (sha !== digest.geojson_sha256.toLowerCase()) {
        throw new Error(
          "incidents.digest.json was built from another incidents.geojson: rebuild both with npm run data:build",
        );
      }
    }
    const details = featureRangesOf(bytes, features);
    if (digest) {
      const reply: WorkerReply = { kind: "details", ...details };
      scope.postMessage(reply, [
        details.bytes.buffer,
        details.starts.buffer,
        details.ends.buffer,
      ] as ArrayBuffer[]);
    } else {
      const index = createIncidentIndex(features, collection.meta);
      const ids = features.map((feature) => feature.properties.id);
      postIndex(index, ids, collection.meta, collection.bbox ?? null, { details });
    }
    // The search text is built from the objects this worker holds; the main thread never folds text.
    const aliases = new Map((collection.meta?.actors ?? []).map((actor) => [actor.id, actor.aliases]));
    const search = createSearchText(features, aliases);
    const searchReply: WorkerReply = { kind: "search", search };
    scope.postMessage(searchReply, [search.ends.buffer]);
  } catch (error) {
    const reply: WorkerReply = {
      kind: "error",
      stage,
      message: error instanceof Error ? error.message : String(error),
    };
    scope.postMessage(reply);
  }
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Hex SHA-256 of `bytes`, as the build writes it. Only called where crypto.subtle exists: browsers leave it out
 * of pages served over plain http from a host other than localhost, and there the app must still load.
 */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // fetchBytes makes `bytes` from an ArrayBuffer (never shared), which is what digest() takes.
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const byte of hash) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * The digest and its list rows as text, or null when there is none or it is not one this app reads (then the
 * GeoJSON does it all). The rows are cut out of the text unparsed (core/digest-rows.ts); a digest that cannot
 * be cut is parsed whole and its rows written back as text.
 */
async function fetchDigest(url: string): Promise<{ digest: IncidentDigest; rows: RowText } | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const text = await response.text();
    const cut = parseDigestWithoutRows(text);
    if (cut) {
      const digest = checkDigest(cut.value, cut.starts.length);
      return digest && { digest, rows: { text: cut.text, starts: cut.starts, ends: cut.ends } };
    }
    const digest = checkDigest(JSON.parse(text));
    return digest && { digest, rows: rowTextOf(digest) };
  } catch {
    return null;
  }
}

type RowText = { text: string; starts: Uint32Array; ends: Uint32Array };

/** The list rows written back as text, where the digest's text could not be cut. */
function rowTextOf(digest: IncidentDigest): RowText {
  const starts = new Uint32Array(digest.count);
  const ends = new Uint32Array(digest.count);
  const parts: string[] = [];
  let length = 0;
  digest.rows.forEach((row, i) => {
    const part = JSON.stringify(row);
    parts.push(part);
    starts[i] = length;
    length += part.length;
    ends[i] = length;
  });
  return { text: parts.join(""), starts, ends };
}

/** Byte ranges of each feature in the file; when the scan disagrees with the parse, each feature re-encoded. */
function featureRangesOf(bytes: Uint8Array, features: readonly unknown[]): FeatureBytes {
  const ranges = loadFeatureRanges(bytes);
  if (ranges && ranges.starts.length === features.length) return { bytes, ...ranges };
  // Not the shape the scan expects (hand-edited file?): encode each feature again instead.
  const encoded = encodeEach(features);
  return { bytes: encoded.bytes, ...encoded.ranges };
}

function postIndex(
  index: IncidentIndex,
  ids: readonly string[],
  meta: CollectionMeta,
  bbox: [number, number, number, number] | null,
  extra: { rows: RowText } | { details: FeatureBytes },
): void {
  const map = mapFeatureBytes(index, ids);
  const { columns, transfer } = indexColumnsOf(index);
  const reply: WorkerReply = {
    kind: "index",
    meta,
    bbox,
    columns,
    idText: JSON.stringify(ids),
    map,
    ...("rows" in extra ? { rows: extra.rows, details: null } : { rows: null, details: extra.details }),
  };
  const buffers = [...transfer, map.bytes.buffer, map.offsets.buffer];
  if ("rows" in extra) buffers.push(extra.rows.starts.buffer, extra.rows.ends.buffer);
  else buffers.push(extra.details.bytes.buffer, extra.details.starts.buffer, extra.details.ends.buffer);
  scope.postMessage(reply, buffers as ArrayBuffer[]);
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
