import { batch, computed, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import { createIncidentIndex, filterIncidents, type IncidentIndex } from "../core/filter";
import type { IncidentCollection, IncidentFeature } from "../core/incident";
import type { ViewState } from "../core/view-state";
import { type IncidentData, incidentDataOf, type MapFeatureBytes } from "./load-incidents";

/**
 * The one store: a single writable `view` signal; everything else is derived.
 * Actions assign the result of a pure `with*` function from core/view-actions.ts.
 *
 * Incidents are held as the index's typed columns; a feature object exists only once something reads it
 * (`incidents[i]`, `incidentAt(i)`): the list's rows in view, the panel, an export.
 */
export interface Store {
  /** The collection as loaded; `features` decodes each incident on first read. */
  collection: IncidentCollection;
  /** All incidents, in the order of the collection (= `collection.features`). */
  incidents: readonly IncidentFeature[];
  /** Incident ids by feature index (no decoding). */
  ids: readonly string[];
  /** The typed columns the filter, the timeline and the map read; built once. */
  index: IncidentIndex;
  /** The map's feature text by date position, when the data came from the loading worker. */
  mapFeatures: MapFeatureBytes | null;
  view: Signal<ViewState>;
  /** Indexes into `incidents` of what the filters let through, in date order. */
  visible: ReadonlySignal<Uint32Array>;
  /** Feature index of the selected incident, or -1. */
  selectedIndex: ReadonlySignal<number>;
  selected: ReadonlySignal<IncidentFeature | null>;
  /** Feature index of the incident with this id, or -1. */
  indexOfId(id: string): number;
  /** Replace the view with `update(view)`; updates are pure functions of the current view. */
  update(update: (view: ViewState) => ViewState): void;
}

/**
 * Creates the store from loaded data (src/state/load-incidents.ts) or, in tests and tools, from a collection
 * in memory (its index is then built here).
 */
export function createStore(source: IncidentData | IncidentCollection, initialView: ViewState): Store {
  const data =
    "type" in source && source.type === "FeatureCollection"
      ? // meta carries actor aliases, so a search for "QSD" finds the SDF's incidents.
        incidentDataOf(source, createIncidentIndex(source.features, source.meta))
      : (source as IncidentData);
  const { index } = data;
  const incidents = data.features;
  const collection: IncidentCollection = {
    type: "FeatureCollection",
    ...(data.bbox ? { bbox: data.bbox } : {}),
    features: incidents as IncidentFeature[],
    meta: data.meta,
  };
  const indexOfId = data.indexOfId;
  const view = signal(initialView);
  const filters = computed(() => view.value.filters);
  const visible = computed(() => filterIncidents(index, filters.value));
  const selectedIndex = computed(() => {
    const id = view.value.selected;
    return id === null ? -1 : indexOfId(id);
  });
  const selected = computed(() => {
    const i = selectedIndex.value;
    return i < 0 ? null : (incidents[i] ?? null);
  });
  return {
    collection,
    incidents,
    get ids() {
      return data.ids;
    },
    index,
    mapFeatures: data.mapFeatures,
    view,
    visible,
    selectedIndex,
    selected,
    indexOfId,
    update(update) {
      batch(() => {
        view.value = update(view.value);
      });
    },
  };
}
