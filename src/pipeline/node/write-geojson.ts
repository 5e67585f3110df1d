import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { IncidentCollection } from "../../core/incident";
import { serializeCollection } from "../serialize-collection";

// Chunks are gathered to about this size before each write: few syscalls, bounded memory.
const WRITE_BATCH_CHARS = 1 << 20;

/** Streams the collection to `path` (via a temporary file and a rename, so readers never see half a file). */
export function writeGeojson(path: string, collection: IncidentCollection): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    let batch = "";
    for (const chunk of serializeCollection(collection)) {
      batch += chunk;
      if (batch.length >= WRITE_BATCH_CHARS) {
        writeSync(fd, batch);
        batch = "";
      }
    }
    writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
