/// <reference lib="webworker" />

import { transferableCopy } from "../core/table-transfer.ts";
import { TableEngine } from "./table-engine.ts";
import type { DataReply, DataRequest } from "./table-service.ts";

/**
 * The data worker: owns the incident table and the search index (TableEngine) and answers the page's
 * questions (which incidents pass the filter, what to draw for a view, where an id is). Each answer is
 * transferred, never copied twice, and so is the page's copy of the decoded columns (core/table-transfer.ts); the
 * page never parses a column or scans an incident.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
let engine: TableEngine | null = null;
let base = "";
let idPositions: Promise<Map<string, number>> | null = null;

// A request that stops answering (a host or proxy that holds the connection) ends in the error screen with its Retry
// rather than "Loading the incidents…" for minutes: the time allowed between two signs of life, not for the whole
// download, so a big table on a slow line still loads.
const STALL_SECONDS = 20;

async function fetchFile(name: string, onProgress?: (loaded: number) => void): Promise<ArrayBuffer> {
  const url = new URL(name, base).href;
  const abort = new AbortController();
  let timer = 0;
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), STALL_SECONDS * 1000) as unknown as number;
  };
  const failure = (error: unknown) =>
    new Error(
      abort.signal.aborted
        ? `${url}: no answer for ${STALL_SECONDS} s`
        : `${url}: ${error instanceof Error ? error.message : "the request failed"}`,
    );
  alive();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: abort.signal });
    } catch (error) {
      throw failure(error);
    }
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    if (!response.body) return await response.arrayBuffer();
    const reader = response.body.getReader();
    const parts: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw failure(error);
      }
      if (chunk.done) break;
      alive();
      parts.push(chunk.value);
      loaded += chunk.value.length;
      onProgress?.(loaded);
    }
    return join(parts, loaded);
  } finally {
    clearTimeout(timer);
  }
}

function join(parts: Uint8Array[], loaded: number): ArrayBuffer {
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes.buffer;
}

function positionsOfIds(): Promise<Map<string, number>> {
  idPositions ??= fetchFile("ids.json").then((bytes) => {
    const ids = JSON.parse(new TextDecoder().decode(bytes)) as string[];
    const positions = new Map<string, number>();
    ids.forEach((id, p) => {
      positions.set(id, p);
    });
    return positions;
  });
  idPositions.catch(() => {
    idPositions = null;
  });
  return idPositions;
}

/**
 * Once the filter has been still this long, the worker bins its incidents by cell for the pans and zooms to come:
 * not after every answer, as a brush drag asks for a new one at every step and each would wait for the binning.
 */
const MAP_VIEWS_AFTER_MS = 400;
let mapViewsTimer: ReturnType<typeof setTimeout> | null = null;

function prepareMapViewsWhenStill(): void {
  if (mapViewsTimer !== null) clearTimeout(mapViewsTimer);
  mapViewsTimer = setTimeout(() => {
    mapViewsTimer = null;
    engine?.prepareMapViews().catch(() => undefined); // a failed filter is reported with its own answer
  }, MAP_VIEWS_AFTER_MS);
}

function post(reply: DataReply, transfer: Transferable[] = []): void {
  scope.postMessage(reply, transfer);
}

scope.onmessage = async (event: MessageEvent<DataRequest>) => {
  const request = event.data;
  if (request.kind === "open") {
    base = request.base;
    let lastReport = 0;
    try {
      engine = await TableEngine.open(fetchFile, (loaded, total) => {
        // A message per chunk would flood the page: about one per 2% of the download.
        if (loaded - lastReport < total / 50 && loaded < total) return;
        lastReport = loaded;
        post({ kind: "progress", loaded, total });
      });
      const copy = transferableCopy(engine.table);
      post({ kind: "opened", table: copy.table }, copy.transfer);
      prepareMapViewsWhenStill();
    } catch (error) {
      post({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (request.kind === "prepare-search") {
    engine?.prepareSearch();
    return;
  }
  if (request.kind === "prepare-relations") {
    engine?.prepareRelations();
    return;
  }
  try {
    if (!engine) throw new Error("the incident table is not loaded");
    if (request.kind === "filter") {
      const { visible, timeline, map } = await engine.filter(request.filters, request.view);
      // The engine keeps its own copy for map views; the page gets this one.
      const sent = { visible: visible.slice(), timeline, map };
      post({ kind: "answer", id: request.id, value: sent }, [sent.visible.buffer]);
      prepareMapViewsWhenStill();
    } else if (request.kind === "caption") {
      post({ kind: "answer", id: request.id, value: await engine.caption(request.filters, request.lang) });
    } else if (request.kind === "map") {
      post({ kind: "answer", id: request.id, value: await engine.mapView(request.request) });
    } else {
      const positions = await positionsOfIds();
      post({ kind: "answer", id: request.id, value: request.ids.map((id) => positions.get(id) ?? -1) });
    }
  } catch (error) {
    post({ kind: "answer", id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};
