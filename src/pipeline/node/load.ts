import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import {
  type BuildOptions,
  type BuildResult,
  buildIncidents,
  type ReferenceData,
  type SheetInputs,
  type SheetTexts,
} from "../index";
import { SHEET_FILES } from "../sheet-columns";

/** data/reference/ of this checkout: boundary, governorates and towns (see its SOURCES.md). */
export const DEFAULT_REFERENCE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../data/reference",
);

// Sheets are read in parts of this size: big enough that PapaParse's per-call cost vanishes, small enough that
// a 1M-row sheet never sits in memory as one string (≈ 400 MB once Arabic makes it two bytes per character), and
// that the rows Papa returns for one part die young (4 MB parts kept ~20k rows alive across scavenges: more GC).
const READ_CHUNK_BYTES = 128 << 10;

/** Reads the reference GeoJSON files; `dir/reference/` wins over the bundled one when it exists. */
export function loadReference(dir = DEFAULT_REFERENCE_DIR): ReferenceData {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8"));
  return {
    region: read("border-region.geojson"),
    governorates: read("governorates.geojson"),
    towns: read("towns.geojson"),
  };
}

/** Reads the sheet files that exist in `dir`, whole (a missing one is left out, and buildIncidents reports it). */
export function readSheets(dir: string): SheetTexts {
  const sheets: SheetTexts = {};
  for (const file of SHEET_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) sheets[file] = readFileSync(path, "utf8");
  }
  return sheets;
}

/** Like readSheets, but each file is read part by part as the pipeline consumes it. */
export function streamSheets(dir: string): SheetInputs {
  const sheets: SheetInputs = {};
  for (const file of SHEET_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) sheets[file] = { [Symbol.iterator]: () => readTextParts(path) };
  }
  return sheets;
}

/** The UTF-8 file as text parts; a character cut between two reads is completed by the decoder. */
function* readTextParts(path: string): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    // Node's own decoder: a BOM stays in the text, as with readFileSync (readSheet drops it); much cheaper per
    // call than TextDecoder in Node 20.
    const decoder = new StringDecoder("utf8");
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      yield decoder.write(buffer.subarray(0, n));
    }
    const rest = decoder.end();
    if (rest !== "") yield rest;
  } finally {
    closeSync(fd);
  }
}

let cachedReference: ReferenceData | null = null;

/**
 * Builds the incident collection from the five CSV files in `dir`, with the bundled reference data
 * (or `dir/reference/` when present). Used by the CLI, the Vite plugin and the tests of the curated data.
 */
export function buildFromDir(dir: string, options: BuildOptions = {}): BuildResult {
  const own = join(dir, "reference");
  let reference: ReferenceData;
  if (existsSync(join(own, "border-region.geojson"))) reference = loadReference(own);
  else {
    cachedReference ??= loadReference();
    reference = cachedReference;
  }
  return buildIncidents(streamSheets(dir), reference, options);
}
