import { batch, computed, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import { createIncidentIndex, filterIncidents, type IncidentIndex, prepareSearchText } from "../core/filter";
import type { IncidentCollection, IncidentFeature } from "../core/incident";
import type { ViewState } from "../core/view-state";

/**
 * The one store: a single writable `view` signal; everything else is derived.
 * Actions assign the result of a pure `with*` function from core/view-actions.ts.
 */
export interface Store {
  collection: IncidentCollection;
  /** All incidents, in the order of the collection. */
  incidents: readonly IncidentFeature[];
  /** The typed columns the filter and the timeline read; built once. */
  index: IncidentIndex;
  view: Signal<ViewState>;
  /** Indexes into `incidents` of what the filters let through, in date order. */
  visible: ReadonlySignal<Uint32Array>;
  selected: ReadonlySignal<IncidentFeature | null>;
  /** Replace the view with `update(view)`; updates are pure functions of the current view. */
  update(update: (view: ViewState) => ViewState): void;
}

export function createStore(collection: IncidentCollection, initialView: ViewState): Store {
  const incidents = collection.features;
  // meta carries actor aliases, so a search for "QSD" finds the SDF's incidents.
  const index = createIncidentIndex(incidents, collection.meta);
  const byId = new Map(incidents.map((feature) => [feature.properties.id, feature]));
  const view = signal(initialView);
  const filters = computed(() => view.value.filters);
  const visible = computed(() => filterIncidents(index, filters.value));
  const selected = computed(() => {
    const id = view.value.selected;
    return id === null ? null : (byId.get(id) ?? null);
  });
  return {
    collection,
    incidents,
    index,
    view,
    visible,
    selected,
    update(update) {
      batch(() => {
        view.value = update(view.value);
      });
    },
  };
}

/** Builds the search text while the page is idle, so the first keystroke in the search box is not the slow one. */
export function prepareSearchWhenIdle(store: Store): void {
  const run = () => prepareSearchText(store.index);
  if ("requestIdleCallback" in window) requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 500);
}
