import { effect } from "@preact/signals";
import { describe, expect, it } from "vitest";
import type { IncidentFeature } from "../../../src/core/incident.ts";
import { createDetailShards, type Later } from "../../../src/state/detail-shards.ts";

const SHARD_SIZE = 4;

function featureAt(p: number): IncidentFeature {
  return { type: "Feature", id: `i${p}`, properties: { id: `i${p}` } } as unknown as IncidentFeature;
}

/** A shard source that answers when told to, and a scheduler whose tasks run when told to. */
function harness() {
  const asked: number[] = [];
  const answers = new Map<number, () => void>();
  const fetchShard = (k: number) =>
    new Promise<IncidentFeature[]>((resolve) => {
      asked.push(k);
      answers.set(k, () =>
        resolve(Array.from({ length: SHARD_SIZE }, (_, i) => featureAt(k * SHARD_SIZE + i))),
      );
    });
  const queued: { fetch: (() => void)[]; announce: (() => void)[] } = { fetch: [], announce: [] };
  const later =
    (kind: "fetch" | "announce"): Later =>
    (task) => {
      queued[kind].push(task);
    };
  const run = (kind: "fetch" | "announce") => {
    const tasks = queued[kind].splice(0);
    for (const task of tasks) task();
  };
  const shards = createDetailShards(SHARD_SIZE, fetchShard, {
    fetch: later("fetch"),
    announce: later("announce"),
  });
  return { shards, asked, answers, queued, run };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("detail shards", () => {
  it("asks for the shards a render reads only after that render, each once", () => {
    const { shards, asked, run } = harness();
    expect(shards.feature(0)).toBeNull();
    expect(shards.feature(1)).toBeNull();
    expect(shards.feature(9)).toBeNull();
    expect(asked).toEqual([]);
    run("fetch");
    expect(asked).toEqual([0, 2]);
    expect(shards.feature(2)).toBeNull();
    run("fetch");
    expect(asked).toEqual([0, 2]);
  });

  it("announces shards that arrive before the next frame once, and then rows read their text", async () => {
    const { shards, answers, queued, run } = harness();
    let renders = 0;
    const stop = effect(() => {
      shards.feature(1);
      shards.feature(5);
      renders++;
    });
    run("fetch");
    answers.get(0)?.();
    answers.get(1)?.();
    await settle();
    expect(queued.announce).toHaveLength(1);
    expect(renders).toBe(1);
    run("announce");
    expect(renders).toBe(2);
    expect(shards.feature(1)?.id).toBe("i1");
    expect(shards.feature(5)?.id).toBe("i5");
    stop();
  });

  it("loads a shard at once for the panel and exports, without waiting for a render", async () => {
    const { shards, asked, answers } = harness();
    const opened = shards.load(6);
    expect(asked).toEqual([1]);
    answers.get(1)?.();
    expect((await opened).id).toBe("i6");
  });
});
