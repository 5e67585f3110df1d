/**
 * One-off generator of data/reference/*.geojson from the shared basemap kit (/work/shared/basemap or the path given).
 * Kept in the repo so the committed reference files can be reproduced:
 *   tsx src/pipeline/node/build-reference.ts /work/shared/basemap data/reference
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buffer, simplify, truncate } from "@turf/turf";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";

// The border region: Syria (Natural Earth de facto polygon) grown by this much, so incidents just across the
// Turkish and Iraqi borders (cross-border strikes, camps) validate while a swapped lat/lon never does.
const BORDER_REGION_KM = 40;

const [basemapDir = "/work/shared/basemap", outDir = "data/reference"] = process.argv.slice(2);
const read = <T>(name: string): T => JSON.parse(readFileSync(join(basemapDir, name), "utf8")) as T;
const write = (name: string, value: unknown): void => {
  writeFileSync(join(outDir, name), `${JSON.stringify(value)}\n`);
};

type Poly = Polygon | MultiPolygon;
const countries = read<FeatureCollection<Poly, { iso_a3: string }>>("countries.geojson");
const syria = countries.features.find((f) => f.properties.iso_a3 === "SYR");
if (!syria) throw new Error("countries.geojson has no SYR feature");
const grown = buffer(syria, BORDER_REGION_KM, { units: "kilometers" }) as Feature<Poly> | undefined;
if (!grown) throw new Error("buffer failed");
const region = truncate(simplify(grown, { tolerance: 0.01, highQuality: true }), { precision: 4 });
region.properties = { name: `Syria and a ${BORDER_REGION_KM} km border region`, buffer_km: BORDER_REGION_KM };
write("border-region.geojson", { type: "FeatureCollection", features: [region] });

const admin1 = read<FeatureCollection<Poly, Record<string, unknown>>>("syria_admin1.geojson");
write("governorates.geojson", {
  type: "FeatureCollection",
  // The UNDOF zone is not a governorate: points there fall back to the nearest governorate (Quneitra).
  features: admin1.features
    .filter((f) => typeof f.properties.iso_3166_2 === "string")
    .map((f) => ({
      type: "Feature",
      properties: {
        id: f.properties.iso_3166_2,
        name_en: f.properties.name_en,
        name_ar: f.properties.name_ar,
      },
      geometry: f.geometry,
    })),
});

const places = read<FeatureCollection<Point, Record<string, unknown>>>("places.geojson");
write("towns.geojson", {
  type: "FeatureCollection",
  // Syrian places with an Arabic name (all admin seats of rank 1–2 and a few more): the anchors of position phrases.
  features: places.features
    .filter((f) => f.properties.country === "SY" && typeof f.properties.name_ar === "string")
    .map((f) => ({
      type: "Feature",
      properties: {
        name_en: f.properties.name_en,
        name_ar: f.properties.name_ar,
        geonameid: f.properties.geonameid,
        rank: f.properties.rank,
      },
      geometry: f.geometry,
    })),
});
