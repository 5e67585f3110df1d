import { writeFileSync, writeSync } from "node:fs";
import { Worker } from "node:worker_threads";

const QUEUE_DEFAULTS = {
  threadAfterBytes: 16 << 20, // smaller outputs are written on the calling thread: a thread is not worth starting
  slots: 4, // chunks that may wait for the disk at once (memory: slots × slotBytes)
  slotBytes: 2 << 20, // chunks are ≈ 1 MB; a bigger one is written on the calling thread, in turn
};

// Control words in shared memory. The calling thread stays synchronous (no messages can reach it while it runs),
// so the two threads talk through Atomics: SEQ changes on every post and at the end, so a waiting writer can never
// miss one; TAIL is what the writer has written.
const HEAD = 0; // chunks posted
const TAIL = 1; // chunks written
const DONE = 2; // 1 once the last chunk is posted
const SEQ = 3;
const FAILED = 4; // 1 when a write failed; the message follows as UTF-8 (length in word 5)
const MESSAGE_LENGTH = 5;
const STARTED = 6; // 1 once the thread runs
const STARTUP_LIMIT_MS = 10_000;
const CONTROL_BYTES = 64;
const MESSAGE_BYTES = 1024;
// Per slot: the chunk's length, and either the open file descriptor it is appended to or, for a whole file, -1
// and the length of the file's path (UTF-8, in the slot's path area). A whole file is opened and closed by the
// thread (Node warns when a thread closes a descriptor that another opened).
const SLOT_WORDS = 3;
const PATH_BYTES = 4096;

// The helper thread, as plain JavaScript (no TypeScript loader is needed: it runs the same under tsx, Vitest and
// Vite's config loader).
const WRITER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { writeSync, closeSync, openSync } = require("node:fs");
const { shared, slots, slotBytes } = workerData;
const control = new Int32Array(shared, 0, 16);
const slotWords = new Int32Array(shared, ${CONTROL_BYTES}, slots * ${SLOT_WORDS});
const message = new Uint8Array(shared, ${CONTROL_BYTES} + 4 * ${SLOT_WORDS} * slots, ${MESSAGE_BYTES});
const paths = new Uint8Array(shared, ${CONTROL_BYTES} + 4 * ${SLOT_WORDS} * slots + ${MESSAGE_BYTES}, slots * ${PATH_BYTES});
const data = new Uint8Array(shared, ${CONTROL_BYTES} + 4 * ${SLOT_WORDS} * slots + ${MESSAGE_BYTES} + slots * ${PATH_BYTES});
const decoder = new TextDecoder();
let written = 0;
Atomics.store(control, ${STARTED}, 1);
try {
  for (;;) {
    const seq = Atomics.load(control, ${SEQ});
    if (written < Atomics.load(control, ${HEAD})) {
      const slot = written % slots;
      const [length, appendTo, pathLength] = slotWords.subarray(slot * ${SLOT_WORDS}, slot * ${SLOT_WORDS} + ${SLOT_WORDS});
      const chunk = data.subarray(slot * slotBytes, slot * slotBytes + length);
      const fd = appendTo >= 0 ? appendTo : openSync(decoder.decode(paths.slice(slot * ${PATH_BYTES}, slot * ${PATH_BYTES} + pathLength)), "w");
      try {
        let done = 0;
        while (done < chunk.length) done += writeSync(fd, chunk, done);
      } finally {
        if (appendTo < 0) closeSync(fd);
      }
      written++;
      Atomics.store(control, ${TAIL}, written);
      Atomics.notify(control, ${TAIL});
      continue;
    }
    if (Atomics.load(control, ${DONE}) === 1) break;
    Atomics.wait(control, ${SEQ}, seq);
  }
} catch (e) {
  const text = new TextEncoder().encode(String(e && e.message ? e.message : e)).subarray(0, ${MESSAGE_BYTES});
  message.set(text);
  Atomics.store(control, ${MESSAGE_LENGTH}, text.length);
  Atomics.store(control, ${FAILED}, 1);
  Atomics.notify(control, ${TAIL});
}
`;

const encoder = new TextEncoder();

function writeAll(fd: number, chunk: Uint8Array): void {
  let done = 0;
  while (done < chunk.length) done += writeSync(fd, chunk, done);
}

/**
 * Writes chunks to files in the order they are given, synchronously for the caller, with memory bounded at a few
 * chunks. Past 16 MB in all, the writes move to a helper thread, so the kernel's copying into the page cache (a real
 * share, for a big build's GeoJSON and detail shards) overlaps with making the next chunks instead of adding to
 * them (`thread: false`: never; benchmarks compare; figures in CHANGELOG.md). Call `finish()` when done (every
 * chunk is then written and every file given to `writeFile` is closed), and `abandon()` in a `finally`.
 */
export class WriteQueue {
  private readonly useThread: boolean;
  private thread: WriterThread | null = null;
  private bytes = 0;

  constructor(options: { thread?: boolean } = {}) {
    this.useThread = options.thread ?? true;
  }

  /** Appends a copy of `chunk` to the open file `fd` (the caller may reuse its memory at once). */
  append(fd: number, chunk: Uint8Array): void {
    if (this.threadFor(chunk)?.post(chunk, fd, null)) return;
    writeAll(fd, chunk);
  }

  /** Writes `data` as the whole of the file at `path` (created or replaced). */
  writeFile(path: string, data: Uint8Array): void {
    if (this.threadFor(data)?.post(data, -1, path)) return;
    writeFileSync(path, data);
  }

  /** Waits until every chunk is written (to the page cache) and every file given to `writeFile` is closed. */
  finish(): void {
    this.thread?.finish();
  }

  /**
   * After an exception: lets the thread drain what it has (it must be done with the files before they are closed,
   * or a reused descriptor number could receive its writes), then stops it. A no-op after finish().
   */
  abandon(): void {
    this.thread?.abandon();
  }

  /** The thread to post `chunk` to, started once enough bytes have passed; null while there is none. */
  private threadFor(chunk: Uint8Array): WriterThread | null {
    this.bytes += chunk.length;
    if (this.useThread && this.thread === null && this.bytes > QUEUE_DEFAULTS.threadAfterBytes) {
      this.thread = new WriterThread();
    }
    return this.thread;
  }
}

/** Hands chunks to a helper thread that writes them in order; bounded, so the caller waits when it is full. */
class WriterThread {
  private readonly control: Int32Array;
  private readonly data: Uint8Array;
  private readonly slotWords: Int32Array;
  private readonly paths: Uint8Array;
  private readonly message: Uint8Array;
  private readonly worker: Worker;
  private posted = 0;
  private finished = false;

  constructor() {
    const { slots, slotBytes } = QUEUE_DEFAULTS;
    const slotWordBytes = 4 * SLOT_WORDS * slots;
    const pathBytes = slots * PATH_BYTES;
    const shared = new SharedArrayBuffer(
      CONTROL_BYTES + slotWordBytes + MESSAGE_BYTES + pathBytes + slots * slotBytes,
    );
    this.control = new Int32Array(shared, 0, 16);
    this.slotWords = new Int32Array(shared, CONTROL_BYTES, slots * SLOT_WORDS);
    this.message = new Uint8Array(shared, CONTROL_BYTES + slotWordBytes, MESSAGE_BYTES);
    this.paths = new Uint8Array(shared, CONTROL_BYTES + slotWordBytes + MESSAGE_BYTES, pathBytes);
    this.data = new Uint8Array(shared, CONTROL_BYTES + slotWordBytes + MESSAGE_BYTES + pathBytes);
    this.worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { shared, slots, slotBytes } });
    // The thread ends by itself after the last chunk; it must not keep the process alive if something goes wrong.
    this.worker.unref();
  }

  /**
   * Queues a copy of `chunk`, to be appended to `fd` or, with `path`, written as that whole file. False when it
   * (or its path) is too big for a slot: then every queued chunk has been written, and the caller writes this one
   * itself, keeping the order.
   */
  post(chunk: Uint8Array, fd: number, path: string | null): boolean {
    const { slots, slotBytes } = QUEUE_DEFAULTS;
    const pathUtf8 = path === null ? null : encoder.encode(path);
    if (chunk.length > slotBytes || (pathUtf8 !== null && pathUtf8.length > PATH_BYTES)) {
      this.waitUntilWritten(this.posted);
      return false;
    }
    this.waitUntilWritten(this.posted - slots + 1);
    const slot = this.posted % slots;
    this.data.set(chunk, slot * slotBytes);
    if (pathUtf8 !== null) this.paths.set(pathUtf8, slot * PATH_BYTES);
    this.slotWords.set([chunk.length, pathUtf8 === null ? fd : -1, pathUtf8?.length ?? 0], slot * SLOT_WORDS);
    this.posted++;
    Atomics.store(this.control, HEAD, this.posted);
    this.signal();
    return true;
  }

  finish(): void {
    this.waitUntilWritten(this.posted);
    this.finished = true;
    Atomics.store(this.control, DONE, 1);
    this.signal();
  }

  abandon(): void {
    if (this.finished) return;
    try {
      this.waitUntilWritten(this.posted);
    } catch {
      // The writer failed, so it has stopped writing.
    }
    Atomics.store(this.control, DONE, 1);
    this.signal();
  }

  private signal(): void {
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
  }

  private waitUntilWritten(count: number): void {
    for (;;) {
      if (Atomics.load(this.control, FAILED) === 1) {
        const length = Atomics.load(this.control, MESSAGE_LENGTH);
        const text = new TextDecoder().decode(this.message.slice(0, length));
        throw new Error(`writing the build's files failed: ${text}`);
      }
      const tail = Atomics.load(this.control, TAIL);
      if (tail >= count) return;
      if (Atomics.wait(this.control, TAIL, tail, STARTUP_LIMIT_MS) === "timed-out") {
        if (Atomics.load(this.control, STARTED) === 0) {
          throw new Error(
            `writing the build's files failed: the writer thread did not start in ${STARTUP_LIMIT_MS} ms`,
          );
        }
      }
    }
  }
}
