import type { MessagePort } from "node:worker_threads";
import type { SearchIndexFiles } from "../../core/search-index.ts";
import { StoreSearchIndex } from "../stages/store-search.ts";
import {
  ANSWERED,
  type SearchBatch,
  type SearchThreadAnswer,
  type SearchThreadMessage,
  TAKEN,
} from "./search-thread.ts";

/**
 * What the search thread runs (see search-thread.ts): each batch into one StoreSearchIndex, in the order sent, then
 * the index's files, transferred back. Any failure is answered, never thrown.
 */
export function runSearchThread(port: MessagePort, state: Int32Array, bucketBytes: number | undefined): void {
  // The fragments first used in the batch being indexed (a sink asks for a fragment's bytes when it first meets it).
  let fragmentBytes = new Map<number, Uint8Array>();
  const index = new StoreSearchIndex(
    {
      place: (p) => fragmentBytes.get(p * 2) as Uint8Array,
      geo: (g) => fragmentBytes.get(g * 2 + 1) as Uint8Array,
    },
    { bucketBytes },
  );
  const answer = (message: SearchThreadAnswer, transfer: ArrayBuffer[]) => {
    port.postMessage(message, transfer);
    Atomics.store(state, ANSWERED, 1);
    Atomics.notify(state, ANSWERED);
    port.close();
  };
  port.on("message", (message: SearchThreadMessage) => {
    try {
      if ("batch" in message) {
        fragmentBytes = fragmentsOf(message.batch);
        indexBatch(index, message.batch);
        Atomics.add(state, TAKEN, 1);
        Atomics.notify(state, TAKEN);
      } else {
        const files: SearchIndexFiles = index.finish();
        answer({ files }, [
          files.offsets.buffer as ArrayBuffer,
          ...files.buckets.map((b) => b.buffer as ArrayBuffer),
        ]);
      }
    } catch (e) {
      answer({ failure: String((e as Error)?.stack ?? e) }, []);
    }
  });
}

/** The batch's new fragments by kind and number (place p: 2p, geo g: 2g + 1). */
function fragmentsOf(batch: SearchBatch): Map<number, Uint8Array> {
  const map = new Map<number, Uint8Array>();
  const f = batch.fragments;
  for (let k = 0; k < f.length; k += 4) {
    map.set((f[k + 1] as number) * 2 + (f[k] as number), batch.text.subarray(f[k + 2], f[k + 3]));
  }
  return map;
}

function indexBatch(index: StoreSearchIndex, batch: SearchBatch): void {
  const { text, starts, ends, places, geos } = batch;
  for (let k = 0; k < ends.length; k++) {
    index.record(text, starts[k] as number, ends[k] as number, places[k] as number, geos[k] as number);
  }
}
