import { effect } from "@preact/signals";
import { circle } from "@turf/turf";
import type { Feature, FeatureCollection, Point, Polygon } from "geojson";
import {
  type CircleLayerSpecification,
  type ExpressionSpecification,
  type GeoJSONSource,
  importScriptInWorkers,
  type MapLayerMouseEvent,
  type Map as MapLibreMap,
  Popup,
} from "maplibre-gl";
import { LOCALES, pickText } from "../core/format.ts";
import { withSelected } from "../core/selection-actions.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import type { MapFeatureBytes } from "../state/load-incidents.ts";
import type { Store } from "../state/store.ts";
import { FONT_BOLD } from "./basemap-style.ts";

/** Layer ids; the browser tests query rendered features by these. */
export const INCIDENT_LAYERS = {
  uncertaintyFill: "incident-uncertainty-fill",
  uncertaintyLine: "incident-uncertainty-line",
  clusters: "incident-clusters",
  clusterCount: "incident-cluster-count",
  pointOutline: "incident-point-outline",
  points: "incident-points",
  selectedHalo: "incident-selected-halo",
  selectedPoint: "incident-selected-point",
} as const;

const SOURCES = {
  incidents: "incidents",
  selected: "incident-selected",
  uncertainty: "incident-uncertainty",
};

/** Tuning in one place, each with its reason. */
export const INCIDENT_LAYER_DEFAULTS = {
  clusterRadius: 44, // px; large enough to merge a town's incidents at country zoom
  clusterMaxZoom: 11, // above this every incident is its own symbol
  uncertaintyMinZoom: 7.5, // circles of a few km are invisible below this, and costly to build
  uncertaintyMaxCircles: 3000, // built for the viewport only; caps the work on dense views
  uncertaintySteps: 48, // polygon vertices per circle: smooth at z12, cheap to tile
  fallbackColor: "#777777", // an event type the vocabulary does not know
  // Pushes of at least this many incidents go as a Blob URL of the worker's text; smaller ones as objects
  // (a blob fetch costs MapLibre's worker a round trip that a small structured clone does not).
  blobFrom: 20_000,
};

/**
 * Only what the map draws: id, event type code (`t`, coloured by a paint expression), approximate flag, and the
 * index back into the store. A code rather than a colour string: the text MapLibre's worker parses and clusters
 * on every filter change is a third shorter, which made change → paint ~25% faster at 100k.
 */
interface SlimProperties {
  id: string;
  t: number;
  approximate: boolean;
  index: number;
}

type SlimFeature = Feature<Point, SlimProperties>;

/** Colour by the index's event type code. The vocabulary's colour-blind-safe palette wins over the data's. */
function colorTable(store: Store): string[] {
  const colors = new Map(store.meta.event_types.map((type) => [type.id, type.color]));
  for (const type of EVENT_TYPES) colors.set(type.id, type.color);
  const byCode: string[] = [];
  for (const [id, code] of store.index.typeCodes) {
    byCode[code] = colors.get(id) ?? INCIDENT_LAYER_DEFAULTS.fallbackColor;
  }
  return byCode;
}

/**
 * The map's features, built from the index's columns (never from feature objects), once per incident and
 * reused by every push.
 */
function createSlimFeatures(store: Store): (index: number) => SlimFeature {
  const { lon, lat, featureType, approximate } = store.index;
  const built: SlimFeature[] = new Array(store.index.size);
  return (index) => {
    let feature = built[index];
    if (feature === undefined) {
      feature = {
        type: "Feature",
        geometry: { type: "Point", coordinates: [lon[index] as number, lat[index] as number] },
        properties: {
          id: store.ids[index] as string,
          t: featureType[index] as number,
          approximate: approximate[index] === 1,
          index,
        },
      };
      built[index] = feature;
    }
    return feature;
  };
}

function collection<G extends Point | Polygon, P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: "FeatureCollection", features };
}

/**
 * Runs in each MapLibre worker (an ES module, imported from a blob URL). Two things for our blob: URLs:
 * - MapLibre's worker hands any URL scheme it does not know to the main thread, which fetches it, parses the JSON
 *   there and structured-clones the objects back: for a push of 100k incidents ~0.4 s of main thread and ~0.3 s
 *   of worker. `addProtocol` in the worker (its documented worker API) fetches and parses blob: URLs in place.
 *   MapLibre keys protocols by what precedes "://", so "blob:http" and "blob:https".
 * - MapLibre 6 posts the whole GeoJSON it loaded from a URL back to the main thread, where deserialising 100k
 *   features is a ~100 ms task; our data lives in the store already, so for blob: URLs the worker keeps it.
 *   Internal API: if it is not there, nothing is patched and the map still works, only with that task.
 */
const WORKER_PATCH = `
if (typeof self.addProtocol === "function" && !self.__atlasFetchesBlobs) {
  self.__atlasFetchesBlobs = true;
  const loadBlob = async (params, abortController) => {
    const response = await fetch(params.url, { signal: abortController.signal });
    if (!response.ok) throw new Error("could not read " + params.url + ": HTTP " + response.status);
    const data =
      params.type === "json" ? await response.json()
      : params.type === "arrayBuffer" ? await response.arrayBuffer()
      : await response.text();
    return { data };
  };
  self.addProtocol("blob:http", loadBlob);
  self.addProtocol("blob:https", loadBlob);
}
const worker = self.worker;
if (worker && !worker.__atlasKeepsUrlData && typeof worker._getWorkerSource === "function") {
  worker.__atlasKeepsUrlData = true;
  const getSource = worker._getWorkerSource.bind(worker);
  const patched = new WeakSet();
  worker._getWorkerSource = (mapId, type, name) => {
    const source = getSource(mapId, type, name);
    if (type === "geojson" && source && !patched.has(source) && typeof source.loadData === "function") {
      patched.add(source);
      const loadData = source.loadData.bind(source);
      source.loadData = async (params) => {
        const result = await loadData(params);
        if (result && params && params.request && String(params.request.url).startsWith("blob:")) delete result.data;
        return result;
      };
    }
    return source;
  };
}
export {};
`;

let workersPatched: Promise<void> | null = null;
function patchWorkers(): Promise<void> {
  workersPatched ??= importScriptInWorkers(
    URL.createObjectURL(new Blob([WORKER_PATCH], { type: "text/javascript" })),
  ).catch((error: unknown) => console.warn("MapLibre worker patch not applied", error));
  return workersPatched;
}

const HEADER = new TextEncoder().encode('{"type":"FeatureCollection","features":[');
const FOOTER = new TextEncoder().encode("]}");

/**
 * The visible incidents as GeoJSON text in a Blob, assembled from the worker-built feature text: `visible` is
 * in date order and the text is stored in date order, so consecutive positions become one slice.
 */
function visibleBlob(visible: Uint32Array, positionOf: Uint32Array, text: MapFeatureBytes): Blob {
  const { bytes, offsets } = text;
  const parts: BlobPart[] = [HEADER];
  let runStart = -1;
  let runEnd = -1;
  const flush = (last: boolean) => {
    if (runStart < 0) return;
    // Each feature's text ends with a comma; the last one of the collection must not.
    const to = (offsets[runEnd + 1] as number) - (last ? 1 : 0);
    parts.push(bytes.subarray(offsets[runStart] as number, to) as Uint8Array<ArrayBuffer>);
  };
  for (let k = 0; k < visible.length; k++) {
    const p = positionOf[visible[k] as number] as number;
    if (p === runEnd + 1 && runStart >= 0) {
      runEnd = p;
      continue;
    }
    flush(false);
    runStart = p;
    runEnd = p;
  }
  flush(true);
  parts.push(FOOTER);
  return new Blob(parts, { type: "application/json" });
}

/** The colour of each event type code, as a MapLibre `match` expression on the `t` property. */
function colorByTypeCode(colors: readonly string[]): ExpressionSpecification {
  const cases: (number | string)[] = [];
  colors.forEach((color, code) => {
    if (color) cases.push(code, color);
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

/** Paint shared by the normal and the selected point: exact = filled disc, approximate = hollow ring. */
function pointPaint(colors: readonly string[]): CircleLayerSpecification["paint"] {
  const color = colorByTypeCode(colors);
  return {
    "circle-radius": ["case", ["get", "approximate"], 4.5, 6.5],
    "circle-color": ["case", ["get", "approximate"], "#ffffff", color],
    "circle-stroke-color": color,
    "circle-stroke-width": ["case", ["get", "approximate"], 2.5, 0],
  };
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * Draws `store.visible` on `map` as clustered symbols, the selection as a ring on top and, once zoomed in,
 * the uncertainty radius of approximate incidents. Pushes data to MapLibre only when `visible` or `selected`
 * change. Call after the style has loaded; returns `dispose`.
 */
export function mountIncidentLayer(map: MapLibreMap, store: Store): () => void {
  const slim = createSlimFeatures(store);
  const colors = colorTable(store);
  const defaults = INCIDENT_LAYER_DEFAULTS;

  map.addSource(SOURCES.uncertainty, { type: "geojson", data: collection([]) });
  map.addSource(SOURCES.incidents, {
    type: "geojson",
    data: collection([]),
    cluster: true,
    clusterRadius: defaults.clusterRadius,
    clusterMaxZoom: defaults.clusterMaxZoom,
  });
  map.addSource(SOURCES.selected, { type: "geojson", data: collection([]) });

  map.addLayer({
    id: INCIDENT_LAYERS.uncertaintyFill,
    type: "fill",
    source: SOURCES.uncertainty,
    minzoom: defaults.uncertaintyMinZoom,
    paint: { "fill-color": ["get", "color"], "fill-opacity": 0.12 },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.uncertaintyLine,
    type: "line",
    source: SOURCES.uncertainty,
    minzoom: defaults.uncertaintyMinZoom,
    paint: { "line-color": ["get", "color"], "line-opacity": 0.6, "line-width": 1, "line-dasharray": [2, 2] },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.clusters,
    type: "circle",
    source: SOURCES.incidents,
    filter: ["has", "point_count"],
    paint: {
      "circle-color": "#3d4a5c",
      "circle-opacity": 0.88,
      "circle-radius": ["step", ["get", "point_count"], 13, 10, 17, 100, 22, 1000, 28],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.clusterCount,
    type: "symbol",
    source: SOURCES.incidents,
    filter: ["has", "point_count"],
    layout: {
      "text-field": clusterCountLabel(store.view.value.lang),
      "text-font": [FONT_BOLD],
      "text-size": 12,
      "text-allow-overlap": true,
    },
    paint: { "text-color": "#ffffff" },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.pointOutline,
    type: "circle",
    source: SOURCES.incidents,
    filter: ["!", ["has", "point_count"]],
    // A dark rim keeps the light colours of the palette visible on the pale basemap.
    paint: { "circle-radius": 8, "circle-color": "#2b2b2b", "circle-opacity": 0.65 },
  });
  map.addLayer({
    id: INCIDENT_LAYERS.points,
    type: "circle",
    source: SOURCES.incidents,
    filter: ["!", ["has", "point_count"]],
    paint: pointPaint(colors),
  });
  map.addLayer({
    id: INCIDENT_LAYERS.selectedHalo,
    type: "circle",
    source: SOURCES.selected,
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
    source: SOURCES.selected,
    paint: pointPaint(colors),
  });

  const incidentSource = map.getSource<GeoJSONSource>(SOURCES.incidents);
  const selectedSource = map.getSource<GeoJSONSource>(SOURCES.selected);
  const uncertaintySource = map.getSource<GeoJSONSource>(SOURCES.uncertainty);
  if (!incidentSource || !selectedSource || !uncertaintySource) throw new Error("incident sources missing");
  const clusterSource: GeoJSONSource = incidentSource;

  // Uncertainty circles: built only for approximate incidents in (and near) the viewport, cached by index.
  const circles = new Map<number, Feature<Polygon, { color: string }>>();
  let lastCircleCount = 0;
  function updateUncertainty(): void {
    if (map.getZoom() < defaults.uncertaintyMinZoom) return;
    const bounds = map.getBounds();
    const pad = 0.5; // degrees ≈ 50 km: circles whose centre is just off-screen still reach into it
    const west = bounds.getWest() - pad;
    const east = bounds.getEast() + pad;
    const south = bounds.getSouth() - pad;
    const north = bounds.getNorth() + pad;
    const features: Feature<Polygon, { color: string }>[] = [];
    const columns = store.index;
    for (const index of store.visible.value) {
      if (columns.approximate[index] !== 1) continue;
      const lon = columns.lon[index] as number;
      const lat = columns.lat[index] as number;
      if (lon < west || lon > east || lat < south || lat > north) continue;
      let shape = circles.get(index);
      if (!shape) {
        shape = circle([lon, lat], columns.radiusKm[index] as number, {
          steps: defaults.uncertaintySteps,
          units: "kilometers",
          properties: { color: colors[slim(index).properties.t] ?? defaults.fallbackColor },
        });
        circles.set(index, shape);
      }
      features.push(shape);
      if (features.length >= defaults.uncertaintyMaxCircles) break;
    }
    if (features.length === 0 && lastCircleCount === 0) return;
    lastCircleCount = features.length;
    uncertaintySource?.setData(collection(features));
  }

  // One push in flight at a time: changes made meanwhile (a brush drag, play) are coalesced into the next
  // push, so the map follows at its own pace while counts, list and timeline update live.
  let lastVisible: Uint32Array | null = null;
  let pushing = false;
  let disposed = false;
  const text = store.mapFeatures;
  let positionOf: Uint32Array | null = null;
  if (text) {
    positionOf = new Uint32Array(store.index.size);
    store.index.order.forEach((i, p) => {
      (positionOf as Uint32Array)[i] = p;
    });
  }
  // A big push is a Blob URL of the worker's feature text: MapLibre's worker fetches and parses it, and the main
  // thread never serialises 100k objects. A small one (or any, for a store made from objects) goes as objects.
  function dataFor(visible: Uint32Array): { data: FeatureCollection | string; done: () => void } {
    if (text && positionOf && visible.length >= defaults.blobFrom) {
      const url = URL.createObjectURL(visibleBlob(visible, positionOf, text));
      return { data: url, done: () => URL.revokeObjectURL(url) };
    }
    const features = new Array<SlimFeature>(visible.length);
    for (let k = 0; k < visible.length; k++) features[k] = slim(visible[k] as number);
    return { data: collection(features), done: () => undefined };
  }
  function push(): void {
    const visible = store.visible.value;
    if (disposed || visible === lastVisible) return;
    lastVisible = visible;
    pushing = true;
    lastCircleCount = -1; // the visible set changed: always push
    updateUncertainty();
    const { data, done } = dataFor(visible);
    void patchWorkers()
      .then(() => clusterSource.setData(data))
      .catch(() => undefined)
      .finally(() => {
        done();
        pushing = false;
        push();
      });
  }
  const disposeVisible = effect(() => {
    store.visible.value;
    if (!pushing) push();
  });

  // A selection made by a click on the map needs no camera move; one made in the list flies there.
  let selectedFromMap = false;
  let lastSelected: number | undefined;
  const disposeSelected = effect(() => {
    const index = store.selectedIndex.value;
    if (index === lastSelected) return;
    // A link with both an incident and a camera opens where the link says: the camera wins on load.
    const opening = lastSelected === undefined && store.view.peek().camera !== null;
    lastSelected = index;
    selectedSource.setData(collection(index >= 0 ? [slim(index)] : []));
    if (index >= 0 && !selectedFromMap && !opening) flyToIncident(index);
    selectedFromMap = false;
  });

  function flyToIncident(index: number): void {
    const radius = store.index.radiusKm[index] as number;
    // Show the whole uncertainty circle: a district-wide incident needs a wider view than a village one.
    const zoom = Math.max(map.getZoom(), radius >= 20 ? 7.5 : radius >= 8 ? 8.5 : 10);
    const camera = { center: slim(index).geometry.coordinates as [number, number], zoom };
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

  // Only a change of language touches the layer: MapLibre repaints the whole map on any setLayoutProperty call,
  // even an unchanged one, and in software WebGL that frame delayed every filter change by ~50 ms.
  let labelLang = store.view.peek().lang;
  const disposeLang = effect(() => {
    const lang = store.view.value.lang;
    if (lang === labelLang) return;
    labelLang = lang;
    map.setLayoutProperty(INCIDENT_LAYERS.clusterCount, "text-field", clusterCountLabel(lang));
  });
  // Any change of view (a filter may hide the hovered incident, the language renames it) closes the hover title.
  const disposePopup = effect(() => {
    store.view.value;
    popup.remove();
  });

  function onPointEnter(event: MapLayerMouseEvent): void {
    map.getCanvas().style.cursor = "pointer";
    const hit = event.features?.[0];
    const index = Number(hit?.properties?.index);
    const row = Number.isInteger(index) ? store.rows[index] : undefined;
    if (!row) return;
    const title = pickText(row.title, store.view.value.lang);
    // setText, never setHTML: titles come from the sheet.
    popup
      .setLngLat(slim(index).geometry.coordinates as [number, number])
      .setText(title.text)
      .addTo(map);
  }
  function onPointLeave(): void {
    map.getCanvas().style.cursor = "";
    popup.remove();
  }
  function onPointClick(event: MapLayerMouseEvent): void {
    const id = event.features?.[0]?.properties?.id;
    if (typeof id !== "string") return;
    selectedFromMap = true;
    store.update((view) => withSelected(view, id));
    if (store.view.value.selected !== id) selectedFromMap = false;
  }
  function onClusterEnter(): void {
    map.getCanvas().style.cursor = "pointer";
  }
  async function onClusterClick(event: MapLayerMouseEvent): Promise<void> {
    const hit = event.features?.[0];
    const clusterId = Number(hit?.properties?.cluster_id);
    if (!hit || Number.isNaN(clusterId)) return;
    const zoom = await clusterSource.getClusterExpansionZoom(clusterId);
    const center = (hit.geometry as Point).coordinates as [number, number];
    map.easeTo({ center, zoom: zoom + 0.2, duration: prefersReducedMotion() ? 0 : 500 });
  }

  map.on("mouseenter", INCIDENT_LAYERS.points, onPointEnter);
  map.on("mouseleave", INCIDENT_LAYERS.points, onPointLeave);
  map.on("click", INCIDENT_LAYERS.points, onPointClick);
  map.on("mouseenter", INCIDENT_LAYERS.clusters, onClusterEnter);
  map.on("mouseleave", INCIDENT_LAYERS.clusters, onPointLeave);
  map.on("click", INCIDENT_LAYERS.clusters, onClusterClick);
  map.on("moveend", updateUncertainty);

  return () => {
    disposed = true;
    disposeVisible();
    disposeSelected();
    disposeLang();
    disposePopup();
    popup.remove();
    map.off("mouseenter", INCIDENT_LAYERS.points, onPointEnter);
    map.off("mouseleave", INCIDENT_LAYERS.points, onPointLeave);
    map.off("click", INCIDENT_LAYERS.points, onPointClick);
    map.off("mouseenter", INCIDENT_LAYERS.clusters, onClusterEnter);
    map.off("mouseleave", INCIDENT_LAYERS.clusters, onPointLeave);
    map.off("click", INCIDENT_LAYERS.clusters, onClusterClick);
    map.off("moveend", updateUncertainty);
  };
}

/** Cluster counts in the active locale's digits. */
function clusterCountLabel(lang: "en" | "ar") {
  return ["number-format", ["get", "point_count"], { locale: LOCALES[lang] }] as [
    "number-format",
    ["get", string],
    { locale: string },
  ];
}
