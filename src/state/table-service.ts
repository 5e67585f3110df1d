import type { MapFeatures, MapViewRequest } from "../core/aggregate.ts";
import type { ViewCaption } from "../core/describe-view.ts";
import type { IncidentFeature } from "../core/incident.ts";
import { type CoreTable, TABLE_FILES } from "../core/incident-table.ts";
import type { Filters, Lang } from "../core/view-state.ts";
import dataWorkerPath from "./data.worker.ts?worker&url";
import { reportMissingFile, sitePath } from "./missing-files.ts";
import { type FetchFile, type FilterAnswer, TableEngine } from "./table-engine.ts";

/**
 * The store's one way to the incidents: the table (columns, dictionaries) in hand, and questions answered
 * asynchronously, by the data worker in the browser (`openTableService`) or in-process (`createLocalTableService`,
 * for tests and tools). Nothing else in the app fetches incident data.
 */
export interface TableService {
  /** The columns in hand, without the relations (who took part, who reported): the worker answers those. */
  table: CoreTable;
  /** The filter's answer, with the map's answer for `view` when given (see TableEngine.filter). */
  filter(filters: Filters, view?: MapViewRequest | null): Promise<FilterAnswer>;
  mapView(request: MapViewRequest): Promise<MapFeatures>;
  /** Positions of these incident ids (-1 for an unknown one). */
  positionsOf(ids: readonly string[]): Promise<number[]>;
  /** The GeoJSON features of detail shard k (positions k·shardSize …). */
  shard(k: number): Promise<IncidentFeature[]>;
  /** Fetch the search index's dictionary now, not on the first text search (TableEngine.prepareSearch). */
  prepareSearch(): void;
  /** The caption of an exported image of the latest answer (TableEngine.caption). */
  caption(filters: Filters, lang: Lang): Promise<ViewCaption>;
  /** Fetch the relations now, not at the first filter by actor, source or text (TableEngine.prepareRelations). */
  prepareRelations(): void;
}

export type DataRequest =
  | { kind: "open"; base: string }
  | { kind: "filter"; id: number; filters: Filters; view: MapViewRequest | null }
  | { kind: "map"; id: number; request: MapViewRequest }
  | { kind: "positions"; id: number; ids: readonly string[] }
  | { kind: "caption"; id: number; filters: Filters; lang: Lang }
  | { kind: "prepare-search" }
  | { kind: "prepare-relations" };

export type DataReply =
  | { kind: "progress"; loaded: number; total: number }
  | { kind: "opened"; table: CoreTable }
  | { kind: "failed"; message: string }
  | { kind: "answer"; id: number; value?: unknown; error?: string };

/**
 * Starts the data worker on the table folder at `base` (absolute URL ending in "/"). Resolves once the
 * columns are decoded; rejects with a message naming the file and what to do (missing, truncated, another
 * version). `onProgress` follows the columns' download.
 */
export function openTableService(
  base: string,
  onProgress: (loaded: number, total: number) => void = () => undefined,
): Promise<TableService> {
  const workerUrl = new URL(dataWorkerPath, document.baseURI).href;
  const worker = new Worker(workerUrl, { type: "module" });
  // Until the worker answers, an error means its script did not start (missing, or not served as JavaScript).
  let started = false;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ask = <T>(request: DataRequest, transfer: Transferable[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.set((request as { id: number }).id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(request, transfer);
    });
  const shards = fetchShards(base);
  return new Promise<TableService>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<DataReply>) => {
      const reply = event.data;
      started = true;
      if (reply.kind === "progress") onProgress(reply.loaded, reply.total);
      else if (reply.kind === "failed") {
        worker.terminate();
        reject(new Error(reply.message));
      } else if (reply.kind === "opened") {
        const table = reply.table;
        resolve({
          table,
          filter: (filters, view = null) =>
            ask<FilterAnswer>({ kind: "filter", id: nextId++, filters, view }),
          mapView: (request) => ask<MapFeatures>({ kind: "map", id: nextId++, request }),
          positionsOf: (ids) => ask<number[]>({ kind: "positions", id: nextId++, ids }),
          shard: shards,
          prepareSearch: () => worker.postMessage({ kind: "prepare-search" } satisfies DataRequest),
          caption: (filters, lang) => ask<ViewCaption>({ kind: "caption", id: nextId++, filters, lang }),
          prepareRelations: () => worker.postMessage({ kind: "prepare-relations" } satisfies DataRequest),
        });
      } else {
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if (!waiting) return;
        if (reply.error !== undefined) waiting.reject(new Error(reply.error));
        else waiting.resolve(reply.value);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (!started) {
        // The list need not depend on the worker: the page reads the table itself, and says what is missing.
        started = true;
        worker.terminate();
        reportMissingFile({ kind: "data-worker", file: sitePath(workerUrl, document.baseURI), reason: null });
        resolve(openInPage(base, onProgress));
        return;
      }
      const message = event.message || "the data worker failed";
      for (const waiting of pending.values()) waiting.reject(new Error(message));
      pending.clear();
      reject(new Error(message));
    };
    const open: DataRequest = { kind: "open", base };
    worker.postMessage(open);
  });
}

/** Detail shards are fetched by the page itself: a few hundred features parse in a few ms, and the worker stays free. */
function fetchShards(base: string): (k: number) => Promise<IncidentFeature[]> {
  return async (k) => {
    const url = new URL(TABLE_FILES.shard(k), base).href;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return (await response.json()) as IncidentFeature[];
  };
}

/** The service without a worker, when its script did not load: the same engine, in the page. */
async function openInPage(
  base: string,
  onProgress: (loaded: number, total: number) => void,
): Promise<TableService> {
  const fetchFile: FetchFile = async (name, onLoaded) => {
    const url = new URL(name, base).href;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const bytes = await response.arrayBuffer();
    onLoaded?.(bytes.byteLength);
    return bytes;
  };
  const engine = await TableEngine.open(fetchFile, onProgress);
  let positions: Promise<Map<string, number>> | null = null;
  const idsOf = async () => {
    const ids = JSON.parse(new TextDecoder().decode(await fetchFile(TABLE_FILES.ids))) as string[];
    return new Map(ids.map((id, p) => [id, p]));
  };
  return {
    table: engine.table,
    filter: (filters, view = null) => engine.filter(filters, view),
    mapView: (request) => engine.mapView(request),
    positionsOf: async (ids) => {
      // A failed read is asked again next time rather than remembered.
      positions ??= idsOf().catch((error: unknown) => {
        positions = null;
        throw error;
      });
      const known = await positions;
      return ids.map((id) => known.get(id) ?? -1);
    },
    shard: fetchShards(base),
    prepareSearch: () => engine.prepareSearch(),
    caption: (filters, lang) => engine.caption(filters, lang),
    prepareRelations: () => engine.prepareRelations(),
  };
}

/** The same service in-process over files in memory (core/incident-table.ts createTableFiles). */
export async function createLocalTableService(files: ReadonlyMap<string, Uint8Array>): Promise<TableService> {
  const fetchFile: FetchFile = async (name) => {
    const bytes = files.get(name);
    if (!bytes) throw new Error(`${name}: not found`);
    return bytes.slice().buffer;
  };
  const engine = await TableEngine.open(fetchFile);
  let positions: Map<string, number> | null = null;
  const decode = (name: string) => JSON.parse(new TextDecoder().decode(files.get(name))) as unknown;
  return {
    table: engine.table,
    filter: (filters, view = null) => engine.filter(filters, view),
    mapView: (request) => engine.mapView(request),
    positionsOf: async (ids) => {
      if (positions === null) {
        positions = new Map((decode(TABLE_FILES.ids) as string[]).map((id, p) => [id, p]));
      }
      const known = positions;
      return ids.map((id) => known.get(id) ?? -1);
    },
    shard: async (k) => decode(TABLE_FILES.shard(k)) as IncidentFeature[],
    prepareSearch: () => engine.prepareSearch(),
    caption: (filters, lang) => engine.caption(filters, lang),
    prepareRelations: () => engine.prepareRelations(),
  };
}
