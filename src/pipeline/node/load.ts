import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { localIsoDay } from "../../core/dates";
import {
  type BuildOptions,
  type BuildResult,
  buildIncidents,
  type ReferenceData,
  type SheetTexts,
} from "../index";
import { SHEET_FILES } from "../sheet-columns";
import { startClaimThread, wantsClaimThread } from "./claims-thread";
import { streamSheets } from "./stream-sheets";

export { streamSheets } from "./stream-sheets";

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

/** Reads the sheet files that exist in `dir`, whole (a missing one is left out, and buildIncidents reports it). */
export function readSheets(dir: string): SheetTexts {
  const sheets: SheetTexts = {};
  for (const file of SHEET_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) sheets[file] = readFileSync(path, "utf8");
  }
  return sheets;
}

let cachedReference: ReferenceData | null = null;

export interface DirBuildOptions extends BuildOptions {
  /**
   * "auto" (default): claims.csv is read on a helper thread, while incidents.csv is read on this one, when it is
   * big (see claims-thread.ts); 1: everything on this thread; 2: the helper thread whatever the size (tests).
   * The result is the same either way.
   */
  threads?: "auto" | 1 | 2;
}

/**
 * Builds the incident collection from the five CSV files in `dir`, with the bundled reference data
 * (or `dir/reference/` when present). Used by the CLI, the Vite plugin and the tests of the curated data.
 */
export function buildFromDir(dir: string, options: DirBuildOptions = {}): BuildResult {
  const own = join(dir, "reference");
  let reference: ReferenceData;
  if (existsSync(join(own, "border-region.geojson"))) reference = loadReference(own);
  else {
    cachedReference ??= loadReference();
    reference = cachedReference;
  }
  // One "today" for both threads, so a build that runs over midnight cannot judge its two halves differently.
  const today = options.today ?? localIsoDay(new Date());
  const threads = options.threads ?? "auto";
  const claimPart =
    threads === 2 || (threads === "auto" && wantsClaimThread(dir))
      ? startClaimThread(dir, { today })
      : undefined;
  return buildIncidents(streamSheets(dir), reference, { today, claimPart });
}
