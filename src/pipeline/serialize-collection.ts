import type { IncidentCollection } from "../core/incident";

/**
 * The output file as a sequence of text chunks: the header with bbox and meta, then one feature per line.
 * Deterministic (key order is the order the objects were built in) and streamable, so a million features never
 * have to become one string. Joined, the chunks are valid JSON.
 */
export function* serializeCollection(collection: IncidentCollection): Generator<string> {
  const head: Record<string, unknown> = { type: "FeatureCollection" };
  if (collection.bbox) head.bbox = collection.bbox;
  head.meta = collection.meta;
  const headText = JSON.stringify(head, null, 2);
  yield `${headText.slice(0, -2)},\n  "features": [`;
  const n = collection.features.length;
  for (let i = 0; i < n; i++) {
    yield `${i === 0 ? "\n" : ",\n"}${JSON.stringify(collection.features[i])}`;
  }
  yield "\n]}\n";
}

/** The whole output as one string (small collections, tests). */
export function stringifyCollection(collection: IncidentCollection): string {
  let out = "";
  for (const chunk of serializeCollection(collection)) out += chunk;
  return out;
}
