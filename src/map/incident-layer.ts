import { effect, type ReadonlySignal, type Signal } from "@preact/signals";
import type { Feature, FeatureCollection, Point } from "geojson";
import {
  type CircleLayerSpecification,
  type ExpressionSpecification,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapLayerMouseEvent,
  type Map as MapLibreMap,
  Popup,
  type SymbolLayerSpecification,
} from "maplibre-gl";
import {
  AGGREGATE_DEFAULTS,
  type MapFeatureProperties,
  type MapFeatures,
  type MapViewRequest,
} from "../core/aggregate.ts";
import { LOCALES, pickText } from "../core/format.ts";
import type { Bilingual } from "../core/incident.ts";
import { FLAG_BITS, type IncidentTable } from "../core/incident-table.ts";
import { withSelected } from "../core/selection-actions.ts";
import type { Lang, ViewState } from "../core/view-state.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import { FONT_BOLD } from "./basemap-style.ts";
import { addTypeIcons, TYPE_ICON_IMAGE } from "./type-icons.ts";

/**
 * What the incident layer reads of the store. The data worker owns the table's filter and aggregation; the map
 * asks it for a view (`requestMapView`) and draws its latest answer (`mapFeatures`).
 */
export interface IncidentLayerStore {
  /** Columns, meta (event type colours), bbox. */
  table: IncidentTable;
  /** lang and the selected id. */
  view: Signal<ViewState>;
  /** Table position of the selected incident, or -1. */
  selectedIndex: ReadonlySignal<number>;
  /** The worker's latest answer for the latest request (stale answers are already dropped). */
  mapFeatures: ReadonlySignal<MapFeatures | null>;
  /** Asked on mount and on every settled pan or zoom; the store asks again by itself on a filter change. */
  requestMapView(request: MapViewRequest): void;
  /** For the hover title; null until its shard is loaded. */
  row(position: number): { id: string; title: Bilingual } | null;
  /** The incident id, for selecting on click (loads its shard). */
  idAt(position: number): Promise<string>;
  update(update: (view: ViewState) => ViewState): void;
}

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

type IncidentFeature = Feature<Point, MapFeatureProperties>;

const IS_AGGREGATE: ExpressionSpecification = ["==", ["get", "kind"], "aggregate"];
const IS_INCIDENT: ExpressionSpecification = ["==", ["get", "kind"], "incident"];

/** Colour by event type code. The vocabulary's colour-blind-safe palette wins over the data's. */
function colorTable(table: IncidentTable): string[] {
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
function countLabel(lang: Lang): ExpressionSpecification {
  return ["number-format", ["get", "count"], { locale: LOCALES[lang] }];
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** What the map shows now, as the worker's question. */
export function mapViewRequest(map: MapLibreMap): MapViewRequest {
  const bounds = map.getBounds();
  return {
    zoom: map.getZoom(),
    bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
  };
}

/**
 * Draws the worker's answer for the current view on `map` (aggregates with their count, incidents, their
 * uncertainty once zoomed in), the selection as a ring on top, and asks for a new answer on every settled pan
 * or zoom. MapLibre's public API only: one plain GeoJSON source fed with `setData`. Call after the style has
 * loaded; returns `dispose`.
 */
export function mountIncidentLayer(map: MapLibreMap, store: IncidentLayerStore): () => void {
  const { table } = store;
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
      "text-field": countLabel(store.view.peek().lang),
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

  const incidentSource = map.getSource<GeoJSONSource>(INCIDENT_SOURCES.incidents);
  const selectedSource = map.getSource<GeoJSONSource>(INCIDENT_SOURCES.selected);
  if (!incidentSource || !selectedSource) throw new Error("incident sources missing");

  // The worker's answer, drawn when a new one arrives; its own view and filter are the store's business.
  let drawn: MapFeatures | null = null;
  const disposeFeatures = effect(() => {
    const features = store.mapFeatures.value;
    if (features === null || features === drawn) return;
    drawn = features;
    // Only the collection: `total` and `inView` are for the page, not for MapLibre's worker.
    incidentSource.setData({ type: "FeatureCollection", features: features.features });
  });

  function requestView(): void {
    store.requestMapView(mapViewRequest(map));
  }
  requestView();

  // A selection made by a click on the map needs no camera move; one made in the list flies there. A link with
  // both an incident and a camera opens where the link says.
  let selectedFromMap: string | null = null;
  const opening = store.view.peek();
  let openingId = opening.camera !== null ? opening.selected : null;
  let lastSelected: number | undefined;
  const disposeSelected = effect(() => {
    const p = store.selectedIndex.value;
    if (p === lastSelected) return;
    lastSelected = p;
    const id = store.view.peek().selected;
    selectedSource.setData({
      type: "FeatureCollection",
      features: p >= 0 && id !== null ? [selectedFeature(p, id)] : [],
    });
    if (p < 0) return;
    const quiet = id === selectedFromMap || id === openingId;
    selectedFromMap = null;
    openingId = null;
    if (!quiet) flyToIncident(p);
  });

  /** The selection, drawn from the table's columns: it stays whatever the filter and the worker's answer. */
  function selectedFeature(p: number, id: string): Feature<Point> {
    return {
      type: "Feature",
      geometry: { type: "Point", coordinates: [table.lon[p] as number, table.lat[p] as number] },
      properties: {
        id,
        position: p,
        t: table.type[p] as number,
        approximate: ((table.flags[p] as number) & FLAG_BITS.approximate) !== 0,
      },
    };
  }

  function flyToIncident(p: number): void {
    const radius = table.radiusKm[p] as number;
    // Show the whole uncertainty circle: a district-wide incident needs a wider view than a village one.
    const zoom = Math.max(map.getZoom(), radius >= 20 ? 7.5 : radius >= 8 ? 8.5 : 10);
    const camera = { center: [table.lon[p] as number, table.lat[p] as number] as [number, number], zoom };
    if (prefersReducedMotion()) map.jumpTo(camera);
    else map.flyTo({ ...camera, duration: 900, essential: true });
  }

  const popup = new Popup({
    closeButton: false,
    closeOnClick: false,
    offset: 12,
    className: "incident-hover",
    maxWidth: "260px",
  });

  // Only a change of language touches the layer: MapLibre repaints the whole map on any setLayoutProperty call.
  let labelLang = store.view.peek().lang;
  const disposeLang = effect(() => {
    const lang = store.view.value.lang;
    if (lang === labelLang) return;
    labelLang = lang;
    map.setLayoutProperty(INCIDENT_LAYERS.clusterCount, "text-field", countLabel(lang));
  });
  // Any change of view (a filter may hide the hovered incident, the language renames it) closes the hover title.
  let hovered = -1;
  const disposePopup = effect(() => {
    store.view.value;
    hovered = -1;
    popup.remove();
  });

  function hitOf(event: MapLayerMouseEvent): IncidentFeature | null {
    const hit = event.features?.[0];
    return hit ? (hit as unknown as IncidentFeature) : null;
  }

  function showTitle(p: number, at: [number, number]): void {
    const row = store.row(p);
    if (!row) return;
    // setText, never setHTML: titles come from the sheet.
    popup.setLngLat(at).setText(pickText(row.title, store.view.peek().lang).text).addTo(map);
  }

  function onPointEnter(event: MapLayerMouseEvent): void {
    map.getCanvas().style.cursor = "pointer";
    const hit = hitOf(event);
    if (hit?.properties.kind !== "incident") return;
    const p = hit.properties.position;
    const at = hit.geometry.coordinates as [number, number];
    hovered = p;
    if (store.row(p)) {
      showTitle(p, at);
      return;
    }
    // Its shard is not here yet: load it, and show the title if the pointer is still there.
    store.idAt(p).then(
      () => {
        if (hovered === p) showTitle(p, at);
      },
      () => undefined,
    );
  }
  function onLeave(): void {
    map.getCanvas().style.cursor = "";
    hovered = -1;
    popup.remove();
  }
  function onPointClick(event: MapLayerMouseEvent): void {
    const hit = hitOf(event);
    if (hit?.properties.kind !== "incident") return;
    store.idAt(hit.properties.position).then(
      (id) => {
        selectedFromMap = id;
        store.update((view) => withSelected(view, id));
        if (store.view.peek().selected !== id) selectedFromMap = null;
      },
      (error: unknown) => console.error(error),
    );
  }
  function onAggregateEnter(): void {
    map.getCanvas().style.cursor = "pointer";
  }
  /** Zooms to the aggregate's incidents; at least one level in, so a click always splits something. */
  function onAggregateClick(event: MapLayerMouseEvent): void {
    const hit = hitOf(event);
    if (hit?.properties.kind !== "aggregate") return;
    const { west, south, east, north } = hit.properties;
    const here = map.getZoom();
    const max = map.getMaxZoom();
    const duration = prefersReducedMotion() ? 0 : 500;
    const bounds: LngLatBoundsLike = [
      [west, south],
      [east, north],
    ];
    const fit =
      west === east && south === north
        ? undefined
        : map.cameraForBounds(bounds, {
            padding: defaults.aggregatePadding,
          });
    if (fit?.zoom !== undefined && fit.center !== undefined) {
      map.easeTo({ center: fit.center, zoom: Math.min(max, Math.max(here + 1, fit.zoom)), duration });
      return;
    }
    // All at one place: nothing to fit; zoom in towards the level where incidents are drawn one by one.
    const zoom = Math.min(max, Math.max(here + defaults.zoomStep, AGGREGATE_DEFAULTS.individualFromZoom));
    map.easeTo({ center: [west, south], zoom, duration });
  }

  map.on("mouseenter", INCIDENT_LAYERS.points, onPointEnter);
  map.on("mouseleave", INCIDENT_LAYERS.points, onLeave);
  map.on("click", INCIDENT_LAYERS.points, onPointClick);
  map.on("mouseenter", INCIDENT_LAYERS.clusters, onAggregateEnter);
  map.on("mouseleave", INCIDENT_LAYERS.clusters, onLeave);
  map.on("click", INCIDENT_LAYERS.clusters, onAggregateClick);
  map.on("moveend", requestView);

  return () => {
    disposeFeatures();
    disposeSelected();
    disposeLang();
    disposePopup();
    popup.remove();
    map.off("mouseenter", INCIDENT_LAYERS.points, onPointEnter);
    map.off("mouseleave", INCIDENT_LAYERS.points, onLeave);
    map.off("click", INCIDENT_LAYERS.points, onPointClick);
    map.off("mouseenter", INCIDENT_LAYERS.clusters, onAggregateEnter);
    map.off("mouseleave", INCIDENT_LAYERS.clusters, onLeave);
    map.off("click", INCIDENT_LAYERS.clusters, onAggregateClick);
    map.off("moveend", requestView);
  };
}
