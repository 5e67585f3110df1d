import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { TABLE_FILES } from "../../core/incident-table.ts";
import type { BuildOutput } from "../index.ts";
import { searchThread } from "./search-thread.ts";
import { writeGeojson } from "./write-geojson.ts";
import { WriteQueue } from "./write-queue.ts";

/** Names of the files a table folder holds (and a new build replaces); anything else there is left alone. */
const TABLE_FILE_NAME =
  /^(table\.json|table\.bin|relations\.bin|ids\.json|shard-\d+\.json|search-tokens\.txt|search-offsets\.bin|search-\d+\.bin)$/;

/** incidents.geojson → the table folder beside it (public/data/table/). */
export function tableDirOf(geojsonPath: string): string {
  return join(dirname(geojsonPath), "table");
}

export interface TableWritten {
  dir: string;
  count: number;
  /** Number of files written. */
  files: number;
  /** Their total size in bytes. */
  bytes: number;
  /**
   * Settles once the previous build's files are deleted. They are set aside (renamed, a hard link for the GeoJSON)
   * and deleted in the background, on libuv's thread pool: freeing a big build's old files costs the kernel
   * seconds, which the calling thread no longer waits for, and the GeoJSON and table folder are freed in parallel.
   * A process that exits waits for it anyway; await it before copying the folder (as `vite build` does).
   */
  discarded: Promise<void>;
}

/**
 * Writes the built output: the GeoJSON at `geojsonPath` and, made in the same pass over the store (no reading
 * back), the incident table (core/incident-table.ts) in `options.dir` (default: `table/` beside the GeoJSON).
 * The table's files are made in a folder beside `dir` and moved in once the GeoJSON is in place, after the table
 * files of the previous build are moved out (shards and search buckets that the new table has fewer of included;
 * see `discarded` for when they are deleted).
 * If writing fails before the GeoJSON is replaced, the previous GeoJSON and table stay as they were; if moving the
 * table in fails after, the previous table is removed rather than left beside a newer GeoJSON: the app then says the
 * table is missing instead of showing other data. `options.thread`: as for writeGeojson. `options.onFile` sees each
 * table file as it is made (read it before returning: its memory may be reused).
 * @example writeGeojsonAndTable("public/data/incidents.geojson", result.output); // and public/data/table/
 */
export function writeGeojsonAndTable(
  geojsonPath: string,
  output: BuildOutput,
  options: { dir?: string; thread?: boolean; onFile?: (name: string, data: Uint8Array) => void } = {},
): TableWritten {
  const dir = options.dir ?? tableDirOf(geojsonPath);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let files = 0;
  let bytes = 0;
  let count = 0;
  // The table's files share the GeoJSON's queue, so at 1M incidents the shards too are written off this thread.
  const queue = new WriteQueue({ thread: options.thread });
  const onFile = (name: string, data: Uint8Array) => {
    queue.writeFile(join(tmp, name), data);
    options.onFile?.(name, data);
    files++;
    bytes += data.length;
    if (name === TABLE_FILES.header)
      count = (JSON.parse(new TextDecoder().decode(data)) as { count: number }).count;
  };
  // The previous GeoJSON keeps a second name until the new one replaces it: the rename then frees nothing, and the
  // old file's blocks are freed in the background. Where hard links fail, the rename frees it as before.
  const previousGeojson = linkAside(geojsonPath, `${geojsonPath}.old-${process.pid}`);
  const previousTable = `${dir}.old-${process.pid}`;
  let replaced = false;
  try {
    // …and at scale its search index is built on another thread meanwhile.
    const search = searchThread({ enabled: options.thread !== false });
    writeGeojson(geojsonPath, output, { queue, table: { onFile, search } });
    replaced = true;
    moveTableFiles(dir, previousTable);
    mkdirSync(dir, { recursive: true });
    // table.json last: a reader that finds it finds the files it describes.
    const names = readdirSync(tmp).sort(
      (a, b) => Number(a === TABLE_FILES.header) - Number(b === TABLE_FILES.header),
    );
    for (const name of names) renameSync(join(tmp, name), join(dir, name));
    const discarded = discardInBackground([previousGeojson, previousTable]);
    return { dir, count, files, bytes, discarded };
  } catch (e) {
    if (replaced) removeTableFiles(dir);
    for (const path of [previousGeojson, previousTable])
      if (path) rmSync(path, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Gives the file at `path` the second name `aside` (a hard link); returns `aside`, or null when there is no file or no link. */
function linkAside(path: string, aside: string): string | null {
  if (!existsSync(path)) return null;
  rmSync(aside, { force: true });
  try {
    linkSync(path, aside);
    return aside;
  } catch {
    return null;
  }
}

/** Moves the table files of an earlier build from `dir` into the folder `to` (nothing else). */
function moveTableFiles(dir: string, to: string): void {
  if (!existsSync(dir)) return;
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to);
  for (const name of readdirSync(dir))
    if (TABLE_FILE_NAME.test(name)) renameSync(join(dir, name), join(to, name));
}

/** Deletes `paths` (files or folders) on libuv's thread pool; a failure is a process warning naming what is left. */
async function discardInBackground(paths: (string | null)[]): Promise<void> {
  await Promise.all(
    paths.map(async (path) => {
      if (path === null) return;
      try {
        await rm(path, { recursive: true, force: true });
      } catch (e) {
        process.emitWarning(`could not delete the previous build's ${path}: ${(e as Error).message}`);
      }
    }),
  );
}

/** Removes the table files of an earlier build from `dir` (nothing else). */
function removeTableFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (TABLE_FILE_NAME.test(name)) rmSync(join(dir, name), { force: true });
}
