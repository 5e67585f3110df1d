import { batch, computed, effect, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import { createIncidentIndex, filterIncidents, type IncidentIndex } from "../core/filter.ts";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "../core/incident.ts";
import type { IncidentRow } from "../core/incident-digest.ts";
import type { ViewState } from "../core/view-state.ts";
import { type IncidentData, incidentDataOf, type MapFeatureBytes } from "./load-incidents.ts";

/**
 * The one store: a single writable `view` signal; everything else is derived.
 * Actions assign the result of a pure `with*` function from core/view-actions.ts.
 *
 * Incidents are held as the index's typed columns and list rows; the full incidents ("details": claims,
 * sources, summaries) may arrive after the first render, and a feature object exists only once something reads
 * it: the panel, an export.
 */
export interface Store {
  meta: CollectionMeta;
  /** [west, south, east, north] of all incidents, or null when there are none. */
  bbox: [number, number, number, number] | null;
  /** What a list row or a hover label shows of each incident, by feature index; always available. */
  rows: readonly IncidentRow[];
  /** All incidents by feature index once loaded, else null. */
  details: ReadonlySignal<readonly IncidentFeature[] | null>;
  /** Why the details could not be loaded, or null. */
  detailsError: ReadonlySignal<string | null>;
  /** True while a text search waits for its folded text (the list says so instead of "nothing matches"). */
  searchPending: ReadonlySignal<boolean>;
  /** True once everything is loaded: the details and the text search. */
  complete: ReadonlySignal<boolean>;
  /** The whole collection, once the details are loaded (exports). Rejects when they cannot be. */
  loadCollection(): Promise<IncidentCollection>;
  /**
   * Starts loading the details (after a digest they wait, so the first render has the machine to itself);
   * called once the map has drawn, and whenever something needs them. Idempotent.
   */
  requestDetails(): void;
  /** Incident ids by feature index (no decoding). */
  ids: readonly string[];
  /** The typed columns the filter, the timeline and the map read; built once. */
  index: IncidentIndex;
  /** The map's feature text by date position, when the data came from the loading worker. */
  mapFeatures: MapFeatureBytes | null;
  view: Signal<ViewState>;
  /** Indexes into the incidents of what the filters let through, in date order. */
  visible: ReadonlySignal<Uint32Array>;
  /** Feature index of the selected incident, or -1. */
  selectedIndex: ReadonlySignal<number>;
  /** The selected incident, once its details are loaded; null otherwise. */
  selected: ReadonlySignal<IncidentFeature | null>;
  /** Feature index of the incident with this id, or -1. */
  indexOfId(id: string): number;
  /** Replace the view with `update(view)`; updates are pure functions of the current view. */
  update(update: (view: ViewState) => ViewState): void;
}

const NOTHING = new Uint32Array(0);

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
  const { index, details, detailsError, searchReady } = data;
  const indexOfId = data.indexOfId;
  const view = signal(initialView);
  const filters = computed(() => view.value.filters);
  const searchPending = computed(() => filters.value.q.trim() !== "" && !searchReady.value);
  const complete = computed(() => details.value !== null && searchReady.value);
  // A text search before its folded text is built would search nothing: it waits (searchPending) instead.
  const visible = computed(() => (searchPending.value ? NOTHING : filterIncidents(index, filters.value)));
  const selectedIndex = computed(() => {
    const id = view.value.selected;
    return id === null ? -1 : indexOfId(id);
  });
  const selected = computed(() => {
    const i = selectedIndex.value;
    const features = details.value;
    return i < 0 || features === null ? null : (features[i] ?? null);
  });
  const requestDetails = () => data.requestDetails();
  // Opening an incident or searching the text needs the details (the claims; the folded text) now.
  effect(() => {
    if (view.value.selected !== null || filters.value.q.trim() !== "") requestDetails();
  });
  const loadCollection = () =>
    new Promise<IncidentCollection>((resolve, reject) => {
      requestDetails();
      const dispose = effect(() => {
        const features = details.value;
        const error = detailsError.value;
        if (features === null && error === null) return;
        queueMicrotask(() => dispose());
        if (features === null) reject(new Error(error ?? "the incidents could not be loaded"));
        else
          resolve({
            type: "FeatureCollection",
            ...(data.bbox ? { bbox: data.bbox } : {}),
            features: features as IncidentFeature[],
            meta: data.meta,
          });
      });
    });
  return {
    meta: data.meta,
    bbox: data.bbox,
    rows: data.rows,
    details,
    detailsError,
    searchPending,
    complete,
    loadCollection,
    requestDetails,
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
