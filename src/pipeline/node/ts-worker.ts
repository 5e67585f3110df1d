import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type MessagePort, Worker } from "node:worker_threads";

/**
 * Starts a pipeline thread: `source` is plain JavaScript that loads its TypeScript module through tsx's loader, so
 * it starts the same under the CLI (tsx), Vitest and Vite's config loader. Its workerData holds `port` (transferred),
 * `loader` (tsx's ESM API) and `data`'s members. The thread does not keep the process alive. Null when it cannot
 * be started (the caller then does the work itself).
 */
export function startTsWorker(
  source: string,
  port: MessagePort,
  data: Record<string, unknown>,
): Worker | null {
  // tsx's ESM API, by file (its package exports give require() the CLI's CommonJS build).
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const loader = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  try {
    const worker = new Worker(source, {
      eval: true,
      workerData: { ...data, port, loader },
      transferList: [port],
    });
    worker.unref();
    return worker;
  } catch {
    return null;
  }
}
