import { adoptSearchText, type IncidentIndex, type IndexColumns, indexFromColumns } from "../core/filter";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "../core/incident";
import type { SearchText } from "../core/search-text";

/**
 * Loading the incidents without blocking the page: a module worker fetches the file, parses it and builds the
 * filter index.
 * What comes back is typed columns and the original bytes, transferred; an incident becomes an object only
 * when the list, the panel or an export reads it (`JSON.parse` of its own byte range, memoised).
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
  /** All incidents, by feature index; reading one may decode it. */
  features: readonly IncidentFeature[];
  /** The map's GeoJSON text of each incident, by date position (from the worker; null otherwise). */
  mapFeatures: MapFeatureBytes | null;
}

/** Feature text of position p (date order) is bytes[offsets[p], offsets[p + 1]), comma included. */
export interface MapFeatureBytes {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/** The absolute address of the incidents file: the worker fetches it itself. */
export type WorkerRequest = { url: string };

export type WorkerReply =
  | {
      kind: "index";
      meta: CollectionMeta;
      bbox: [number, number, number, number] | null;
      columns: IndexColumns;
      /** The ids as JSON text: one string clones in ~1 ms where 100k strings took ~100 ms. */
      idText: string;
      bytes: Uint8Array;
      starts: Uint32Array;
      ends: Uint32Array;
      map: MapFeatureBytes;
    }
  | { kind: "search"; search: SearchText }
  | { kind: "error"; message: string };

/**
 * Fetches and indexes `url` in a worker. Rejects (for the error screen and its Retry) when the request fails
 * or the file cannot be read (the message names the address and the HTTP status or the parse error). The search text arrives later and is adopted by the index when it does.
 */
export async function loadIncidents(url: string): Promise<IncidentData> {
  // The worker downloads the file too: the request starts at once and nothing of it waits for the main thread,
  // which is busy starting the map meanwhile.
  const worker = new Worker(new URL("./incidents.worker.ts", import.meta.url), { type: "module" });
  return new Promise<IncidentData>((resolve, reject) => {
    let data: IncidentData | null = null;
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === "error") {
        worker.terminate();
        if (data === null) reject(new Error(`${url}: ${reply.message}`));
        return;
      }
      if (reply.kind === "search") {
        if (data) adoptSearchText(data.index, reply.search);
        worker.terminate();
        return;
      }
      performance.mark("atlas:indexed");
      const features = lazyFeatureList(reply.bytes, reply.starts, reply.ends);
      let ids: string[] | null = null;
      const idText = reply.idText;
      const idsOf = () => {
        ids ??= JSON.parse(idText) as string[];
        return ids;
      };
      data = {
        meta: reply.meta,
        bbox: reply.bbox,
        index: indexFromColumns(reply.columns, features),
        // Split on first use (a selection, an id in the URL, the object fallback of the map), not at load.
        get ids() {
          return idsOf();
        },
        indexOfId: idLookup(idsOf),
        features,
        mapFeatures: reply.map,
      };
      resolve(data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      event.preventDefault();
      if (data === null) reject(new Error(`${url}: ${event.message || "the loading worker failed"}`));
    };
    const request: WorkerRequest = { url: new URL(url, document.baseURI).href };
    worker.postMessage(request);
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
    features: collection.features,
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
 * decoded on first read and then kept. It is a real array to every caller (length, indexing, find, map,
 * JSON.stringify), so code written for `collection.features` (the exports) keeps working.
 */
export function lazyFeatureList(
  bytes: Uint8Array,
  starts: Uint32Array,
  ends: Uint32Array,
): IncidentFeature[] {
  const count = starts.length;
  const decoder = new TextDecoder();
  const decoded: (IncidentFeature | undefined)[] = [];
  const at = (i: number): IncidentFeature => {
    let feature = decoded[i];
    if (feature === undefined) {
      feature = JSON.parse(decoder.decode(bytes.subarray(starts[i], ends[i]))) as IncidentFeature;
      decoded[i] = feature;
    }
    return feature;
  };
  const indexOf = (key: string | symbol): number => {
    if (typeof key !== "string" || !INDEX_KEY.test(key)) return -1;
    const i = Number(key);
    return i < count ? i : -1;
  };
  const target: IncidentFeature[] = new Array(count);
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
