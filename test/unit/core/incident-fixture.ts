import type {
  ActorRef,
  ClaimRef,
  CollectionMeta,
  IncidentFeature,
  SourceRef,
} from "../../../src/core/incident.ts";

/** Small builders for hand-made incidents in the filter tests: every field valid, only what a test names differs. */

export function actor(id: string, en = id, ar = id): ActorRef {
  return { id, name: { en, ar }, color: "#777777" };
}

export function source(id: string, outlet = "North Pulse", published = "2024-01-02"): SourceRef {
  return {
    id,
    outlet: { en: outlet, ar: outlet },
    published,
    published_precision: "day",
    language: "ar",
    url: null,
    affiliation: { en: "", ar: "" },
  };
}

export function claim(claimant: ActorRef, cites: SourceRef, id = `${claimant.id}-${cites.id}`): ClaimRef {
  return {
    id,
    claimant,
    source: cites,
    stance: "asserts",
    text: { en: "Gives an account.", ar: "يروي ما حدث." },
    killed: null,
    injured: null,
    captured: null,
  };
}

export interface IncidentSpec {
  id?: string;
  start?: string;
  end?: string;
  type?: string;
  governorate?: string | null;
  perpetrators?: ActorRef[];
  targets?: ActorRef[];
  claims?: ClaimRef[];
  title?: { en: string; ar: string };
  summary?: { en: string; ar: string };
  place?: { en: string; ar: string };
}

let counter = 0;

export function incident(spec: IncidentSpec = {}): IncidentFeature {
  const id = spec.id ?? `incident-${++counter}`;
  const start = spec.start ?? "2024-01-15";
  const claims = spec.claims ?? [];
  const place = spec.place ?? { en: "Somewhere", ar: "مكان ما" };
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [40, 36] },
    properties: {
      id,
      title: spec.title ?? { en: "An incident", ar: "حادثة" },
      summary: spec.summary ?? { en: "Something happened.", ar: "وقع أمر ما." },
      date_start: start,
      date_end: spec.end ?? start,
      date_start_raw: start,
      date_end_raw: spec.end ?? start,
      date_precision: "day",
      place: { id: "place", name: place, kind: "town" },
      location_precision: "town",
      radius_km: 2,
      governorate:
        spec.governorate === null ? null : { id: spec.governorate ?? "SY-HA", name: { en: "G", ar: "G" } },
      position: place,
      event_type: spec.type ?? "attack",
      perpetrators: spec.perpetrators ?? [],
      targets: spec.targets ?? [],
      claims,
      source_ids: [...new Set(claims.map((c) => c.source.id))].sort(),
      contested: false,
    },
  };
}

/** A meta block with aliases for the given actors (alias lists by id). */
export function metaWithAliases(aliases: Record<string, string[]>): Pick<CollectionMeta, "actors"> {
  return {
    actors: Object.entries(aliases).map(([id, list]) => ({
      id,
      name: { en: id, ar: id },
      color: "#777777",
      aliases: list,
      kind: "armed-group",
      parent: null,
    })),
  };
}
