import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "../../core/incident.ts";
import { createTableFiles, IncidentTableWriter, TABLE_FILES } from "../../core/incident-table.ts";

const READ_DEFAULTS = {
  // Bytes read at a time; a feature line is a few kB. Small enough that a chunk's text (two bytes a character once
  // there is Arabic) stays under V8's 128 kB large-object size: larger strings go straight to the old generation, and
  // after the build (whose heap is still to be collected) 1 MB chunks let ~400 MB of them pile up before a major GC.
  chunkBytes: 1 << 15,
  maxLineChars: 16 << 20, // a longer line means the file is not one feature per line (e.g. compact JSON on one line)
  maxHeaderChars: 64 << 20, // the header (bbox, meta) is a few MB even at 1M incidents; past this, it is another layout
};

// The line that closes the header of the pipeline's output and the one that closes the features (serialize-store.ts).
const FEATURES_LINE = '  "features": [';
const END_LINE = "]}";

/** Names of the files a table folder holds (and a new build replaces); anything else there is left alone. */
const TABLE_FILE_NAME =
  /^(table\.json|table\.bin|ids\.json|shard-\d+\.json|search-tokens\.txt|search-offsets\.bin|search-\d+\.bin)$/;

/** Thrown inside the line reader when the file is not in the pipeline's layout; the whole-file path takes over. */
class NotLineShaped extends Error {}

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
}

/**
 * Writes the incident table (core/incident-table.ts) of the GeoJSON at `geojsonPath` into `dir`: call it right after
 * the GeoJSON is written. The pipeline's layout (a header with bbox and meta, then one feature per line) is read a
 * line at a time, each line going to the shards as it is, so memory holds the table's columns and search postings,
 * never the file; any other layout (a hand-made file) is parsed whole. The files are made in a folder beside `dir`
 * and then moved in, after the table files of the previous build are removed (shards and search buckets that the
 * new table has fewer of included). When it fails, the previous table is removed rather than left beside a newer
 * GeoJSON: the app then says the table is missing instead of showing other data.
 * @example writeTable("public/data/incidents.geojson"); // → public/data/table/
 */
export function writeTable(geojsonPath: string, dir = tableDirOf(geojsonPath)): TableWritten {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let files = 0;
  let bytes = 0;
  const onFile = (name: string, data: Uint8Array) => {
    writeFileSync(join(tmp, name), data);
    files++;
    bytes += data.length;
  };
  try {
    let count: number;
    try {
      count = streamTable(geojsonPath, onFile);
    } catch (e) {
      if (!(e instanceof NotLineShaped)) throw e;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      files = 0;
      bytes = 0;
      const collection = wholeFile(geojsonPath);
      for (const [name, data] of createTableFiles(collection)) onFile(name, data);
      count = collection.features.length;
    }
    removeTableFiles(dir);
    mkdirSync(dir, { recursive: true });
    // table.json last: a reader that finds it finds the files it describes.
    const names = readdirSync(tmp).sort(
      (a, b) => Number(a === TABLE_FILES.header) - Number(b === TABLE_FILES.header),
    );
    for (const name of names) renameSync(join(tmp, name), join(dir, name));
    return { dir, count, files, bytes };
  } catch (e) {
    removeTableFiles(dir);
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Removes the table files of an earlier build from `dir` (nothing else). */
function removeTableFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (TABLE_FILE_NAME.test(name)) rmSync(join(dir, name), { force: true });
}

/** The table of a pipeline-layout file, streamed; its count. Throws NotLineShaped for another layout. */
function streamTable(path: string, onFile: (name: string, data: Uint8Array) => void): number {
  let writer: IncidentTableWriter | null = null;
  let count = 0;
  streamFeatures(
    path,
    (meta, bbox) => {
      // No bbox in the file: the writer takes that of the points.
      writer = new IncidentTableWriter(meta, { bbox: bbox ?? undefined, onFile });
    },
    (feature, text) => {
      (writer as IncidentTableWriter | null)?.add(feature, text);
      count++;
    },
  );
  (writer as IncidentTableWriter | null)?.finish();
  return count;
}

/** Any layout, from the whole file in memory (hand-made files are small). */
function wholeFile(path: string): IncidentCollection {
  const collection = JSON.parse(readFileSync(path, "utf8")) as IncidentCollection;
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features) || !collection.meta) {
    throw new Error(`${path} is not an incident FeatureCollection (with features and meta)`);
  }
  return collection;
}

/**
 * The streaming path: the header parsed whole and given to `start`, then each feature line on its own to `add`,
 * with its text (without the comma that separates it from the next).
 */
function streamFeatures(
  path: string,
  start: (meta: CollectionMeta, bbox: [number, number, number, number] | null) => void,
  add: (feature: IncidentFeature, text: string) => void,
): void {
  const header: string[] = [];
  let headerChars = 0;
  let state: "header" | "features" | "end" = "header";
  // Every feature line but the last ends with a comma; checked so a file the whole-file parse would refuse is refused.
  let previousHadComma = false;
  let features = 0;
  for (const line of linesOf(path)) {
    if (state === "header") {
      if (header.length === 0 && line !== "{") throw new NotLineShaped();
      if (line !== FEATURES_LINE) {
        headerChars += line.length;
        if (headerChars > READ_DEFAULTS.maxHeaderChars) throw new NotLineShaped();
        header.push(line);
        continue;
      }
      const head = headOf(header);
      start(head.meta, head.bbox);
      state = "features";
    } else if (state === "features") {
      if (line === END_LINE) {
        if (previousHadComma) throw new NotLineShaped();
        state = "end";
        continue;
      }
      if (features > 0 && !previousHadComma) throw new NotLineShaped();
      previousHadComma = line.endsWith(",");
      const text = previousHadComma ? line.slice(0, -1) : line;
      add(parseFeatureLine(text), text);
      features++;
    } else if (line.trim() !== "") {
      throw new NotLineShaped();
    }
  }
  if (state !== "end") throw new NotLineShaped();
}

function headOf(lines: string[]): { meta: CollectionMeta; bbox: [number, number, number, number] | null } {
  // The header is the collection's opening with its last member's comma: `{ …, "meta": {…},`.
  const text = `${lines.join("\n").trimEnd().replace(/,$/, "")}\n}`;
  let head: { type?: unknown; bbox?: [number, number, number, number]; meta?: CollectionMeta };
  try {
    head = JSON.parse(text);
  } catch {
    throw new NotLineShaped();
  }
  if (head?.type !== "FeatureCollection" || !head.meta || typeof head.meta !== "object")
    throw new NotLineShaped();
  return { meta: head.meta, bbox: head.bbox ?? null };
}

function parseFeatureLine(text: string): IncidentFeature {
  if (!text.startsWith("{")) throw new NotLineShaped();
  let feature: IncidentFeature;
  try {
    feature = JSON.parse(text);
  } catch {
    throw new NotLineShaped();
  }
  if (feature?.type !== "Feature" || !feature.properties || !feature.geometry) throw new NotLineShaped();
  return feature;
}

/** The lines of a UTF-8 file, without their "\n" (and a "\r" before it), read a chunk at a time. */
function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, "r");
  const buffer = Buffer.allocUnsafe(READ_DEFAULTS.chunkBytes);
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      const text =
        n === 0 ? carry + decoder.decode() : carry + decoder.decode(buffer.subarray(0, n), { stream: true });
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        yield text.charCodeAt(nl - 1) === 0x0d && nl > start
          ? text.slice(start, nl - 1)
          : text.slice(start, nl);
        start = nl + 1;
      }
      carry = text.slice(start);
      if (carry.length > READ_DEFAULTS.maxLineChars) throw new NotLineShaped();
      if (n === 0) break;
    }
    if (carry !== "") yield carry;
  } finally {
    closeSync(fd);
  }
}
