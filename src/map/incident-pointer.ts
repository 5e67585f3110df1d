import { effect } from "@preact/signals";
import type { Feature, Point } from "geojson";
import { type LngLatBoundsLike, type MapLayerMouseEvent, type Map as MapLibreMap, Popup } from "maplibre-gl";
import { AGGREGATE_DEFAULTS, type MapFeatureProperties } from "../core/aggregate.ts";
import { pickText } from "../core/format.ts";
import type { IncidentLayerStore } from "./incident-layer.ts";
import { INCIDENT_LAYER_DEFAULTS, INCIDENT_LAYERS } from "./incident-layer-style.ts";
import type { IncidentSelection } from "./incident-selection.ts";
import { prefersReducedMotion } from "./reduced-motion.ts";

type IncidentFeature = Feature<Point, MapFeatureProperties>;

/**
 * The pointer on the incident layers: hovering an incident shows its title, clicking it selects it, clicking an
 * aggregate zooms to its incidents. Returns `dispose`.
 */
export function mountIncidentPointer(
  map: MapLibreMap,
  store: IncidentLayerStore,
  selection: IncidentSelection,
): () => void {
  const defaults = INCIDENT_LAYER_DEFAULTS;
  const popup = new Popup({
    closeButton: false,
    closeOnClick: false,
    offset: 12,
    className: "incident-hover",
    maxWidth: "260px",
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
      (id) => selection.selectFromMap(id),
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

  // Each handler is added to and taken off its layer from this one list.
  const handlers: ["mouseenter" | "mouseleave" | "click", string, (event: MapLayerMouseEvent) => void][] = [
    ["mouseenter", INCIDENT_LAYERS.points, onPointEnter],
    ["mouseleave", INCIDENT_LAYERS.points, onLeave],
    ["click", INCIDENT_LAYERS.points, onPointClick],
    ["mouseenter", INCIDENT_LAYERS.clusters, onAggregateEnter],
    ["mouseleave", INCIDENT_LAYERS.clusters, onLeave],
    ["click", INCIDENT_LAYERS.clusters, onAggregateClick],
  ];
  for (const [type, layer, handler] of handlers) map.on(type, layer, handler);

  return () => {
    disposePopup();
    popup.remove();
    for (const [type, layer, handler] of handlers) map.off(type, layer, handler);
  };
}
