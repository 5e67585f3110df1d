import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from "node:worker_threads";
import type { SearchIndexFiles } from "../../core/search-index.ts";
import {
  type StoreFragments,
  StoreSearchIndex,
  type StoreSearchSink,
  type StoreSearchSinkFactory,
} from "../stages/store-search.ts";
import { startTsWorker } from "./ts-worker.ts";

/**
 * The incident table's search index built on a second thread while this one writes the GeoJSON and the table: at
 * 1M incidents, folding and indexing every title and summary was a fifth of a build's time on the main thread
 * (figures in CHANGELOG.md). The incidents' text is copied into batches (a megabyte or a few thousand incidents)
 * that are transferred, not cloned; the thread runs the same StoreSearchIndex on them, so the files are those the
 * calling thread would make. If the thread fails or stops answering, the calling thread builds the index itself
 * (`replay`): a thread problem costs time, never a result.
 */

const SEARCH_THREAD_DEFAULTS = {
  // Smaller builds index on the calling thread: starting the thread and loading its TypeScript costs more than
  // their whole index.
  afterIncidents: 100_000,
  batchRecords: 4096,
  batchBytes: 1 << 20,
  // Batches sent and not yet indexed before the sender waits, so that memory stays bounded when the thread is slower.
  maxQueued: 16,
  answerLimitMs: 120_000,
};

// Shared words (search-work.ts writes them): batches the thread has indexed, and whether it has answered at the end.
export const TAKEN = 0;
export const ANSWERED = 1;

/** One batch of incidents, in table order (see SearchThreadSink.flush). */
export interface SearchBatch {
  /** The incidents' text one after another, then the fragments' bytes. */
  text: Uint8Array<ArrayBuffer>;
  /** Where each incident's text starts and ends in `text`. */
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  places: Int32Array<ArrayBuffer>;
  geos: Int32Array<ArrayBuffer>;
  /** Fragments first used in this batch: kind (0 place, 1 geo), number, start and end in `text`, for each. */
  fragments: Int32Array<ArrayBuffer>;
}

/** What the thread is sent, in order: batches, then the end. */
export type SearchThreadMessage = { batch: SearchBatch } | { end: true };

/** What the thread answers once, at the end. */
export type SearchThreadAnswer = { files: SearchIndexFiles } | { failure: string };

// As helper-thread.ts: plain JavaScript that loads the TypeScript module through tsx's loader.
const THREAD_SOURCE = `
const { workerData } = require("node:worker_threads");
const { port, module, loader, state, bucketBytes } = workerData;
import(loader)
  .then((tsx) => tsx.tsImport(module, module))
  .then((m) => m.runSearchThread(port, new Int32Array(state), bucketBytes))
  .catch((e) => {
    port.postMessage({ failure: String(e && e.stack ? e.stack : e) });
    const words = new Int32Array(state);
    Atomics.store(words, ${ANSWERED}, 1);
    Atomics.notify(words, ${ANSWERED});
    port.close();
  });
`;

/** How a search thread is used; all but `enabled` are for tests. */
export interface SearchThreadOptions {
  /** false: never a thread. */
  enabled?: boolean;
  /** A thread whatever the number of incidents. */
  force?: boolean;
  /** Incidents per batch, and batches queued before the sender waits (defaults above). */
  batchRecords?: number;
  maxQueued?: number;
  /** The module the thread runs (default search-work.ts). */
  workModule?: string;
}

/** The search index's sink for a Node build: a thread from 100k incidents, this thread below. */
export function searchThread(options: SearchThreadOptions = {}): StoreSearchSinkFactory {
  return (fragments, sinkOptions, replay) => {
    const wanted =
      options.enabled !== false &&
      (options.force === true || sinkOptions.count >= SEARCH_THREAD_DEFAULTS.afterIncidents);
    return wanted
      ? new SearchThreadSink(fragments, sinkOptions.bucketBytes, replay, options)
      : new StoreSearchIndex(fragments, sinkOptions);
  };
}

class SearchThreadSink implements StoreSearchSink {
  private readonly worker: Worker | null;
  private readonly port: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private failed: boolean;
  private reason = "it could not be started";
  private sent = 0;
  private readonly batchRecords: number;
  private readonly maxQueued: number;
  private text = new Uint8Array(SEARCH_THREAD_DEFAULTS.batchBytes * 2);
  private length = 0;
  private readonly starts: Int32Array<ArrayBuffer>;
  private readonly ends: Int32Array<ArrayBuffer>;
  private readonly places: Int32Array<ArrayBuffer>;
  private readonly geos: Int32Array<ArrayBuffer>;
  private count = 0;
  private newFragments: number[] = [];
  private sentPlace: Uint8Array = new Uint8Array(1024);
  private sentGeo: Uint8Array = new Uint8Array(1024);

  constructor(
    private readonly fragments: StoreFragments,
    private readonly bucketBytes: number | undefined,
    private readonly replay: (sink: StoreSearchSink) => void,
    options: SearchThreadOptions,
  ) {
    this.batchRecords = options.batchRecords ?? SEARCH_THREAD_DEFAULTS.batchRecords;
    this.maxQueued = options.maxQueued ?? SEARCH_THREAD_DEFAULTS.maxQueued;
    this.starts = new Int32Array(this.batchRecords);
    this.ends = new Int32Array(this.batchRecords);
    this.places = new Int32Array(this.batchRecords);
    this.geos = new Int32Array(this.batchRecords);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const module = options.workModule ?? new URL("./search-work.ts", import.meta.url).href;
    const worker = startTsWorker(THREAD_SOURCE, port2, {
      module,
      state: this.state.buffer,
      bucketBytes,
    });
    this.worker = worker;
    this.failed = worker === null;
  }

  record(bytes: Uint8Array, at: number, to: number, place: number, geo: number): void {
    if (this.failed) return; // the index is rebuilt here at `finish`
    this.sentPlace = this.noteFragment(this.sentPlace, place, 0);
    this.sentGeo = this.noteFragment(this.sentGeo, geo, 1);
    const k = this.count++;
    this.starts[k] = this.length;
    this.append(bytes, at, to);
    this.ends[k] = this.length;
    this.places[k] = place;
    this.geos[k] = geo;
    if (this.count === this.batchRecords || this.length >= SEARCH_THREAD_DEFAULTS.batchBytes) this.flush();
  }

  finish(): SearchIndexFiles {
    if (!this.failed) this.flush();
    if (!this.failed) {
      this.port.postMessage({ end: true } satisfies SearchThreadMessage);
      const answer = this.answer();
      this.stop();
      if (answer !== null && "files" in answer) return answer.files;
      this.reason = answer?.failure ?? "it did not answer in time";
    }
    this.stop();
    process.emitWarning(
      `the search index is built on the main thread after all (slower): its thread failed, ${this.reason}`,
    );
    const local = new StoreSearchIndex(this.fragments, { bucketBytes: this.bucketBytes });
    this.replay(local);
    return local.finish();
  }

  /** Marks fragment `n` of `kind` sent, adding its bytes to the batch the first time; returns the (grown) marks. */
  private noteFragment(sent: Uint8Array, n: number, kind: number): Uint8Array {
    let marks = sent;
    if (n >= marks.length) {
      marks = new Uint8Array(Math.max(marks.length * 2, n + 1));
      marks.set(sent);
    }
    if (marks[n] === 0) {
      marks[n] = 1;
      const bytes = kind === 0 ? this.fragments.place(n) : this.fragments.geo(n);
      const start = this.length;
      this.append(bytes, 0, bytes.length);
      this.newFragments.push(kind, n, start, this.length);
    }
    return marks;
  }

  private append(bytes: Uint8Array, from: number, to: number): void {
    const size = to - from;
    if (this.length + size > this.text.length) {
      const grown = new Uint8Array(Math.max(this.text.length * 2, this.length + size));
      grown.set(this.text.subarray(0, this.length));
      this.text = grown;
    }
    this.text.set(bytes.subarray(from, to), this.length);
    this.length += size;
  }

  /** Sends the batch (its memory transferred), after waiting while too many are queued. */
  private flush(): void {
    if (this.count === 0 && this.newFragments.length === 0) return;
    for (;;) {
      const taken = Atomics.load(this.state, TAKEN);
      if (this.sent - taken < this.maxQueued) break;
      // A thread that answered before the end has failed.
      if (
        Atomics.load(this.state, ANSWERED) === 1 ||
        Atomics.wait(this.state, TAKEN, taken, SEARCH_THREAD_DEFAULTS.answerLimitMs) === "timed-out"
      ) {
        const early = receiveMessageOnPort(this.port)?.message as SearchThreadAnswer | undefined;
        this.reason = early && "failure" in early ? early.failure : "it stopped taking work";
        this.failed = true;
        return;
      }
    }
    const batch: SearchBatch = {
      text: this.text.slice(0, this.length),
      starts: this.starts.slice(0, this.count),
      ends: this.ends.slice(0, this.count),
      places: this.places.slice(0, this.count),
      geos: this.geos.slice(0, this.count),
      fragments: Int32Array.from(this.newFragments),
    };
    this.port.postMessage({ batch } satisfies SearchThreadMessage, [
      batch.text.buffer,
      batch.starts.buffer,
      batch.ends.buffer,
      batch.places.buffer,
      batch.geos.buffer,
      batch.fragments.buffer,
    ]);
    this.sent++;
    this.length = 0;
    this.count = 0;
    this.newFragments = [];
  }

  /** The thread's answer, waited for; null when it does not come in time. */
  private answer(): SearchThreadAnswer | null {
    const status = Atomics.wait(this.state, ANSWERED, 0, SEARCH_THREAD_DEFAULTS.answerLimitMs);
    if (status === "timed-out") return null;
    return (receiveMessageOnPort(this.port)?.message as SearchThreadAnswer | undefined) ?? null;
  }

  private stop(): void {
    this.failed = true;
    this.port.close();
    void this.worker?.terminate();
  }
}
