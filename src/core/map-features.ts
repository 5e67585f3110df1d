import type { Feature, FeatureCollection, Point } from "geojson";
import { type CoreTable, FLAG_BITS } from "./incident-table.ts";
import { EARTH_RADIUS_M, MAX_LAT, WORLD_PX_Z0 } from "./web-mercator.ts";

/** What the map gets for one view (aggregateView's answer): aggregates and single incidents as GeoJSON points. */

export interface MapViewRequest {
  zoom: number;
  /** The map's bounds; west may be below −180 and east above 180 when the view crosses the antimeridian. */
  bounds: [west: number, south: number, east: number, north: number];
}

export interface AggregateProperties {
  kind: "aggregate";
  /** Incidents in the cell. */
  count: number;
  /**
   * Positions of its incidents, comma-separated, when the filtered set is small (≤ AGGREGATE_DEFAULTS.membersUpTo):
   * what the aggregate holds can then be read without zooming (the browser tests compare it with the filter).
   */
  members?: string;
  /** Extent of its incidents, for a click to fit the map to. */
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface IncidentPointProperties {
  kind: "incident";
  /** Table position. */
  position: number;
  /** Event type code (meta.event_types[t]). */
  t: number;
  approximate: boolean;
  radiusKm: number;
  /**
   * The uncertainty radius in screen px at zoom 0: the map multiplies it by 2^zoom (a circle layer has no
   * access to the latitude, and a Mercator km is 1/cos(lat) times longer on screen than at the equator).
   */
  radiusPx0: number;
}

export type MapFeatureProperties = AggregateProperties | IncidentPointProperties;

export interface MapFeatures extends FeatureCollection<Point, MapFeatureProperties> {
  /** Incidents passing the filter (visible.length): the sum of all cells' counts. */
  total: number;
  /** Filtered incidents inside the requested bounds (unpadded). */
  inView: number;
}

/** A single incident as the map draws it. */
export function incidentPointFeature(
  table: CoreTable,
  position: number,
): Feature<Point, IncidentPointProperties> {
  const lon = table.lon[position] as number;
  const lat = table.lat[position] as number;
  const radiusKm = table.radiusKm[position] as number;
  const cos = Math.cos((Math.min(Math.abs(lat), MAX_LAT) * Math.PI) / 180);
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [lon, lat] },
    properties: {
      kind: "incident",
      position,
      t: table.type[position] as number,
      approximate: ((table.flags[position] as number) & FLAG_BITS.approximate) !== 0,
      radiusKm,
      radiusPx0: (radiusKm * 1000 * WORLD_PX_Z0) / (2 * Math.PI * EARTH_RADIUS_M * cos),
    },
  };
}
