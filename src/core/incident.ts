/**
 * The domain types shared by the pipeline, the store and the views.
 * Words are fixed: incident, claim, actor, source, place, date.
 */

/** How much of a date is known. A month-precise date is "YYYY-MM", a year-precise one "YYYY". */
export type DatePrecision = "day" | "month" | "year";

/** How exactly the incident's point is known; drives the uncertainty circle on the map. */
export type LocationPrecision = "exact" | "village" | "town" | "district" | "governorate";

/** Whether a claim asserts the incident's account, disputes part of it, or denies it. */
export type Stance = "asserts" | "disputes" | "denies";

/** Text in both languages of the project. */
export interface Bilingual {
  en: string;
  ar: string;
}

export interface ActorRef {
  id: string;
  name: Bilingual;
  color: string;
}

export interface SourceRef {
  id: string;
  outlet: Bilingual;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD" as precise as `published_precision`. */
  published: string;
  published_precision: DatePrecision;
  language: string;
  /** http(s) URL or null when the article's address is not known. */
  url: string | null;
  affiliation: Bilingual;
}

export interface ClaimRef {
  id: string;
  claimant: ActorRef;
  source: SourceRef;
  stance: Stance;
  text: Bilingual;
  /** Figures as claimed by `claimant`; null when the claim gives none. */
  killed: number | null;
  injured: number | null;
  captured: number | null;
}

export interface PlaceRef {
  id: string;
  name: Bilingual;
  kind: string;
}

export interface GovernorateRef {
  /** ISO 3166-2 code, e.g. "SY-HA". */
  id: string;
  name: Bilingual;
}

/** Properties of one incident Feature in `public/data/incidents.geojson`. */
export interface IncidentProperties {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  /** Full ISO day of the first and last day the incident may cover ("YYYY-MM-DD"), expanded from the precision. */
  date_start: string;
  date_end: string;
  /** The dates as entered, at their precision ("2025-04" for a month). */
  date_start_raw: string;
  date_end_raw: string;
  date_precision: DatePrecision;
  place: PlaceRef;
  location_precision: LocationPrecision;
  radius_km: number;
  governorate: GovernorateRef | null;
  /** "8 km SE of Raqqa" / "8 كم جنوب شرق الرقة"; the place name itself when it is a gazetteer town. */
  position: Bilingual;
  event_type: string;
  perpetrators: ActorRef[];
  targets: ActorRef[];
  claims: ClaimRef[];
  /** Ids of the sources cited by the incident's claims, sorted. */
  source_ids: string[];
  /** True when claims from different claimants disagree (any claim disputes or denies). */
  contested: boolean;
}

export interface IncidentFeature {
  type: "Feature";
  id?: string | number;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: IncidentProperties;
}

export interface IncidentCollection {
  type: "FeatureCollection";
  /** [west, south, east, north] of all incidents, for the initial view. */
  bbox?: [number, number, number, number];
  features: IncidentFeature[];
  /** Vocabularies and lookup lists the app's filters need (actors, sources, event types, governorates). */
  meta: CollectionMeta;
}

export interface CollectionMeta {
  actors: (ActorRef & { aliases: string[]; kind: string; parent: string | null })[];
  sources: SourceRef[];
  event_types: { id: string; name: Bilingual; color: string }[];
  governorates: GovernorateRef[];
}
