import { closeSync, mkdirSync, openSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import type { BuildOutput } from "../index.ts";
import type { StoreTableOptions } from "../stages/store-table.ts";
import { WriteQueue } from "./write-queue.ts";

/**
 * Writes the built output to `path` (via a temporary file and a rename, so readers never see half a file).
 * Synchronous, and memory stays at a few chunks however big the file: chunks are written as they are made, through
 * a WriteQueue (`thread`: as for it). With `table`, the incident table is made in the same pass (see
 * BuildOutput.chunks; write-table.ts puts its files in place); give its files to the same `queue` (which this
 * finishes) so that they too are written off the calling thread.
 */
export function writeGeojson(
  path: string,
  output: BuildOutput,
  options: { thread?: boolean; table?: StoreTableOptions; queue?: WriteQueue } = {},
): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  const queue = options.queue ?? new WriteQueue({ thread: options.thread });
  try {
    for (const chunk of output.chunks(options.table)) queue.append(fd, chunk);
    queue.finish();
  } finally {
    queue.abandon();
    closeSync(fd);
  }
  renameSync(tmp, path);
}
