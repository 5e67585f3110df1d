import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { Worker } from "node:worker_threads";
import type { TableWriterOptions } from "../../core/table-writer.ts";
import type { BuildOutput } from "../index.ts";

const WRITE_DEFAULTS = {
  threadAfterBytes: 16 << 20, // smaller outputs are written on the calling thread: a thread is not worth starting
  slots: 4, // chunks that may wait for the disk at once (memory: slots × slotBytes)
  slotBytes: 2 << 20, // chunks are ≈ 1 MB; a bigger one is written on the calling thread, in turn
};

/**
 * Writes the built output to `path` (via a temporary file and a rename, so readers never see half a file).
 * Synchronous, and memory stays at a few chunks however big the file: chunks are written as they are made. Past
 * 16 MB, the writes move to a helper thread, so the kernel's copying into the page cache (a real share, for a big
 * GeoJSON) overlaps with making the next chunks instead of adding to them (`thread: false`: never; benchmarks
 * compare; figures in CHANGELOG.md). With `table`, the incident table is made in the same pass (see BuildOutput.chunks;
 * write-table.ts puts its files in place).
 */
export function writeGeojson(
  path: string,
  output: BuildOutput,
  options: { thread?: boolean; table?: TableWriterOptions } = {},
): void {
  const thread = options.thread ?? true;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  let writer: ChunkWriter | null = null;
  try {
    let bytes = 0;
    for (const chunk of output.chunks(options.table)) {
      bytes += chunk.length;
      if (thread && writer === null && bytes > WRITE_DEFAULTS.threadAfterBytes) writer = new ChunkWriter(fd);
      if (writer === null || !writer.post(chunk)) writeAll(fd, chunk);
    }
    writer?.finish();
  } finally {
    writer?.abandon();
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function writeAll(fd: number, chunk: Uint8Array): void {
  let done = 0;
  while (done < chunk.length) done += writeSync(fd, chunk, done);
}

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

// The helper thread, as plain JavaScript (no TypeScript loader is needed: it runs the same under tsx, Vitest and
// Vite's config loader).
const WRITER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { writeSync } = require("node:fs");
const { fd, shared, slots, slotBytes } = workerData;
const control = new Int32Array(shared, 0, 16);
const lengths = new Int32Array(shared, ${CONTROL_BYTES}, slots);
const message = new Uint8Array(shared, ${CONTROL_BYTES} + 4 * slots, ${MESSAGE_BYTES});
const data = new Uint8Array(shared, ${CONTROL_BYTES} + 4 * slots + ${MESSAGE_BYTES});
let written = 0;
Atomics.store(control, ${STARTED}, 1);
try {
  for (;;) {
    const seq = Atomics.load(control, ${SEQ});
    if (written < Atomics.load(control, ${HEAD})) {
      const slot = written % slots;
      const chunk = data.subarray(slot * slotBytes, slot * slotBytes + lengths[slot]);
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done);
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

/** Hands chunks to a helper thread that writes them to `fd` in order; bounded, so the caller waits when it is full. */
class ChunkWriter {
  private readonly control: Int32Array;
  private readonly data: Uint8Array;
  private readonly lengths: Int32Array;
  private readonly message: Uint8Array;
  private readonly worker: Worker;
  private posted = 0;
  private finished = false;

  constructor(fd: number) {
    const { slots, slotBytes } = WRITE_DEFAULTS;
    const shared = new SharedArrayBuffer(CONTROL_BYTES + 4 * slots + MESSAGE_BYTES + slots * slotBytes);
    this.control = new Int32Array(shared, 0, 16);
    this.lengths = new Int32Array(shared, CONTROL_BYTES, slots);
    this.message = new Uint8Array(shared, CONTROL_BYTES + 4 * slots, MESSAGE_BYTES);
    this.data = new Uint8Array(shared, CONTROL_BYTES + 4 * slots + MESSAGE_BYTES);
    this.worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { fd, shared, slots, slotBytes } });
    // The thread ends by itself after the last chunk; it must not keep the process alive if something goes wrong.
    this.worker.unref();
  }

  /**
   * Queues a copy of `chunk` (the caller may reuse its memory at once). False when it is too big for a slot: then
   * every queued chunk has been written, and the caller writes this one itself, keeping the order.
   */
  post(chunk: Uint8Array): boolean {
    const { slots, slotBytes } = WRITE_DEFAULTS;
    if (chunk.length > slotBytes) {
      this.waitUntilWritten(this.posted);
      return false;
    }
    this.waitUntilWritten(this.posted - slots + 1);
    const slot = this.posted % slots;
    this.data.set(chunk, slot * slotBytes);
    this.lengths[slot] = chunk.length;
    this.posted++;
    Atomics.store(this.control, HEAD, this.posted);
    this.signal();
    return true;
  }

  /** Waits until every posted chunk is on its way to the file (written to the page cache). */
  finish(): void {
    this.waitUntilWritten(this.posted);
    this.finished = true;
    Atomics.store(this.control, DONE, 1);
    this.signal();
  }

  /**
   * After an exception: lets the thread drain what it has (it must be done with the file before the file is
   * closed, or a reused descriptor number could receive its writes), then stops it. A no-op after finish().
   */
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
        throw new Error(`writing the GeoJSON failed: ${text}`);
      }
      const tail = Atomics.load(this.control, TAIL);
      if (tail >= count) return;
      if (Atomics.wait(this.control, TAIL, tail, STARTUP_LIMIT_MS) === "timed-out") {
        if (Atomics.load(this.control, STARTED) === 0) {
          throw new Error(
            `writing the GeoJSON failed: the writer thread did not start in ${STARTUP_LIMIT_MS} ms`,
          );
        }
      }
    }
  }
}
