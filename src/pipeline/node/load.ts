import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { localIsoDay } from "../../core/dates.ts";
import {
  type BuildOptions,
  type BuildResult,
  buildIncidents,
  type ReferenceData,
  type SheetTexts,
} from "../index.ts";
import { SHEET_FILES } from "../sheet/sheet-columns.ts";
import { planHelper, startHelper } from "./helper-thread.ts";
import { streamSheets } from "./stream-sheets.ts";

export { streamSheets } from "./stream-sheets.ts";

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

/**
 * How a build that publishes treats ACLED-derived rows: refused, unless the maintainer states ACLED's permission
 * with ATLAS_ACLED_REDISTRIBUTION=permitted (ACLED's terms of use restrict redistribution).
 */
export function publishingAcled(): "allow" | "refuse" {
  return process.env.ATLAS_ACLED_REDISTRIBUTION === "permitted" ? "allow" : "refuse";
}

let cachedReference: ReferenceData | null = null;

export interface DirBuildOptions extends BuildOptions {
  /**
   * "auto" (default): when the sheets are big, a helper thread reads claims.csv and the end of incidents.csv while
   * this one reads its start (see helper-thread.ts); 1: everything on this thread; 2: the helper thread whatever
   * the size, with incidents.csv cut at every line it can be (tests). The result is the same either way.
   */
  threads?: "auto" | 1 | 2;
  /** The folder whose `reference/` (when present) replaces the bundled reference data: `dir` unless given. */
  referenceFrom?: string;
}

/**
 * Builds the incident collection from the five CSV files in `dir`, with the bundled reference data
 * (or `dir/reference/` when present). Used by the CLI, the Vite plugin and the tests of the curated data.
 */
export function buildFromDir(dir: string, options: DirBuildOptions = {}): BuildResult {
  const own = join(options.referenceFrom ?? dir, "reference");
  const ownReference = existsSync(join(own, "border-region.geojson"));
  let reference: ReferenceData;
  if (ownReference) reference = loadReference(own);
  else {
    cachedReference ??= loadReference();
    reference = cachedReference;
  }
  // One "today" for both threads, so a build that runs over midnight cannot judge its two halves differently.
  const today = options.today ?? localIsoDay(new Date());
  const threads = options.threads ?? "auto";
  const plan = threads === 1 ? null : planHelper(dir, threads === 2);
  const makeOutput = options.makeOutput ?? true;
  const helper = plan
    ? startHelper(plan, { today, referenceDir: ownReference ? own : null, makeOutput })
    : {};
  return buildIncidents(streamSheets(dir), reference, {
    today,
    acledSources: options.acledSources,
    makeOutput,
    ...helper,
  });
}
