import type { ClaimRef, IncidentFeature } from "../core/incident";
import type { Incident } from "./validate-incidents";

/** A valid incident and its claims → one GeoJSON Point Feature, properties in a fixed key order. */
export function toFeature(incident: Incident, claims: readonly ClaimRef[]): IncidentFeature {
  const sourceIds: string[] = [];
  let contested = false;
  for (const c of claims) {
    if (!sourceIds.includes(c.source.id)) sourceIds.push(c.source.id);
    if (c.stance !== "asserts") contested = true;
  }
  sourceIds.sort();
  return {
    type: "Feature",
    id: incident.id,
    geometry: { type: "Point", coordinates: [incident.lon, incident.lat] },
    properties: {
      id: incident.id,
      title: incident.title,
      summary: incident.summary,
      date_start: incident.dateStart,
      date_end: incident.dateEnd,
      date_start_raw: incident.dateStartRaw,
      date_end_raw: incident.dateEndRaw,
      date_precision: incident.datePrecision,
      place: incident.place.ref,
      location_precision: incident.locationPrecision,
      radius_km: incident.radiusKm,
      governorate: incident.governorate,
      position: incident.position,
      event_type: incident.eventType,
      perpetrators: incident.perpetrators,
      targets: incident.targets,
      claims: claims as ClaimRef[],
      source_ids: sourceIds,
      contested,
    },
  };
}
