import Papa from "papaparse";
import { FORMULA_CELL } from "./formula-cells.ts";
import type { ActorRef, CollectionMeta, IncidentCollection, IncidentFeature, SourceRef } from "./incident.ts";
import { SHEET_COLUMNS, type SheetName } from "./sheet-columns.ts";

/** Lists inside a cell are `;`-separated (data/README.md). */
const LIST_SEPARATOR = ";";

/**
 * A UTF-8 byte order mark: without it Excel opens the file as Windows-1252 and the Arabic becomes noise.
 * The pipeline accepts sheets with or without it.
 */
const BOM = "\uFEFF";

type Row = Record<string, string>;
type MetaActor = CollectionMeta["actors"][number];

/**
 * Writes the incidents at `indexes` (into `collection.features`), with every claim, source, actor and
 * place they need, as the five sheets of data/README.md. Reloading the result through the pipeline
 * gives the same incidents (same ids, dates, places, positions, actors and claims). A cell a spreadsheet would
 * run as a formula (core/formula-cells.ts) is written after a ', which the pipeline drops when reading it back.
 *
 * What the GeoJSON does not carry is approximated: the place's own gazetteer point is not in the output,
 * so each place row takes the point most of its incidents share and the others get a `lat`/`lon` override
 * (positions, governorates and position phrases survive); place aliases and a source's `file` are left empty.
 *
 * @example
 * const files = exportSheets(store.collection, store.visible.value);
 * download("incidents.csv", files["incidents.csv"]);
 */
export function exportSheets(
  collection: IncidentCollection,
  indexes: Uint32Array | readonly number[],
): Record<SheetName, string> {
  const features = pickFeatures(collection, indexes);
  const actorsById = new Map(collection.meta.actors.map((actor) => [actor.id, actor]));

  const claimRows: Row[] = [];
  const sources = new Map<string, SourceRef>();
  const actors = new Map<string, ActorRef>();
  const placeFeatures = new Map<string, IncidentFeature[]>();

  for (const feature of features) {
    const p = feature.properties;
    for (const actor of [...p.perpetrators, ...p.targets]) actors.set(actor.id, actor);
    const atPlace = placeFeatures.get(p.place.id);
    if (atPlace) atPlace.push(feature);
    else placeFeatures.set(p.place.id, [feature]);
    for (const claim of p.claims) {
      actors.set(claim.claimant.id, claim.claimant);
      sources.set(claim.source.id, claim.source);
      claimRows.push({
        id: claim.id,
        incident: p.id,
        claimant: claim.claimant.id,
        source: claim.source.id,
        stance: claim.stance,
        claim_en: claim.text.en,
        claim_ar: claim.text.ar,
        killed: figure(claim.killed),
        injured: figure(claim.injured),
        captured: figure(claim.captured),
      });
    }
  }

  // The gazetteer point of a place is not in the GeoJSON: each place row takes the point most of its
  // incidents share. Incidents elsewhere get their own point as a lat/lon override; the pipeline derives
  // their governorate and position phrase from that point, as it did for the original override.
  const placeRows: Row[] = [];
  const placeRowOf = new Map<string, Row>();
  for (const [id, atPlace] of [...placeFeatures.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const chosen = mostCommonPoint(atPlace);
    const place = chosen.properties.place;
    const [lon, lat] = chosen.geometry.coordinates;
    const row: Row = {
      id,
      name_en: place.name.en,
      name_ar: place.name.ar,
      aliases: "",
      lat: String(lat),
      lon: String(lon),
      kind: place.kind,
      governorate: chosen.properties.governorate?.id ?? "",
      coord_source: `Incident Atlas export: point of incident ${chosen.properties.id}`,
      // Each incident carries its drawn radius (never below its place's), so the place needs none of its own.
      radius_km: "",
    };
    placeRows.push(row);
    placeRowOf.set(id, row);
  }

  const incidentRows = features.map((feature): Row => {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const placeRow = placeRowOf.get(p.place.id);
    const atPlacePoint =
      placeRow !== undefined &&
      placeRow.lat === String(lat) &&
      placeRow.lon === String(lon) &&
      placeRow.governorate === (p.governorate?.id ?? "");
    return {
      id: p.id,
      title_en: p.title.en,
      title_ar: p.title.ar,
      summary_en: p.summary.en,
      summary_ar: p.summary.ar,
      date_start: p.date_start_raw,
      date_end: p.date_end_raw === p.date_start_raw ? "" : p.date_end_raw,
      date_precision: p.date_precision,
      place: p.place.id,
      lat: atPlacePoint ? "" : String(lat),
      lon: atPlacePoint ? "" : String(lon),
      location_precision: p.location_precision,
      radius_km: String(p.radius_km),
      event_type: p.event_type,
      perpetrators: p.perpetrators.map((actor) => actor.id).join(LIST_SEPARATOR),
      targets: p.targets.map((actor) => actor.id).join(LIST_SEPARATOR),
    };
  });

  // A `parent` must name an actor of the sheet, so parents come along, all the way up.
  for (const id of [...actors.keys()]) {
    let parent = actorsById.get(id)?.parent ?? null;
    while (parent !== null && !actors.has(parent)) {
      const parentActor = actorsById.get(parent);
      if (!parentActor) break;
      actors.set(parent, parentActor);
      parent = parentActor.parent;
    }
  }

  const actorRows = sortById([...actors.values()]).map((actor): Row => {
    const meta: MetaActor | undefined = actorsById.get(actor.id);
    const parent = meta?.parent ?? null;
    return {
      id: actor.id,
      name_en: actor.name.en,
      name_ar: actor.name.ar,
      aliases: (meta?.aliases ?? []).join(LIST_SEPARATOR),
      kind: meta?.kind ?? "unknown",
      parent: parent !== null && actors.has(parent) ? parent : "",
      color: actor.color,
    };
  });

  const sourceRows = sortById([...sources.values()]).map(
    (source): Row => ({
      id: source.id,
      outlet_en: source.outlet.en,
      outlet_ar: source.outlet.ar,
      published: source.published,
      published_precision: source.published_precision,
      language: source.language,
      url: source.url ?? "",
      affiliation_en: source.affiliation.en,
      affiliation_ar: source.affiliation.ar,
      file: "",
    }),
  );

  return {
    "incidents.csv": toCsv("incidents.csv", incidentRows),
    "claims.csv": toCsv("claims.csv", claimRows),
    "sources.csv": toCsv("sources.csv", sourceRows),
    "actors.csv": toCsv("actors.csv", actorRows),
    "places.csv": toCsv("places.csv", placeRows),
  };
}

/**
 * The incidents at `indexes` as a GeoJSON FeatureCollection of the same shape as the app's data
 * (claims and their sources inside each feature), with `bbox` and `meta` narrowed to what those
 * incidents use. Deterministic: the same input gives byte-identical output, one feature per line.
 */
export function exportGeoJson(
  collection: IncidentCollection,
  indexes: Uint32Array | readonly number[],
): string {
  const features = pickFeatures(collection, indexes);
  const actorIds = new Set<string>();
  const sourceIds = new Set<string>();
  const typeIds = new Set<string>();
  const governorateIds = new Set<string>();
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const { properties: p, geometry } of features) {
    for (const actor of [...p.perpetrators, ...p.targets]) actorIds.add(actor.id);
    for (const claim of p.claims) {
      actorIds.add(claim.claimant.id);
      sourceIds.add(claim.source.id);
    }
    typeIds.add(p.event_type);
    if (p.governorate) governorateIds.add(p.governorate.id);
    const [lon, lat] = geometry.coordinates;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const meta: CollectionMeta = {
    actors: collection.meta.actors.filter((actor) => actorIds.has(actor.id)),
    sources: collection.meta.sources.filter((source) => sourceIds.has(source.id)),
    event_types: collection.meta.event_types.filter((type) => typeIds.has(type.id)),
    governorates: collection.meta.governorates.filter((governorate) => governorateIds.has(governorate.id)),
  };
  const head: Record<string, unknown> = { type: "FeatureCollection" };
  if (features.length > 0) head.bbox = [west, south, east, north];
  head.meta = meta;
  const headJson = JSON.stringify(head);
  // One feature per line: readable in a text editor, diffable, and still one JSON document.
  const lines = features.map((feature) =>
    JSON.stringify({
      type: "Feature",
      ...(feature.id === undefined ? {} : { id: feature.id }),
      geometry: feature.geometry,
      properties: feature.properties,
    }),
  );
  const body = lines.length === 0 ? "[]" : `[\n${lines.join(",\n")}\n]`;
  return `${headJson.slice(0, -1)},"features":${body}}\n`;
}

function pickFeatures(
  collection: IncidentCollection,
  indexes: Uint32Array | readonly number[],
): IncidentFeature[] {
  const picked: IncidentFeature[] = [];
  for (const index of indexes) {
    const feature = collection.features[index];
    if (feature) picked.push(feature);
  }
  return picked;
}

function toCsv(sheet: SheetName, rows: Row[]): string {
  const fields = [...SHEET_COLUMNS[sheet]];
  const data = rows.map((row) => fields.map((field) => row[field] ?? ""));
  // A cell Excel would run as a formula gets a leading ' (OWASP); the pipeline drops it again on re-import.
  const csv = Papa.unparse({ fields, data }, { newline: "\n", quotes: false, escapeFormulae: FORMULA_CELL });
  return `${BOM}${csv}\n`;
}

function figure(value: number | null): string {
  return value === null ? "" : String(value);
}

/** The point most incidents of one place share (the first such incident on a tie), for the place row. */
function mostCommonPoint(features: readonly IncidentFeature[]): IncidentFeature {
  const counts = new Map<string, { count: number; feature: IncidentFeature }>();
  let best: { count: number; feature: IncidentFeature } | undefined;
  for (const feature of features) {
    const key = feature.geometry.coordinates.join(",");
    const entry = counts.get(key) ?? { count: 0, feature };
    entry.count += 1;
    counts.set(key, entry);
    if (!best || entry.count > best.count) best = entry;
  }
  if (!best) throw new Error("mostCommonPoint needs at least one incident");
  return best.feature;
}

function sortById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareStrings(a.id, b.id));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
