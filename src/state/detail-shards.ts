import { type ReadonlySignal, signal } from "@preact/signals";
import type { IncidentFeature } from "../core/incident.ts";

/**
 * The incidents' text (titles, summaries, claims, sources) by position, fetched a shard at a time when
 * something shows it: a list row, the panel, a hover title, an export. Reading `feature(p)` inside a
 * component or computed subscribes it to shard arrivals, so rows fill in as their shard comes.
 *
 * A filter change can put every visible row in a different shard. The shards a render asks for are fetched
 * after that render's task, so the new count, list and timeline paint before the requests go out; shards that
 * arrive within one frame are announced once, so the list renders once per frame rather than once per shard.
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

/** Runs `task` later: at the next frame where there are frames, otherwise after the current task. */
export type Later = (task: () => void) => void;

const afterThisTask: Later = (task) => {
  setTimeout(task, 0);
};
const atNextFrame: Later =
  typeof requestAnimationFrame === "function" ? (task) => requestAnimationFrame(() => task()) : afterThisTask;

export function createDetailShards(
  shardSize: number,
  fetchShard: (k: number) => Promise<IncidentFeature[]>,
  schedule: { fetch: Later; announce: Later } = { fetch: afterThisTask, announce: atNextFrame },
): DetailShards {
  const loaded = new Map<number, IncidentFeature[]>();
  const loading = new Map<number, Promise<IncidentFeature[]>>();
  const arrivals = signal(0);
  const error = signal<string | null>(null);
  const wanted = new Set<number>();
  let announcing = false;

  function announce(): void {
    if (announcing) return;
    announcing = true;
    schedule.announce(() => {
      announcing = false;
      arrivals.value++;
    });
  }

  function want(k: number): void {
    if (loading.has(k) || wanted.has(k)) return;
    if (wanted.size === 0) {
      schedule.fetch(() => {
        const ks = [...wanted];
        wanted.clear();
        for (const each of ks) shard(each).catch(() => undefined);
      });
    }
    wanted.add(k);
  }

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
          announce();
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
      want(k);
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
