import type { IncidentCollection, IncidentFeature } from "../../../src/core/incident.ts";

/** Distance in km between two incidents' points (equirectangular: fine at this scale). */
function km(a: IncidentFeature, b: IncidentFeature): number {
  const [ax, ay] = a.geometry.coordinates;
  const [bx, by] = b.geometry.coordinates;
  const x = (bx - ax) * Math.cos(((ay + by) / 2) * (Math.PI / 180));
  return Math.hypot(x, by - ay) * 111.2;
}

/**
 * An incident that can be clicked on the map without another symbol on top of it (none within 2 km),
 * preferring one whose claims cite a source with a link, so the panel shows everything at once.
 */
export function pickIsolatedIncident(data: IncidentCollection): IncidentFeature {
  const isolated = data.features.filter((f) => data.features.every((g) => g === f || km(f, g) > 2));
  const withLink = isolated.find((f) => f.properties.claims.some((c) => c.source.url !== null));
  const chosen = withLink ?? isolated[0];
  if (!chosen) throw new Error("the data has no incident that stands apart from the others");
  return chosen;
}

/** Incidents in the order the list shows them (by first day). */
export function byDate(data: IncidentCollection): IncidentFeature[] {
  return [...data.features].sort((a, b) =>
    a.properties.date_start < b.properties.date_start
      ? -1
      : a.properties.date_start > b.properties.date_start
        ? 1
        : 0,
  );
}
