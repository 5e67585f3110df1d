import type { ExpressionSpecification, StyleSpecification } from "maplibre-gl";
import type { Lang } from "../core/view-state.ts";

/** Credits for every bundled layer (see public/basemap/SOURCES.md). */
export const BASEMAP_ATTRIBUTION = "Natural Earth · GeoNames (CC BY 4.0) · GSHHG/WDB II (LGPL-3.0)";

/** Font names used by `text-font`; the style's `font-faces` maps them to the bundled WOFF2 files. */
export const FONT_REGULAR = "Noto Sans Regular";
export const FONT_BOLD = "Noto Sans Bold";

/** Muted palette: the incidents carry the colour, the basemap stays in the background. */
const COLORS = {
  sea: "#c9dbe6",
  land: "#f1efe9",
  syria: "#fbfaf7",
  border: "#8d8d8d",
  governorate: "#b9b3a8",
  water: "#9cc0d6",
  waterLabel: "#3f6f8c",
  label: "#4a4a4a",
  labelMinor: "#6b6b6b",
  halo: "rgba(255,255,255,0.9)",
};

const LATIN = ["U+0000-024F", "U+2000-206F"];
const ARABIC = ["U+0600-06FF", "U+0750-077F", "U+FB50-FDFF", "U+FE70-FEFF", "U+200C-200F"];

/**
 * Two lines, the active language first: both names help readers who know a place by either.
 * Places without an Arabic name show the English one only (the data omits nulls, so `has` is a valid test).
 */
export function bilingualLabel(lang: Lang): ExpressionSpecification {
  const first = lang === "ar" ? "name_ar" : "name_en";
  const second = lang === "ar" ? "name_en" : "name_ar";
  return [
    "case",
    ["all", ["has", "name_ar"], ["has", "name_en"]],
    ["format", ["get", first], {}, "\n", {}, ["get", second], { "font-scale": 0.85 }],
    ["coalesce", ["get", "name_en"], ["get", "name_ar"]],
  ];
}

/** Symbol layers whose `text-field` follows the UI language. */
export const LABEL_LAYER_IDS = [
  "country-labels",
  "governorate-labels",
  "river-labels",
  "lake-labels",
  "place-labels-major",
  "place-labels-minor",
] as const;

/**
 * The bundled offline basemap as a MapLibre style. `baseUrl` is the app's own base (document.baseURI):
 * MapLibre fetches sources and fonts from its worker, where a relative URL would resolve against the
 * worker script, so every URL is made absolute against the page here.
 */
export function createBasemapStyle(baseUrl: string, lang: Lang): StyleSpecification {
  const url = (path: string) => new URL(`basemap/${path}`, baseUrl).href;
  const geojson = (file: string, attribution?: string) => ({
    type: "geojson" as const,
    data: url(file),
    ...(attribution ? { attribution } : {}),
  });
  const label = bilingualLabel(lang);
  return {
    version: 8,
    name: "Incident Atlas offline basemap",
    // No `glyphs`: maplibre-gl 6 draws label glyphs from these fonts itself and shapes Arabic (no RTL plugin).
    "font-faces": {
      [FONT_REGULAR]: [
        { url: url("fonts/NotoSans-Regular-latin.woff2"), "unicode-range": LATIN },
        { url: url("fonts/NotoSansArabic-Regular.woff2"), "unicode-range": ARABIC },
      ],
      [FONT_BOLD]: [
        { url: url("fonts/NotoSans-Bold-latin.woff2"), "unicode-range": LATIN },
        { url: url("fonts/NotoSansArabic-Bold.woff2"), "unicode-range": ARABIC },
      ],
    },
    sources: {
      countries: geojson("countries.geojson", BASEMAP_ATTRIBUTION),
      borders: geojson("borders.geojson"),
      "country-labels": geojson("country_labels.geojson"),
      governorates: geojson("syria_admin1.geojson"),
      "governorate-labels": geojson("syria_admin1_labels.geojson"),
      rivers: geojson("rivers.geojson"),
      "rivers-wdbii": geojson("rivers_wdbii.geojson"),
      lakes: geojson("lakes.geojson"),
      places: geojson("places.geojson"),
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": COLORS.sea } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": COLORS.land } },
      {
        id: "syria",
        type: "fill",
        source: "countries",
        filter: ["==", ["get", "iso_a3"], "SYR"],
        paint: { "fill-color": COLORS.syria },
      },
      {
        id: "governorate-lines",
        type: "line",
        source: "governorates",
        paint: {
          "line-color": COLORS.governorate,
          "line-width": ["interpolate", ["linear"], ["zoom"], 5, 0.5, 10, 1.2],
          "line-dasharray": [3, 2],
        },
      },
      { id: "lakes", type: "fill", source: "lakes", paint: { "fill-color": COLORS.water } },
      {
        id: "rivers-minor",
        type: "line",
        source: "rivers-wdbii",
        filter: ["!", ["has", "name_en"]],
        minzoom: 7,
        paint: { "line-color": COLORS.water, "line-width": 0.8 },
      },
      {
        id: "rivers-named",
        type: "line",
        source: "rivers-wdbii",
        filter: ["has", "name_en"],
        paint: {
          "line-color": COLORS.water,
          "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1, 10, 2.5],
        },
      },
      {
        id: "rivers-major",
        type: "line",
        source: "rivers",
        paint: {
          "line-color": COLORS.water,
          "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1.5, 10, 4],
        },
      },
      {
        id: "borders",
        type: "line",
        source: "borders",
        paint: {
          "line-color": COLORS.border,
          "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1, 10, 2],
        },
      },
      {
        id: "country-labels",
        type: "symbol",
        source: "country-labels",
        layout: {
          "text-field": label,
          "text-font": [FONT_BOLD],
          "text-size": 13,
          "text-letter-spacing": 0.05,
          "text-max-width": 12,
        },
        paint: { "text-color": COLORS.labelMinor, "text-halo-color": COLORS.halo, "text-halo-width": 1.2 },
      },
      {
        id: "governorate-labels",
        type: "symbol",
        source: "governorate-labels",
        minzoom: 6,
        layout: { "text-field": label, "text-font": [FONT_REGULAR], "text-size": 12, "text-max-width": 10 },
        paint: { "text-color": COLORS.governorate, "text-halo-color": COLORS.halo, "text-halo-width": 1 },
      },
      {
        id: "river-labels",
        type: "symbol",
        source: "rivers-wdbii",
        filter: ["has", "name_en"],
        minzoom: 7,
        layout: {
          "symbol-placement": "line",
          "text-field": label,
          "text-font": [FONT_REGULAR],
          "text-size": 11,
        },
        paint: { "text-color": COLORS.waterLabel, "text-halo-color": COLORS.halo, "text-halo-width": 1 },
      },
      {
        id: "lake-labels",
        type: "symbol",
        source: "lakes",
        minzoom: 7,
        layout: { "text-field": label, "text-font": [FONT_REGULAR], "text-size": 11 },
        paint: { "text-color": COLORS.waterLabel, "text-halo-color": COLORS.halo, "text-halo-width": 1 },
      },
      {
        id: "place-dots",
        type: "circle",
        source: "places",
        filter: ["<=", ["get", "rank"], 2],
        paint: {
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 5, 1.8, 10, 3],
          "circle-color": COLORS.labelMinor,
          "circle-stroke-color": COLORS.halo,
          "circle-stroke-width": 1,
        },
      },
      {
        id: "place-dots-minor",
        type: "circle",
        source: "places",
        filter: [">", ["get", "rank"], 2],
        minzoom: 8,
        paint: {
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 5, 1.8, 10, 3],
          "circle-color": COLORS.labelMinor,
          "circle-stroke-color": COLORS.halo,
          "circle-stroke-width": 1,
        },
      },
      {
        id: "place-labels-major",
        type: "symbol",
        source: "places",
        filter: ["<=", ["get", "rank"], 2],
        layout: {
          "text-field": label,
          "text-font": [FONT_BOLD],
          "text-size": ["interpolate", ["linear"], ["zoom"], 5, 11, 10, 14],
          "text-variable-anchor": ["top", "bottom", "left", "right"],
          "text-radial-offset": 0.6,
          "text-max-width": 10,
        },
        paint: { "text-color": COLORS.label, "text-halo-color": COLORS.halo, "text-halo-width": 1.4 },
      },
      {
        id: "place-labels-minor",
        type: "symbol",
        source: "places",
        filter: [">", ["get", "rank"], 2],
        minzoom: 8,
        layout: {
          "text-field": label,
          "text-font": [FONT_REGULAR],
          "text-size": 11,
          "text-variable-anchor": ["top", "bottom", "left", "right"],
          "text-radial-offset": 0.5,
          "text-max-width": 9,
        },
        paint: { "text-color": COLORS.labelMinor, "text-halo-color": COLORS.halo, "text-halo-width": 1.2 },
      },
    ],
  };
}
