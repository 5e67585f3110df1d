import type { Bilingual, DatePrecision, IncidentFeature } from "./incident.ts";

/** What a list row and a hover label show of an incident. */
export interface IncidentRow {
  id: string;
  title: Bilingual;
  placeName: Bilingual;
  date_start: string;
  date_end: string;
  date_precision: DatePrecision;
  event_type: string;
}

/** The row of a full incident. */
export function rowOfFeature(feature: IncidentFeature): IncidentRow {
  const p = feature.properties;
  return {
    id: p.id,
    title: p.title,
    placeName: p.place.name,
    date_start: p.date_start,
    date_end: p.date_end,
    date_precision: p.date_precision,
    event_type: p.event_type,
  };
}
