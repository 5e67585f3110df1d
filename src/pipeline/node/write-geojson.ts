import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { BuildOutput } from "../index";

/**
 * Writes the built output to `path` (via a temporary file and a rename, so readers never see half a file).
 * Chunks of about 1 MB are written synchronously as they are made: the writer never runs ahead of the disk, so
 * memory stays at one chunk however big the file.
 */
export function writeGeojson(path: string, output: BuildOutput): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    for (const chunk of output.chunks()) {
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
