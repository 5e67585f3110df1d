import type { ClaimRef, IncidentCollection, IncidentFeature } from "../../core/incident.ts";

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
  const json = createFragmentCache();
  for (let i = 0; i < n; i++) {
    yield `${i === 0 ? "\n" : ",\n"}${stringifyFeature(collection.features[i] as IncidentFeature, json)}`;
  }
  yield "\n]}\n";
}

/** The whole output as one string (small collections, tests). */
export function stringifyCollection(collection: IncidentCollection): string {
  let out = "";
  for (const chunk of serializeCollection(collection)) out += chunk;
  return out;
}

/**
 * JSON of objects shared by many features (actors, sources, places, governorates, position phrases), computed
 * once per object: at 1M features this is most of the output and most of the time JSON.stringify would spend.
 */
function createFragmentCache(): (value: object | null) => string {
  const cache = new WeakMap<object, string>();
  return (value) => {
    if (value === null) return "null";
    let text = cache.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      cache.set(value, text);
    }
    return text;
  };
}

/** Same text as JSON.stringify(feature), built from cached fragments (a unit test holds the two equal). */
export function stringifyFeature(feature: IncidentFeature, json: (value: object | null) => string): string {
  const p = feature.properties;
  const s = JSON.stringify;
  const list = (items: object[]) => `[${items.map(json).join(",")}]`;
  const claim = (c: ClaimRef) =>
    `{"id":${s(c.id)},"claimant":${json(c.claimant)},"source":${json(c.source)},"stance":${s(c.stance)},"text":${s(c.text)},"killed":${s(c.killed)},"injured":${s(c.injured)},"captured":${s(c.captured)}}`;
  return (
    `{"type":"Feature","id":${s(feature.id)},"geometry":${s(feature.geometry)},"properties":{` +
    `"id":${s(p.id)},"title":${s(p.title)},"summary":${s(p.summary)},` +
    `"date_start":${s(p.date_start)},"date_end":${s(p.date_end)},"date_start_raw":${s(p.date_start_raw)},` +
    `"date_end_raw":${s(p.date_end_raw)},"date_precision":${s(p.date_precision)},"place":${json(p.place)},` +
    `"location_precision":${s(p.location_precision)},"radius_km":${s(p.radius_km)},` +
    `"governorate":${json(p.governorate)},"position":${json(p.position)},"event_type":${s(p.event_type)},` +
    `"perpetrators":${list(p.perpetrators)},"targets":${list(p.targets)},"claims":[${p.claims.map(claim).join(",")}],` +
    `"source_ids":${s(p.source_ids)},"contested":${p.contested}}}`
  );
}
