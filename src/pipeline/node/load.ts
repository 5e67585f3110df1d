import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BuildOptions,
  type BuildResult,
  buildIncidents,
  type ReferenceData,
  type SheetTexts,
} from "../index";
import { SHEET_FILES } from "../sheet-columns";

/** data/reference/ of this checkout: boundary, governorates and towns (see its SOURCES.md). */
export const DEFAULT_REFERENCE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../data/reference",
);

/** Reads the reference GeoJSON files; `dir/reference/` wins over the bundled one when it exists. */
export function loadReference(dir = DEFAULT_REFERENCE_DIR): ReferenceData {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8"));
  return {
    region: read("border-region.geojson"),
    governorates: read("governorates.geojson"),
    towns: read("towns.geojson"),
  };
}

/** Reads the sheet files that exist in `dir` (a missing one is left out, and buildIncidents reports it). */
export function readSheets(dir: string): SheetTexts {
  const sheets: SheetTexts = {};
  for (const file of SHEET_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) sheets[file] = readFileSync(path, "utf8");
  }
  return sheets;
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
  return buildIncidents(readSheets(dir), reference, options);
}
