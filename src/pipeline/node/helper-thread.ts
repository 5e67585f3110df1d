import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import type { ClaimPart, IncidentPart, IncidentSplit } from "../index.ts";
import { findSegmentStarts } from "../machinery/segment-starts.ts";
import { readTextParts } from "./stream-sheets.ts";
import { startTsWorker } from "./ts-worker.ts";

const HELPER_DEFAULTS = {
  // Smaller sheets are read on the calling thread. The thread (starting it, loading its TypeScript and the reference
  // data, joining its parts) has a fixed CPU cost, which only pays for big sheets: the thresholds are where the
  // check with and without it broke even in the benchmark (figures in CHANGELOG.md).
  claimsAfterBytes: 24 << 20,
  incidentsAfterBytes: 48 << 20,
  // incidents.csv is cut in about this many stretches (none under 1 MB), which the two threads take from either
  // end: small enough that neither waits long for the other at the end, big enough that joining costs little.
  stretches: 48,
  minStretchBytes: 1 << 20,
  answerLimitMs: 120_000, // a thread that has not answered by then is given up on (its work is redone here)
};

// Shared words: which stretches each side has taken, whether the helper may take more, and messages posted.
const TAKEN = 0; // stretches [0, front) are this thread's, [back, count) the helper's: front | back << 16
const CLOSED = 1; // 1: the helper takes no more stretches
const POSTED = 2; // messages the helper has posted (the calling thread waits on it)
const CLAIMS = 3; // who reads claims.csv: 0 not begun, 1 the helper, 2 the calling thread
const MAX_STRETCHES = 0xffff;

/** Takes the next stretch from the front (the calling thread) or the back (the helper); -1 when none is left. */
export function takeStretch(queue: Int32Array, fromBack: boolean): number {
  for (;;) {
    if (fromBack && Atomics.load(queue, CLOSED) === 1) return -1;
    const taken = Atomics.load(queue, TAKEN);
    const front = taken & MAX_STRETCHES;
    const back = taken >>> 16;
    if (front >= back) return -1;
    const next = fromBack ? front | ((back - 1) << 16) : front + 1 + (back << 16);
    if (Atomics.compareExchange(queue, TAKEN, taken, next) === taken) return fromBack ? back - 1 : front;
  }
}

/** Takes claims.csv for the helper (`helper`) or the calling thread; false when the other has it already. */
export function takeClaims(queue: Int32Array, helper: boolean): boolean {
  const me = helper ? 1 : 2;
  const before = Atomics.compareExchange(queue, CLAIMS, 0, me);
  return before === 0 || before === me;
}

/** Called by the helper after each message it posts. */
export function notePosted(queue: Int32Array): void {
  Atomics.add(queue, POSTED, 1);
  Atomics.notify(queue, POSTED);
}

/** The work a helper thread is given (see helper-work.ts). */
export interface HelperJob {
  dir: string;
  referenceDir: string | null;
  today: string;
  /** False for a check that writes nothing (see BuildOptions.makeOutput). */
  makeOutput: boolean;
  claims: boolean;
  /** Whether the helper works whatever the sheets' sizes (tests). */
  force: boolean;
  /** incidents.csv and where its stretches start (the first at 0), or null when it is not split. */
  incidents: { path: string; starts: number[]; size: number } | null;
  queue: SharedArrayBuffer;
}

/** What the helper says, in this order: claims.csv's part (if asked), incidents.csv's parts, then done. */
export type HelperMessage =
  | { claims: ClaimPart }
  | { incident: IncidentPart; index: number }
  | { done: true }
  | { failure: string };

// The thread, as plain JavaScript: it loads the TypeScript pipeline through tsx's loader (given in execArgv), so it
// starts the same under the CLI (tsx), Vitest and Vite's config loader. Any failure is answered, never thrown.
const THREAD_SOURCE = `
const { workerData } = require("node:worker_threads");
const { port, module, loader, job } = workerData;
const queue = new Int32Array(job.queue);
const post = (message, transfer) => {
  port.postMessage(message, transfer);
  Atomics.add(queue, ${POSTED}, 1);
  Atomics.notify(queue, ${POSTED});
};
const start = new Promise((resolve) => port.once("message", resolve));
import(loader)
  .then((tsx) => tsx.tsImport(module, module))
  .then((m) => m.runHelper(job, post, start))
  .catch((e) => post({ failure: String(e && e.stack ? e.stack : e) }, []))
  .finally(() => port.close());
`;

/** Whether `dir`'s sheets are big enough to be worth a helper thread, and what it would do; null: not worth it. */
export function planHelper(
  dir: string,
  force: boolean,
): Omit<HelperJob, "queue" | "today" | "referenceDir" | "makeOutput"> | null {
  const claimsPath = join(dir, "claims.csv");
  const claims =
    existsSync(claimsPath) && (force || statSync(claimsPath).size >= HELPER_DEFAULTS.claimsAfterBytes);
  const path = join(dir, "incidents.csv");
  let incidents: HelperJob["incidents"] = null;
  const size = existsSync(path) ? statSync(path).size : 0;
  if (size > 0 && (force || size >= HELPER_DEFAULTS.incidentsAfterBytes)) {
    const every = force
      ? 1
      : Math.max(HELPER_DEFAULTS.minStretchBytes, Math.ceil(size / HELPER_DEFAULTS.stretches));
    const fd = openSync(path, "r");
    try {
      const cuts = findSegmentStarts((at, into) => readSync(fd, into, 0, into.length, at), size, every);
      if (cuts.length > 0 && cuts.length < MAX_STRETCHES) incidents = { path, starts: [0, ...cuts], size };
    } finally {
      closeSync(fd);
    }
  }
  return claims || incidents ? { dir, force, claims, incidents } : null;
}

/**
 * Starts a helper thread on `plan` and returns what buildIncidents needs from it: claims.csv's part
 * (BuildOptions.claimPart) and incidents.csv's split (BuildOptions.incidentSplit). The calling thread stays
 * synchronous: answers are taken from the port with receiveMessageOnPort once the shared count says they are there.
 * If the thread fails in any way, its work is done on the calling thread instead: a thread problem costs time,
 * never a result.
 */
export function startHelper(
  plan: Omit<HelperJob, "queue" | "today" | "referenceDir" | "makeOutput">,
  options: { today: string; referenceDir: string | null; makeOutput: boolean },
): { claimPart?: () => ClaimPart | null; incidentSplit?: IncidentSplit } {
  const shared = new SharedArrayBuffer(16);
  const queue = new Int32Array(shared);
  const count = plan.incidents ? plan.incidents.starts.length : 1;
  // The calling thread starts with the first stretch; the helper takes stretches once it is told the header. With
  // `force` (tests) the second half is the helper's from the start, so that it reads some whatever its speed.
  const back = plan.force ? Math.max(1, count >> 1) : count;
  Atomics.store(queue, TAKEN, 1 | (back << 16));
  Atomics.store(queue, CLOSED, plan.incidents ? 0 : 1);
  const job: HelperJob = { ...plan, ...options, queue: shared };
  const { port1, port2 } = new MessageChannel();
  const module = new URL("./helper-work.ts", import.meta.url).href;
  const worker = startTsWorker(THREAD_SOURCE, port2, { module, job });

  let received = 0;
  let claims: ClaimPart | null | undefined = plan.claims ? undefined : null;
  const parts: { index: number; part: IncidentPart }[] = [];
  let done = !plan.incidents;
  let failed = worker === null;
  let limit = plan.incidents ? (plan.incidents.starts[1] ?? plan.incidents.size) : 0;
  const stop = () => {
    // Parts are awaited unless this thread read incidents.csv to its end itself.
    const partsSettled = done || (plan.incidents !== null && limit >= plan.incidents.size);
    if ((claims !== undefined && partsSettled) || failed) {
      port1.close();
      void worker?.terminate();
    }
  };
  const receive = () => {
    if (Atomics.load(queue, POSTED) === received) {
      const status = Atomics.wait(queue, POSTED, received, HELPER_DEFAULTS.answerLimitMs);
      if (status === "timed-out") {
        failed = true;
        return;
      }
    }
    const message = receiveMessageOnPort(port1)?.message as HelperMessage | undefined;
    received++;
    if (message === undefined || "failure" in message) failed = true;
    else if ("claims" in message) claims = message.claims;
    else if ("incident" in message) parts.push({ index: message.index, part: message.incident });
    else if ("done" in message) done = true;
  };

  const result: ReturnType<typeof startHelper> = {};
  if (plan.claims) {
    result.claimPart = () => {
      // Not begun yet (the thread is slow to start, or busy): read here, at once, rather than wait (unless the
      // helper must do it: tests).
      if (claims === undefined && !plan.force && takeClaims(queue, false)) claims = null;
      while (claims === undefined && !failed) receive();
      const part = failed ? null : (claims ?? null);
      claims ??= null;
      stop();
      return part;
    };
  }
  const incidents = plan.incidents;
  if (incidents) {
    const { starts, size } = incidents;
    const close = () => {
      Atomics.store(queue, CLOSED, 1);
    };
    result.incidentSplit = {
      text: {
        [Symbol.iterator]: () =>
          readTextParts(incidents.path, 0, (at) => {
            if (at < limit) return limit;
            const next = takeStretch(queue, false);
            if (next === -1) return at;
            limit = starts[next + 1] ?? size;
            return limit;
          }),
      },
      onStart(header, newline) {
        // Stretches start after a "\n": a sheet with "\r" line endings is read whole here.
        if (newline === "\r") close();
        port1.postMessage(newline === "\r" ? null : { header, newline });
      },
      reachedEnd: () => limit >= size,
      parts() {
        while (!done && !failed) receive();
        stop();
        if (failed) return null;
        return parts.sort((a, b) => a.index - b.index).map((p) => p.part);
      },
      cancel() {
        close();
        failed = true;
        stop();
      },
    };
  }
  return result;
}
