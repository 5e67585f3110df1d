import { type ReadonlySignal, signal } from "@preact/signals";
import type { IncidentFeature } from "../core/incident.ts";

/**
 * The incidents' text (titles, summaries, claims, sources) by position, fetched a shard at a time when
 * something shows it: a list row, the panel, a hover title, an export. Reading `feature(p)` inside a
 * component or computed subscribes it to shard arrivals, so rows fill in as their shard comes.
 */
export interface DetailShards {
  /** The feature at position p, or null while its shard loads (starts the load). */
  feature(p: number): IncidentFeature | null;
  /** The feature at position p, once its shard is here. */
  load(p: number): Promise<IncidentFeature>;
  /** The features at these positions, in the same order (exports). */
  loadMany(positions: ArrayLike<number>): Promise<IncidentFeature[]>;
  /** Why the last shard could not be loaded, or null. */
  error: ReadonlySignal<string | null>;
}

/** Shards kept in memory: enough for every row on a tall screen and the panel, bounded at any table size. */
const KEPT_SHARDS = 96;

export function createDetailShards(
  shardSize: number,
  fetchShard: (k: number) => Promise<IncidentFeature[]>,
): DetailShards {
  const loaded = new Map<number, IncidentFeature[]>();
  const loading = new Map<number, Promise<IncidentFeature[]>>();
  const arrivals = signal(0);
  const error = signal<string | null>(null);

  function keep(k: number, features: IncidentFeature[]): void {
    loaded.delete(k);
    loaded.set(k, features);
    // Map order is insertion order: the first key is the least recently used.
    while (loaded.size > KEPT_SHARDS) loaded.delete(loaded.keys().next().value as number);
  }

  function shard(k: number): Promise<IncidentFeature[]> {
    const have = loaded.get(k);
    if (have) return Promise.resolve(have);
    let request = loading.get(k);
    if (!request) {
      request = fetchShard(k).then(
        (features) => {
          loading.delete(k);
          keep(k, features);
          error.value = null;
          arrivals.value++;
          return features;
        },
        (failure: unknown) => {
          loading.delete(k);
          error.value = failure instanceof Error ? failure.message : String(failure);
          throw failure;
        },
      );
      loading.set(k, request);
    }
    return request;
  }

  function at(features: IncidentFeature[], p: number): IncidentFeature {
    const feature = features[p % shardSize];
    if (!feature) throw new Error(`incident ${p} is missing from its detail shard: rebuild the data`);
    return feature;
  }

  return {
    feature(p) {
      arrivals.value;
      const k = Math.floor(p / shardSize);
      const features = loaded.get(k);
      if (features) return features[p % shardSize] ?? null;
      shard(k).catch(() => undefined);
      return null;
    },
    load: async (p) => at(await shard(Math.floor(p / shardSize)), p),
    async loadMany(positions) {
      const out: IncidentFeature[] = new Array(positions.length);
      // One shard at a time: an export of a million incidents never holds every shard's text at once twice.
      let k = -1;
      let features: IncidentFeature[] = [];
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i] as number;
        const shardOfP = Math.floor(p / shardSize);
        if (shardOfP !== k) {
          k = shardOfP;
          features = await shard(k);
        }
        out[i] = at(features, p);
      }
      return out;
    },
    error,
  };
}
