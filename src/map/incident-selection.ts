import { effect } from "@preact/signals";
import type { Feature, Point } from "geojson";
import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import { afterNextPaint } from "../core/after-next-paint.ts";
import { type CoreTable, FLAG_BITS } from "../core/incident-table.ts";
import { withSelected } from "../core/selection-actions.ts";
import type { IncidentLayerStore } from "./incident-layer.ts";
import { INCIDENT_SOURCES } from "./incident-layer-style.ts";
import { prefersReducedMotion } from "./reduced-motion.ts";

/** The selection as the map shows it. */
export interface IncidentSelection {
  /** Selects `id` for a click on the map (the map then stays where it is). */
  selectFromMap(id: string): void;
  dispose(): void;
}

/**
 * Draws the selected incident as a ring on top and brings it into view. A selection made by a click on the map
 * needs no camera move; one made in the list flies there. A link with both an incident and a camera opens where
 * the link says.
 */
export function mountIncidentSelection(map: MapLibreMap, store: IncidentLayerStore): IncidentSelection {
  const { table } = store;
  const source = map.getSource<GeoJSONSource>(INCIDENT_SOURCES.selected);
  if (!source) throw new Error("incident sources missing");
  let selectedFromMap: string | null = null;
  const opening = store.view.peek();
  let openingId = opening.camera !== null ? opening.selected : null;
  let lastSelected: number | undefined;
  let cancelPending = () => {};
  const show = (p: number, id: string | null) => {
    source.setData({
      type: "FeatureCollection",
      features: p >= 0 && id !== null ? [selectedFeature(table, p, id)] : [],
    });
    if (p < 0) return;
    const quiet = id === selectedFromMap || id === openingId;
    selectedFromMap = null;
    openingId = null;
    if (!quiet) flyToIncident(map, table, p);
  };
  const disposeEffect = effect(() => {
    const p = store.selectedIndex.value;
    if (p === lastSelected) return;
    const first = lastSelected === undefined;
    lastSelected = p;
    const id = store.view.peek().selected;
    cancelPending();
    cancelPending = () => {};
    // A selection made now waits for the next paint: the panel it opens is painted first, then the map flies (a
    // frame of the map can take longer than the whole panel, and would otherwise come before it).
    if (first) show(p, id);
    else cancelPending = afterNextPaint(() => show(p, id));
  });
  const dispose = () => {
    cancelPending();
    disposeEffect();
  };
  return {
    selectFromMap(id) {
      selectedFromMap = id;
      store.update((view) => withSelected(view, id));
      if (store.view.peek().selected !== id) selectedFromMap = null;
    },
    dispose,
  };
}

/** The selection, drawn from the table's columns: it stays whatever the filter and the worker's answer. */
function selectedFeature(table: CoreTable, p: number, id: string): Feature<Point> {
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

function flyToIncident(map: MapLibreMap, table: CoreTable, p: number): void {
  const radius = table.radiusKm[p] as number;
  // Show the whole uncertainty circle: a district-wide incident needs a wider view than a village one.
  const zoom = Math.max(map.getZoom(), radius >= 20 ? 7.5 : radius >= 8 ? 8.5 : 10);
  const camera = { center: [table.lon[p] as number, table.lat[p] as number] as [number, number], zoom };
  if (prefersReducedMotion()) map.jumpTo(camera);
  else map.flyTo({ ...camera, duration: 900, essential: true });
}
