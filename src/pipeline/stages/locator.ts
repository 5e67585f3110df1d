// Turf's own packages for the three functions used, not the @turf/turf bundle: importing the whole bundle is a cost
// every data:check and the pipeline's helper thread would pay at start-up (figures in CHANGELOG.md).
import { bearing } from "@turf/bearing";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { distance } from "@turf/distance";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { formatFigure } from "../../core/format.ts";
import type { Bilingual, GovernorateRef } from "../../core/incident.ts";

type Area = Polygon | MultiPolygon;

/** The bundled geography the pipeline checks and derives against (data/reference/, see its SOURCES.md). */
export interface ReferenceData {
  /** Syria and its border region: one or more polygons; a point must fall inside one. */
  region: FeatureCollection<Area>;
  /** Governorates with `id` (ISO 3166-2), `name_en`, `name_ar`. */
  governorates: FeatureCollection<Area, { id: string; name_en: string; name_ar: string }>;
  /** Towns that anchor position phrases ("8 km SE of Raqqa"). */
  towns: FeatureCollection<Point, { name_en: string; name_ar: string }>;
}

/** Derived-geography answers for a point, with the turf work behind bbox prefilters. */
export interface Locator {
  inRegion(lon: number, lat: number): boolean;
  governorateAt(lon: number, lat: number): GovernorateRef | null;
  positionAt(lon: number, lat: number): Bilingual;
  /** All governorates, sorted by id. */
  governorates: GovernorateRef[];
}

const LOCATOR_DEFAULTS = {
  inTownKm: 1, // closer than this to a reference town, the phrase is "in <town>"
  nearestGovernorateKm: 10, // a point outside every governorate polygon but this close to one (simplified edges) gets it
};

const KM_PER_DEGREE = 111.32;

const COMPASS_EN = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
const COMPASS_AR = ["شمال", "شمال شرق", "شرق", "جنوب شرق", "جنوب", "جنوب غرب", "غرب", "شمال غرب"];

interface Boxed<T> {
  box: [number, number, number, number];
  feature: Feature<Area>;
  value: T;
}

/**
 * Builds the point-in-polygon and nearest-town helpers once per reference data set.
 * @example createLocator(reference).positionAt(39.05, 35.9) // { en: "6 km SE of Raqqa", ar: "٦ كم جنوب شرق الرقة" }
 */
export function createLocator(reference: ReferenceData): Locator {
  const region = reference.region.features.map((f) => boxed(f, true));
  const governorates = reference.governorates.features.map((f) =>
    boxed<GovernorateRef>(f, {
      id: f.properties.id,
      name: { en: f.properties.name_en, ar: f.properties.name_ar },
    }),
  );
  const towns = reference.towns.features.map((f) => ({
    lon: f.geometry.coordinates[0] as number,
    lat: f.geometry.coordinates[1] as number,
    name: { en: f.properties.name_en, ar: f.properties.name_ar },
  }));

  const locator: Locator = {
    governorates: governorates.map((g) => g.value).sort((a, b) => (a.id < b.id ? -1 : 1)),

    inRegion(lon, lat) {
      return region.some((r) => inBox(r.box, lon, lat, 0) && booleanPointInPolygon([lon, lat], r.feature));
    },

    // No cache here: validateIncidents asks once per distinct point (its geo fragments are keyed by the point),
    // and a "lon,lat" string key per call cost more than the few rows that repeat a point would save.
    governorateAt: governorateOf,
    positionAt: positionOf,
  };
  return locator;

  function governorateOf(lon: number, lat: number): GovernorateRef | null {
    for (const g of governorates) {
      if (inBox(g.box, lon, lat, 0) && booleanPointInPolygon([lon, lat], g.feature)) return g.value;
    }
    // Outside every polygon: the simplified edges leave slivers along the border; take the nearest if close.
    let best: GovernorateRef | null = null;
    let bestKm = LOCATOR_DEFAULTS.nearestGovernorateKm;
    for (const g of governorates) {
      if (!inBox(g.box, lon, lat, 0.15)) continue;
      const km = distanceToEdgesKm(g.feature, lon, lat);
      if (km <= bestKm) {
        best = g.value;
        bestKm = km;
      }
    }
    return best;
  }

  function positionOf(lon: number, lat: number): Bilingual {
    // Rank towns by a flat-earth distance (cheap, right for ordering at this scale), then measure the winner.
    const k = Math.cos((lat * Math.PI) / 180) ** 2;
    let nearest = towns[0];
    let best = Number.POSITIVE_INFINITY;
    for (const t of towns) {
      const d = (t.lat - lat) ** 2 + k * (t.lon - lon) ** 2;
      if (d < best) {
        best = d;
        nearest = t;
      }
    }
    if (!nearest) return { en: "", ar: "" };
    const km = distance([nearest.lon, nearest.lat], [lon, lat], { units: "kilometers" });
    if (km < LOCATOR_DEFAULTS.inTownKm) return { en: `in ${nearest.name.en}`, ar: `في ${nearest.name.ar}` };
    const sector =
      Math.round((((bearing([nearest.lon, nearest.lat], [lon, lat]) % 360) + 360) % 360) / 45) % 8;
    const rounded = Math.round(km);
    return {
      en: `${rounded} km ${COMPASS_EN[sector]} of ${nearest.name.en}`,
      // Generated text follows the language's digits, as the UI's own numbers do (docs/i18n.md).
      ar: `${formatFigure(rounded, "ar")} كم ${COMPASS_AR[sector]} ${nearest.name.ar}`,
    };
  }
}

function boxed<T>(feature: Feature<Area>, value: T): Boxed<T> {
  const box: [number, number, number, number] = [180, 90, -180, -90];
  const polygons =
    feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x === undefined || y === undefined) continue;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return { box, feature, value };
}

function inBox(box: [number, number, number, number], lon: number, lat: number, margin: number): boolean {
  return lon >= box[0] - margin && lon <= box[2] + margin && lat >= box[1] - margin && lat <= box[3] + margin;
}

/**
 * Distance in km from a point to the nearest edge of a polygon, on a flat projection around the point
 * (error well under 1% at 10 km, which is all the nearest-governorate fallback needs; turf's
 * pointToPolygonDistance is exact but much slower).
 */
function distanceToEdgesKm(feature: Feature<Area>, lon: number, lat: number): number {
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ky = KM_PER_DEGREE;
  let best = Number.POSITIVE_INFINITY;
  const polygons =
    feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1] as number[];
        const b = ring[i] as number[];
        const ax = ((a[0] as number) - lon) * kx;
        const ay = ((a[1] as number) - lat) * ky;
        const dx = ((b[0] as number) - (a[0] as number)) * kx;
        const dy = ((b[1] as number) - (a[1] as number)) * ky;
        const len = dx * dx + dy * dy;
        const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
        const d = Math.hypot(ax + t * dx, ay + t * dy);
        if (d < best) best = d;
      }
    }
  }
  return best;
}
