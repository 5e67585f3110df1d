import { type ReadonlySignal, signal } from "@preact/signals";
import { adoptSearchText, type IncidentIndex, type IndexColumns, indexFromColumns } from "../core/filter.ts";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "../core/incident.ts";
import { type DigestRow, type IncidentRow, rowOfDigest, rowOfFeature } from "../core/incident-digest.ts";
import type { SearchText } from "../core/search-text.ts";

/**
 * Loading the incidents without blocking the page: a module worker fetches the digest and the GeoJSON, parses
 * them and builds the filter index. The first render needs only the digest (index columns, ids, list rows);
 * the full incidents ("details": panel, exports) and the text search arrive after it. An incident becomes an
 * object only when something reads it (`JSON.parse` of its own byte range, memoised).
 */

/** Everything the store needs, whether it came from the worker or from a collection already in memory. */
export interface IncidentData {
  meta: CollectionMeta;
  bbox: [number, number, number, number] | null;
  index: IncidentIndex;
  /** Incident ids, by feature index. */
  ids: readonly string[];
  /** Feature index of the incident with this id, or -1 (the lookup table is built on first use). */
  indexOfId(id: string): number;
  /** What a list row shows of each incident, by feature index; available from the first render. */
  rows: readonly IncidentRow[];
  /** All incidents, by feature index, once loaded (null before); reading one may decode it. */
  details: ReadonlySignal<readonly IncidentFeature[] | null>;
  /** Why the details could not be loaded, or null. */
  detailsError: ReadonlySignal<string | null>;
  /** True once a text search can run (its folded text is built). */
  searchReady: ReadonlySignal<boolean>;
  /** Starts loading the details if they are not loaded or loading (idempotent). */
  requestDetails(): void;
  /** The map's GeoJSON text of each incident, by date position (from the worker; null otherwise). */
  mapFeatures: MapFeatureBytes | null;
}

/** Feature text of position p (date order) is bytes[offsets[p], offsets[p + 1]), comma included. */
export interface MapFeatureBytes {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/** Feature i of a GeoJSON file is bytes[starts[i], ends[i]). */
export interface FeatureBytes {
  bytes: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
}

/**
 * "load": absolute addresses, the worker fetches the files itself (no digest address: the GeoJSON alone).
 * "details": the page wants the full incidents now (after a digest, the worker waits for this).
 */
export type WorkerRequest = { kind: "load"; url: string; digestUrl: string | null } | { kind: "details" };

export type WorkerReply =
  | {
      kind: "index";
      meta: CollectionMeta;
      bbox: [number, number, number, number] | null;
      columns: IndexColumns;
      /** The ids as JSON text: one string clones in ~1 ms where 100k strings took ~100 ms. */
      idText: string;
      map: MapFeatureBytes;
      /** From the digest: the list rows as JSON arrays in one string, row i at text.slice(starts[i], ends[i]). */
      rows: { text: string; starts: Uint32Array; ends: Uint32Array } | null;
      /** From the GeoJSON alone: the incidents themselves (no "details" reply follows). */
      details: FeatureBytes | null;
    }
  | ({ kind: "details" } & FeatureBytes)
  | { kind: "search"; search: SearchText }
  | { kind: "error"; stage: "index" | "details"; message: string };

/**
 * Fetches and indexes `url` (with `digestUrl` first, when given) in a worker. Resolves at the first render's
 * data; rejects (for the error screen and its Retry) when the request fails or the file cannot be read, with a
 * message naming the address and the HTTP status or the parse error.
 */
export async function loadIncidents(url: string, digestUrl: string | null = null): Promise<IncidentData> {
  // The worker downloads the files too: the requests start at once and nothing of them waits for the main
  // thread, which is busy starting the map meanwhile.
  const worker = new Worker(new URL("./incidents.worker.ts", import.meta.url), { type: "module" });
  const details = signal<readonly IncidentFeature[] | null>(null);
  const detailsError = signal<string | null>(null);
  const searchReady = signal(false);
  let detailsRequested = false;
  return new Promise<IncidentData>((resolve, reject) => {
    let data: IncidentData | null = null;
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === "error") {
        worker.terminate();
        if (data === null) reject(new Error(`${url}: ${reply.message}`));
        else detailsError.value = `${url}: ${reply.message}`;
        return;
      }
      if (reply.kind === "search") {
        if (data) adoptSearchText(data.index, reply.search);
        searchReady.value = true;
        worker.terminate();
        return;
      }
      if (reply.kind === "details") {
        details.value = lazyFeatureList(reply.bytes, reply.starts, reply.ends);
        return;
      }
      performance.mark("atlas:indexed");
      const features = reply.details
        ? lazyFeatureList(reply.details.bytes, reply.details.starts, reply.details.ends)
        : null;
      details.value = features;
      let ids: string[] | null = null;
      const idText = reply.idText;
      const idsOf = () => {
        ids ??= JSON.parse(idText) as string[];
        return ids;
      };
      const index = indexFromColumns(reply.columns, features ?? []);
      const typeIds: string[] = [];
      for (const [id, code] of index.typeCodes) typeIds[code] = id;
      const rows = reply.rows
        ? rowsFromText(reply.rows, idsOf, (i) => typeIds[index.featureType[i] as number] ?? "")
        : lazyList(index.size, (i) => rowOfFeature((features as IncidentFeature[])[i] as IncidentFeature));
      data = {
        meta: reply.meta,
        bbox: reply.bbox,
        index,
        // Split on first use (a selection, an id in the URL, the object fallback of the map), not at load.
        get ids() {
          return idsOf();
        },
        indexOfId: idLookup(idsOf),
        rows,
        details,
        detailsError,
        searchReady,
        requestDetails() {
          if (detailsRequested) return;
          detailsRequested = true;
          const request: WorkerRequest = { kind: "details" };
          worker.postMessage(request);
        },
        mapFeatures: reply.map,
      };
      resolve(data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      event.preventDefault();
      const message = `${url}: ${event.message || "the loading worker failed"}`;
      if (data === null) reject(new Error(message));
      else detailsError.value = message;
    };
    const request: WorkerRequest = {
      kind: "load",
      url: new URL(url, document.baseURI).href,
      digestUrl: digestUrl === null ? null : new URL(digestUrl, document.baseURI).href,
    };
    worker.postMessage(request);
  });
}

/** Rows decoded from the worker's row text on first read. */
function rowsFromText(
  { text, starts, ends }: { text: string; starts: Uint32Array; ends: Uint32Array },
  idsOf: () => readonly string[],
  eventTypeOf: (i: number) => string,
): IncidentRow[] {
  return lazyList(ends.length, (i) => {
    const row = JSON.parse(text.slice(starts[i], ends[i])) as DigestRow;
    return rowOfDigest(row, idsOf()[i] as string, eventTypeOf(i));
  });
}

/** The same shape from a collection already in memory (tests, tools): the index is built here, synchronously. */
export function incidentDataOf(collection: IncidentCollection, index: IncidentIndex): IncidentData {
  const ids = collection.features.map((feature) => feature.properties.id);
  return {
    meta: collection.meta,
    bbox: collection.bbox ?? null,
    index,
    ids,
    indexOfId: idLookup(() => ids),
    rows: lazyList(collection.features.length, (i) =>
      rowOfFeature(collection.features[i] as IncidentFeature),
    ),
    details: signal(collection.features),
    detailsError: signal(null),
    // The index builds the search text from the features on the first search.
    searchReady: signal(true),
    requestDetails: () => undefined,
    mapFeatures: null,
  };
}

/** id → feature index, built on the first lookup (a selection, an `id=` in the URL), not at load. */
function idLookup(idsOf: () => readonly string[]): (id: string) => number {
  let byId: Map<string, number> | null = null;
  return (id) => {
    if (byId === null) {
      const ids = idsOf();
      byId = new Map();
      for (let i = 0; i < ids.length; i++) byId.set(ids[i] as string, i);
    }
    return byId.get(id) ?? -1;
  };
}

/**
 * The incident ids as the URL codec's set of known ids, answered by `indexOfId`: no second copy of 100k ids
 * is made at load. Only `has` and `size` are meaningful (all the codec uses).
 */
export class IncidentIdSet extends Set<string> {
  constructor(private readonly data: Pick<IncidentData, "index" | "indexOfId">) {
    super();
  }
  override has(id: string): boolean {
    return this.data.indexOfId(id) >= 0;
  }
  override get size(): number {
    return this.data.index.size;
  }
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * A read-only array of `starts.length` incidents whose element i is `JSON.parse` of bytes[starts[i], ends[i]),
 * decoded on first read and then kept.
 */
export function lazyFeatureList(
  bytes: Uint8Array,
  starts: Uint32Array,
  ends: Uint32Array,
): IncidentFeature[] {
  const decoder = new TextDecoder();
  return lazyList(
    starts.length,
    (i) => JSON.parse(decoder.decode(bytes.subarray(starts[i], ends[i]))) as IncidentFeature,
  );
}

/**
 * A read-only array of `count` elements whose element i is `make(i)`, made on first read and then kept. It is
 * a real array to every caller (length, indexing, find, map, JSON.stringify), so code written for plain arrays
 * (the exports) keeps working.
 */
export function lazyList<T>(count: number, make: (i: number) => T): T[] {
  const made: (T | undefined)[] = [];
  const at = (i: number): T => {
    let element = made[i];
    if (element === undefined) {
      element = make(i);
      made[i] = element;
    }
    return element;
  };
  const indexOf = (key: string | symbol): number => {
    if (typeof key !== "string" || !INDEX_KEY.test(key)) return -1;
    const i = Number(key);
    return i < count ? i : -1;
  };
  const target: T[] = new Array(count);
  return new Proxy(target, {
    get(array, key, receiver) {
      const i = indexOf(key);
      return i >= 0 ? at(i) : Reflect.get(array, key, receiver);
    },
    has(array, key) {
      return indexOf(key) >= 0 || Reflect.has(array, key);
    },
    getOwnPropertyDescriptor(array, key) {
      const i = indexOf(key);
      if (i < 0) return Reflect.getOwnPropertyDescriptor(array, key);
      return { value: at(i), writable: false, enumerable: true, configurable: true };
    },
    set() {
      return false;
    },
    deleteProperty() {
      return false;
    },
  });
}
