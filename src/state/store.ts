import { batch, computed, effect, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import type { MapFeatures, MapViewRequest } from "../core/aggregate.ts";
import { datasetCredits } from "../core/dataset-credits.ts";
import type { ViewCaption } from "../core/describe-view.ts";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "../core/incident.ts";
import { type IncidentRow, rowOfFeature } from "../core/incident-row.ts";
import type { CoreTable } from "../core/incident-table.ts";
import { type TimelineAnswer, timelineOf } from "../core/timeline.ts";
import type { Filters, Lang, ViewState } from "../core/view-state.ts";
import { createDetailShards } from "./detail-shards.ts";
import type { TableService } from "./table-service.ts";

/**
 * The one store: a single writable `view` signal; everything else is derived from it and the incident table.
 * Actions assign the result of a pure `with*` function from core/view-actions.ts.
 *
 * An incident in the browser is a position in the table (src/core/incident-table.ts): its columns are here,
 * its text comes from a detail shard when something shows it. The filter and the map's aggregation run in
 * the data worker; their answers arrive here, and an answer to a request that has since been replaced is
 * dropped, never shown over a newer one.
 */
export interface Store {
  table: CoreTable;
  meta: CollectionMeta;
  /** Credits the data owes to the event datasets it was imported from, for the attribution line. */
  credits: readonly string[];
  /** [west, south, east, north] of all incidents, or null when there are none. */
  bbox: [number, number, number, number] | null;
  view: Signal<ViewState>;
  /** Positions of the incidents the filters let through, in date order. */
  visible: ReadonlySignal<Uint32Array>;
  /** The timeline's bars: the filter without its date range (empty while a text search waits). */
  timeline: ReadonlySignal<TimelineAnswer>;
  /** True while a text search waits for its answer (the list says so instead of "nothing matches"). */
  searchPending: ReadonlySignal<boolean>;
  /** A text search is likely soon: fetch what it needs now (idempotent). */
  prepareSearch(): void;
  /** Fetches the relations (who took part, who reported) ahead of the first filter that needs them. */
  prepareRelations(): void;
  /** The caption of an exported image of what the view shows (TableService.caption). */
  caption(filters: Filters, lang: Lang): Promise<ViewCaption>;
  /** Resolves once the first filter answer is in (the first render waits for it). */
  ready: Promise<void>;
  /** Position of the selected incident, or -1 (also while its id is being looked up). */
  selectedIndex: ReadonlySignal<number>;
  /** The selected incident, once its shard is here; null otherwise. */
  selected: ReadonlySignal<IncidentFeature | null>;
  /** Why incident details could not be loaded, or null. */
  detailsError: ReadonlySignal<string | null>;
  /** The list row of position p, or null while its shard loads (reading it subscribes to the arrival). */
  row(position: number): IncidentRow | null;
  /** The id of position p. */
  idAt(position: number): Promise<string>;
  /** Position of the incident with this id if known here (seen in a row, or looked up), else -1. */
  indexOfId(id: string): number;
  /** Looks the ids up in the table (the ids file is fetched on first use); -1 for unknown ids. */
  resolveIds(ids: readonly string[]): Promise<number[]>;
  /** A collection of the incidents at these positions, in that order (exports). */
  loadCollection(positions: ArrayLike<number>): Promise<IncidentCollection>;
  /** The map's latest answer for the latest view and filter. */
  mapFeatures: ReadonlySignal<MapFeatures | null>;
  /** Asks what to draw for this view; the store asks again by itself when the filter changes. */
  requestMapView(request: MapViewRequest): void;
  /** Replace the view with `update(view)`; updates are pure functions of the current view. */
  update(update: (view: ViewState) => ViewState): void;
}

const NOTHING = new Uint32Array(0);

function sameFilters(a: Filters, b: Filters): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createStore(service: TableService, initialView: ViewState): Store {
  const { table } = service;
  const view = signal(initialView);
  const visible = signal<Uint32Array>(NOTHING);
  const noBars = timelineOf(table, NOTHING, { start: table.minDay, end: table.maxDay });
  const answeredTimeline = signal<TimelineAnswer>(noBars);
  const answeredFilters = signal<Filters | null>(null);
  const mapFeatures = signal<MapFeatures | null>(null);
  const shards = createDetailShards(table.shardSize, (k) => service.shard(k));
  // Positions of ids met so far (rows, lookups); `known` bumps when one is added so computeds re-read.
  const positions = new Map<string, number>();
  const known = signal(0);
  const learn = (id: string, p: number) => {
    if (positions.get(id) === p) return;
    positions.set(id, p);
    known.value++;
  };

  const filters = computed(() => view.value.filters);
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    ready = resolve;
  });

  // Map view: the last request, and a generation so an answer for an older view or filter is dropped.
  let lastMapRequest: MapViewRequest | null = null;
  let mapGeneration = 0;
  function askMap(): void {
    const request = lastMapRequest;
    if (request === null) return;
    const generation = ++mapGeneration;
    service.mapView(request).then(
      (answer) => {
        if (generation === mapGeneration) mapFeatures.value = answer;
      },
      (error: unknown) => console.error(error),
    );
  }

  let filterGeneration = 0;
  effect(() => {
    const current = filters.value;
    const generation = ++filterGeneration;
    // The map's view goes with the filter, so its answer comes in the same message as the count's.
    const mapAsked = lastMapRequest === null ? -1 : ++mapGeneration;
    service.filter(current, lastMapRequest).then(
      (answer) => {
        if (generation !== filterGeneration) return;
        const mapCurrent = answer.map !== null && mapAsked === mapGeneration;
        batch(() => {
          visible.value = answer.visible;
          answeredTimeline.value = answer.timeline;
          answeredFilters.value = current;
          if (mapCurrent) mapFeatures.value = answer.map;
        });
        ready();
        // Asked without a view, or panned since: the map needs its own answer for the latest view.
        if (!mapCurrent) askMap();
      },
      (error: unknown) => {
        console.error(error);
        if (generation !== filterGeneration) return;
        batch(() => {
          visible.value = NOTHING;
          answeredTimeline.value = noBars;
          answeredFilters.value = current;
        });
        ready();
      },
    );
  });

  const searchPending = computed(() => {
    const answered = answeredFilters.value;
    return filters.value.q.trim() !== "" && (answered === null || !sameFilters(answered, filters.value));
  });
  // A text search waiting for its answer counts nothing yet, as the list shows nothing.
  const timeline = computed(() => (searchPending.value ? noBars : answeredTimeline.value));

  const selectedIndex = computed(() => {
    known.value;
    const id = view.value.selected;
    return id === null ? -1 : (positions.get(id) ?? -1);
  });
  // An id selected from a link or history that this page has not met yet is looked up in the worker.
  effect(() => {
    const id = view.value.selected;
    if (id === null || positions.has(id)) return;
    service.positionsOf([id]).then(
      ([p]) => {
        if (p !== undefined && p >= 0) learn(id, p);
      },
      (error: unknown) => console.error(error),
    );
  });
  const selected = computed(() => {
    const p = selectedIndex.value;
    return p < 0 ? null : shards.feature(p);
  });

  return {
    table,
    meta: table.meta,
    credits: datasetCredits(table.meta.sources),
    bbox: table.bbox,
    view,
    visible,
    timeline,
    searchPending,
    prepareSearch: () => service.prepareSearch(),
    prepareRelations: () => service.prepareRelations(),
    caption: (filters, lang) => service.caption(filters, lang),
    ready: readyPromise,
    selectedIndex,
    selected,
    detailsError: shards.error,
    row(p) {
      const feature = shards.feature(p);
      if (!feature) return null;
      const row = rowOfFeature(feature);
      if (!positions.has(row.id)) positions.set(row.id, p);
      return row;
    },
    async idAt(p) {
      const feature = await shards.load(p);
      learn(feature.properties.id, p);
      return feature.properties.id;
    },
    indexOfId(id) {
      known.value;
      return positions.get(id) ?? -1;
    },
    async resolveIds(ids) {
      const missing = ids.filter((id) => !positions.has(id));
      if (missing.length > 0) {
        const found = await service.positionsOf(missing);
        missing.forEach((id, k) => {
          const p = found[k] ?? -1;
          if (p >= 0) learn(id, p);
        });
      }
      return ids.map((id) => positions.get(id) ?? -1);
    },
    async loadCollection(chosen) {
      const features = await shards.loadMany(chosen);
      return {
        type: "FeatureCollection",
        ...(table.bbox ? { bbox: table.bbox } : {}),
        features,
        meta: table.meta,
      };
    },
    mapFeatures,
    requestMapView(request) {
      lastMapRequest = request;
      askMap();
    },
    update(update) {
      batch(() => {
        view.value = update(view.value);
      });
    },
  };
}

/** Positions 0 … n − 1: the indexes of a collection made by `loadCollection`, for the exports. */
export function allPositions(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
