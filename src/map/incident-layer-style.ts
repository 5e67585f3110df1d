import type { FeatureCollection } from "geojson";
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  Map as MapLibreMap,
  SymbolLayerSpecification,
} from "maplibre-gl";
import { LOCALES } from "../core/format.ts";
import type { CoreTable } from "../core/incident-table.ts";
import type { Lang } from "../core/view-state.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import { FONT_BOLD } from "./basemap-style.ts";
import { addTypeIcons, TYPE_ICON_IMAGE } from "./type-icons.ts";

/** The incident layers as drawn: their ids, sources, paint and layout, and the call that adds them to a map. */

/** Layer ids; the browser tests query rendered features by these. */
export const INCIDENT_LAYERS = {
  uncertainty: "incident-uncertainty",
  /** Aggregates: `kind: "aggregate"`, `count`, and the extent `west`, `south`, `east`, `north`. */
  clusters: "incident-clusters",
  clusterCount: "incident-cluster-count",
  /** Incidents, as their type's marker: `kind: "incident"`, `position` (table position), `t`, `approximate`, `radiusKm`. */
  points: "incident-points",
  /** The type's marker drawn over each incident (`icon-image`: its shape and colour). */
  pointShapes: "incident-point-shapes",
  selectedHalo: "incident-selected-halo",
  /** The selection: `id`, `position`, `t`, `approximate`. */
  selectedPoint: "incident-selected-point",
  selectedShape: "incident-selected-shape",
} as const;

/** Source ids; "incidents" holds the worker's answer (the browser tests wait for it). */
export const INCIDENT_SOURCES = { incidents: "incidents", selected: "incident-selected" } as const;

/** Tuning in one place, each with its reason. */
export const INCIDENT_LAYER_DEFAULTS = {
  uncertaintyMinZoom: 7.5, // circles of a few km are a few px below this
  fallbackColor: "#777777", // an event type the vocabulary does not know
  aggregatePadding: 60, // px around an aggregate's incidents when a click fits the map to them
  zoomStep: 2, // zoom levels a click on an aggregate at one place (nothing to fit) zooms in by
};

const IS_AGGREGATE: ExpressionSpecification = ["==", ["get", "kind"], "aggregate"];
const IS_INCIDENT: ExpressionSpecification = ["==", ["get", "kind"], "incident"];

/** Colour by event type code. The vocabulary's colour-blind-safe palette wins over the data's. */
export function colorTable(table: CoreTable): string[] {
  const vocabulary = new Map(EVENT_TYPES.map((type) => [type.id, type.color]));
  return table.meta.event_types.map(
    (type) => vocabulary.get(type.id) ?? type.color ?? INCIDENT_LAYER_DEFAULTS.fallbackColor,
  );
}

/** The colour of each event type code, as a MapLibre `match` expression on the `t` property. */
function colorByTypeCode(colors: readonly string[]): ExpressionSpecification {
  const cases: (number | string)[] = [];
  colors.forEach((color, code) => {
    cases.push(code, color);
  });
  // A `match` needs at least one case; an empty sheet has no codes.
  if (cases.length === 0)
    return ["literal", INCIDENT_LAYER_DEFAULTS.fallbackColor] as ExpressionSpecification;
  // Built at run time from the data's codes, so not a tuple TypeScript can check.
  return [
    "match",
    ["get", "t"],
    ...cases,
    INCIDENT_LAYER_DEFAULTS.fallbackColor,
  ] as unknown as ExpressionSpecification;
}

/** An incident's hit area: invisible, the size of its marker. */
const HIT_AREA: CircleLayerSpecification["paint"] = { "circle-radius": 8, "circle-opacity": 0 };

/** Every incident is drawn, however crowded: a marker never hides another's existence. */
const MARKER_LAYOUT: SymbolLayerSpecification["layout"] = {
  "icon-image": TYPE_ICON_IMAGE,
  "icon-allow-overlap": true,
  "icon-ignore-placement": true,
};

/**
 * The uncertainty radius on screen: `radiusPx0` (px at zoom 0, the latitude's Mercator stretch included)
 * doubled per zoom level. An exponential interpolation of base 2 between zoom 0 and 24 is exactly r·2^zoom.
 */
const UNCERTAINTY_RADIUS: ExpressionSpecification = [
  "interpolate",
  ["exponential", 2],
  ["zoom"],
  0,
  ["get", "radiusPx0"],
  24,
  ["*", ["get", "radiusPx0"], 2 ** 24],
];

/** Aggregate counts in the active locale's digits. */
export function countLabel(lang: Lang): ExpressionSpecification {
  return ["number-format", ["get", "count"], { locale: LOCALES[lang] }];
}

/**
 * Adds the incident sources (both empty) and layers: uncertainty circles, aggregates with their count, each
 * incident as its type's marker over an invisible hit area, and the selection on top.
 */
export function addIncidentLayers(map: MapLibreMap, table: CoreTable, lang: Lang): void {
  const colors = colorTable(table);
  const color = colorByTypeCode(colors);
  const defaults = INCIDENT_LAYER_DEFAULTS;
  const empty: FeatureCollection = { type: "FeatureCollection", features: [] };

  map.addSource(INCIDENT_SOURCES.incidents, { type: "geojson", data: empty });
  map.addSource(INCIDENT_SOURCES.selected, { type: "geojson", data: empty });

  map.addLayer({
    id: INCIDENT_LAYERS.uncertainty,
    type: "circle",
    source: INCIDENT_SOURCES.incidents,
    minzoom: defaults.uncertaintyMinZoom,
    filter: ["all", IS_INCIDENT, ["get", "approximate"]],
    paint: {
      "circle-radius": UNCERTAINTY_RADIUS,
      "circle-color": color,
      "circle-opacity": 0.12,
      "circle-stroke-color": color,
      "circle-stroke-opacity": 0.6,
      "circle-stroke-width": 1,
    },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.clusters,
    type: "circle",
    source: INCIDENT_SOURCES.incidents,
    filter: IS_AGGREGATE,
    paint: {
      "circle-color": "#3d4a5c",
      "circle-opacity": 0.88,
      "circle-radius": ["step", ["get", "count"], 13, 10, 17, 100, 22, 1000, 28],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.clusterCount,
    type: "symbol",
    source: INCIDENT_SOURCES.incidents,
    filter: IS_AGGREGATE,
    layout: {
      "text-field": countLabel(lang),
      "text-font": [FONT_BOLD],
      "text-size": 12,
      "text-allow-overlap": true,
    },
    paint: { "text-color": "#ffffff" },
  });
  // Each type its own shape as well as its colour (exact place: filled; approximate: hollow), in a dark rim.
  addTypeIcons(
    map,
    table.meta.event_types.map((type) => type.id),
    colors,
  );
  // The circle is what the pointer hits and what queries find (a symbol layer keeps one of several symbols
  // at one spot); the icon above it is what the reader sees.
  map.addLayer({
    id: INCIDENT_LAYERS.points,
    type: "circle",
    source: INCIDENT_SOURCES.incidents,
    filter: IS_INCIDENT,
    paint: HIT_AREA,
  });
  map.addLayer({
    id: INCIDENT_LAYERS.pointShapes,
    type: "symbol",
    source: INCIDENT_SOURCES.incidents,
    filter: IS_INCIDENT,
    layout: MARKER_LAYOUT,
  });
  map.addLayer({
    id: INCIDENT_LAYERS.selectedHalo,
    type: "circle",
    source: INCIDENT_SOURCES.selected,
    paint: {
      "circle-radius": 14,
      "circle-color": "#ffffff",
      "circle-opacity": 0.85,
      "circle-stroke-color": "#111111",
      "circle-stroke-width": 3,
    },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.selectedPoint,
    type: "circle",
    source: INCIDENT_SOURCES.selected,
    paint: HIT_AREA,
  });
  map.addLayer({
    id: INCIDENT_LAYERS.selectedShape,
    type: "symbol",
    source: INCIDENT_SOURCES.selected,
    layout: MARKER_LAYOUT,
  });
}
