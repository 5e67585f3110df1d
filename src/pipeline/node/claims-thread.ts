import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { BuildOptions, ClaimPart } from "../index";

const THREAD_DEFAULTS = {
  afterBytes: 4 << 20, // a smaller claims.csv is read on the calling thread: starting a thread costs ≈ 0.3 s of CPU
  startLimitMs: 60_000, // a thread that has not answered by then is given up on (claims.csv is read here instead)
};

// Shared flag: 0 while the thread works, 1 when its answer (part or failure) is on the port.
const ANSWERED = 0;

// The thread, as plain JavaScript: it loads the TypeScript pipeline through tsx's loader (given in execArgv), so it
// starts the same under the CLI (tsx), Vitest and Vite's config loader. Any failure is answered, never thrown.
const THREAD_SOURCE = `
const { workerData } = require("node:worker_threads");
const { port, shared, module, loader, dir, options } = workerData;
const flag = new Int32Array(shared);
const answer = (message, transfer) => {
  port.postMessage(message, transfer);
  Atomics.store(flag, ${ANSWERED}, 1);
  Atomics.notify(flag, ${ANSWERED});
};
import(loader)
  .then((tsx) => tsx.tsImport(module, module))
  .then((m) => {
    const { part, transfer } = m.claimPartOfDir(dir, options);
    answer({ part }, transfer);
  })
  .catch((e) => answer({ failure: String(e && e.stack ? e.stack : e) }, []));
`;

/** Whether `dir`'s claims.csv is big enough to be worth reading on a helper thread. */
export function wantsClaimThread(dir: string): boolean {
  const path = join(dir, "claims.csv");
  return existsSync(path) && statSync(path).size >= THREAD_DEFAULTS.afterBytes;
}

/**
 * Starts reading `dir`'s claims.csv on a helper thread (see readClaimPart) and returns the function that waits for
 * its part, for BuildOptions.claimPart. The calling thread stays synchronous: the answer is taken from the port
 * with receiveMessageOnPort once the shared flag says it is there. If the thread fails in any way, the function
 * returns null and the build reads claims.csv itself, so a thread problem costs time, never a result.
 */
export function startClaimThread(dir: string, options: BuildOptions): () => ClaimPart | null {
  const shared = new SharedArrayBuffer(4);
  const flag = new Int32Array(shared);
  const { port1, port2 } = new MessageChannel();
  const module = new URL("./claim-part-of-dir.ts", import.meta.url).href;
  // tsx's ESM API, by file (its package exports give require() the CommonJS build).
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const loader = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  let worker: Worker;
  try {
    worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { port: port2, shared, module, loader, dir, options: { today: options.today } },
      transferList: [port2],
    });
  } catch {
    port1.close();
    return () => null;
  }
  worker.unref();
  return () => {
    const status = Atomics.wait(flag, ANSWERED, 0, THREAD_DEFAULTS.startLimitMs);
    const message = status === "timed-out" ? undefined : receiveMessageOnPort(port1)?.message;
    port1.close();
    void worker.terminate();
    const part = (message as { part?: ClaimPart } | undefined)?.part;
    return part ?? null;
  };
}
