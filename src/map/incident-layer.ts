import { effect, type ReadonlySignal, type Signal } from "@preact/signals";
import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import type { MapFeatures, MapViewRequest } from "../core/aggregate.ts";
import type { Bilingual } from "../core/incident.ts";
import type { CoreTable } from "../core/incident-table.ts";
import type { ViewState } from "../core/view-state.ts";
import { addIncidentLayers, countLabel, INCIDENT_LAYERS, INCIDENT_SOURCES } from "./incident-layer-style.ts";
import { mountIncidentPointer } from "./incident-pointer.ts";
import { mountIncidentSelection } from "./incident-selection.ts";

export { INCIDENT_LAYER_DEFAULTS, INCIDENT_LAYERS, INCIDENT_SOURCES } from "./incident-layer-style.ts";

/**
 * What the incident layer reads of the store. The data worker owns the table's filter and aggregation; the map
 * asks it for a view (`requestMapView`) and draws its latest answer (`mapFeatures`).
 */
export interface IncidentLayerStore {
  /** Columns, meta (event type colours), bbox. */
  table: CoreTable;
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
  addIncidentLayers(map, store.table, store.view.peek().lang);
  const disposeFeatures = drawMapFeatures(map, store);
  const requestView = () => store.requestMapView(mapViewRequest(map));
  requestView();
  map.on("moveend", requestView);
  const selection = mountIncidentSelection(map, store);
  const disposePointer = mountIncidentPointer(map, store, selection);
  const disposeLang = followLanguage(map, store);
  return () => {
    disposeFeatures();
    selection.dispose();
    disposeLang();
    disposePointer();
    map.off("moveend", requestView);
  };
}

/** Feeds the incidents source with each new answer of the worker; returns `dispose`. */
function drawMapFeatures(map: MapLibreMap, store: IncidentLayerStore): () => void {
  const incidentSource = map.getSource<GeoJSONSource>(INCIDENT_SOURCES.incidents);
  if (!incidentSource) throw new Error("incident sources missing");
  // The worker's answer, drawn when a new one arrives; its own view and filter are the store's business.
  let drawn: MapFeatures | null = null;
  return effect(() => {
    const features = store.mapFeatures.value;
    if (features === null || features === drawn) return;
    drawn = features;
    // Only the collection: `total` and `inView` are for the page, not for MapLibre's worker.
    incidentSource.setData({ type: "FeatureCollection", features: features.features });
  });
}

/** Aggregate counts in the reader's language; returns `dispose`. */
function followLanguage(map: MapLibreMap, store: IncidentLayerStore): () => void {
  // Only a change of language touches the layer: MapLibre repaints the whole map on any setLayoutProperty call.
  let labelLang = store.view.peek().lang;
  return effect(() => {
    const lang = store.view.value.lang;
    if (lang === labelLang) return;
    labelLang = lang;
    map.setLayoutProperty(INCIDENT_LAYERS.clusterCount, "text-field", countLabel(lang));
  });
}
