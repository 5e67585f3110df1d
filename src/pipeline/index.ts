import { localIsoDay } from "../core/dates";
import type { ClaimRef, IncidentCollection, IncidentFeature } from "../core/incident";
import { EVENT_TYPES } from "../core/vocabulary";
import { createLocator, type ReferenceData } from "./locator"; // point-in-polygon, governorate, position phrase
import { readSheet, type Sheet } from "./read-sheet"; // PapaParse → rows tagged with spreadsheet row numbers
import { ProblemLog, type RowError } from "./row-error"; // problems with file, row, column, value, fix
import { SHEET_COLUMNS, SHEET_FILES, type SheetFile } from "./sheet-columns";
import { toFeature } from "./to-feature"; // valid incident + claims → GeoJSON Feature
import { validateActors } from "./validate-actors";
import { validateClaims } from "./validate-claims";
import { validateIncidents } from "./validate-incidents";
import { validatePlaces } from "./validate-places";
import { validateSources } from "./validate-sources";

export type { ReferenceData } from "./locator";
export { formatRowError, type RowError } from "./row-error";
export { serializeCollection, stringifyCollection } from "./serialize-collection";

/** The text of each sheet file, keyed by file name. */
export type SheetTexts = Partial<Record<SheetFile, string>>;

export interface BuildOptions {
  /** Today as "YYYY-MM-DD"; dates after it are errors. Defaults to the machine's local date. */
  today?: string;
}

export interface BuildResult {
  /** The map's data; null whenever there is at least one error. */
  collection: IncidentCollection | null;
  errors: RowError[];
  warnings: RowError[];
  /** What was read, for summaries ("5 sheets, 42 incidents"). */
  counts: { sheets: number; rows: number; incidents: number };
}

/**
 * Validates the five sheets and builds the incident FeatureCollection: one feature per incident row, sorted by
 * date_start then id. Every problem is collected in one pass; any error means no collection.
 * @example buildIncidents({ "incidents.csv": "…", "claims.csv": "…", … }, reference, { today: "2026-11-22" })
 */
export function buildIncidents(
  sheets: SheetTexts,
  reference: ReferenceData,
  options: BuildOptions = {},
): BuildResult {
  const today = options.today ?? localIsoDay(new Date());
  const log = new ProblemLog();
  const locator = createLocator(reference);

  // 1. Parse every sheet; a missing file is an error, and an empty stand-in keeps the other checks going.
  const parsed = {} as Record<SheetFile, Sheet>;
  let rows = 0;
  let present = 0;
  for (const file of SHEET_FILES) {
    const text = sheets[file];
    if (text === undefined) {
      log.error(
        file,
        null,
        null,
        null,
        "is missing",
        `create ${file} next to the other sheets, with the header ${SHEET_COLUMNS[file].required.join(",")}`,
      );
      parsed[file] = { file, columns: new Map(), missing: new Set(SHEET_COLUMNS[file].required), rows: [] };
      continue;
    }
    present++;
    if (text.replace(/^\uFEFF/, "").trim() === "") {
      log.error(
        file,
        null,
        null,
        null,
        "is empty",
        `put the header row in row 1: ${SHEET_COLUMNS[file].required.join(",")}`,
      );
    }
    parsed[file] = readSheet(file, text, log);
    rows += parsed[file].rows.length;
  }

  // 2. Validate sheets, referenced ones first. Id sets hold every row's id, so a reference to a row that has a
  //    mistake of its own is not reported twice.
  const placeIds = idsOf(parsed["places.csv"]);
  const actorIds = idsOf(parsed["actors.csv"]);
  const sourceIds = idsOf(parsed["sources.csv"]);
  const places = validatePlaces(parsed["places.csv"], log, locator);
  const actors = validateActors(parsed["actors.csv"], log);
  const sources = validateSources(parsed["sources.csv"], log, today);
  const { incidents, ids: incidentIds } = validateIncidents(
    parsed["incidents.csv"],
    log,
    { places, actors, placeIds, actorIds },
    locator,
    today,
  );
  const incidentRows = parsed["incidents.csv"].rows.length;
  // Parsed cells are not needed past validation; at 1M rows letting them go early keeps the peak down.
  parsed["incidents.csv"].rows = [];
  const { byIncident: claims, cited } = validateClaims(parsed["claims.csv"], log, {
    incidentIds,
    actors,
    actorIds,
    sources,
    sourceIds,
  });
  parsed["claims.csv"].rows = [];

  // 3. Nothing is stated as fact without a claimant: an incident with no claim is flagged.
  for (const incident of incidents) {
    if (!cited.has(incident.id)) {
      log.warn(
        "incidents.csv",
        incident.row,
        "id",
        incident.id,
        "has no claim in claims.csv, so nobody is named as saying it happened",
        "add at least one claim (claimant, source, stance) for this incident",
      );
    }
  }

  const counts = { sheets: present, rows, incidents: incidentRows };
  if (log.errors.length > 0) return { collection: null, errors: log.errors, warnings: log.warnings, counts };

  // 4. Features, sorted by date_start then id (string order of ISO days is date order).
  const none: ClaimRef[] = [];
  incidents.sort((a, b) => compare(a.dateStart, b.dateStart) || compare(a.id, b.id));
  const features: IncidentFeature[] = incidents.map((incident) =>
    toFeature(incident, claims.get(incident.id) ?? none),
  );

  const box = bboxOf(features);
  const collection: IncidentCollection = {
    type: "FeatureCollection",
    ...(box ? { bbox: box } : {}),
    features,
    meta: {
      actors: [...actors.values()].sort((a, b) => compare(a.id, b.id)),
      sources: [...sources.values()].sort((a, b) => compare(a.id, b.id)),
      event_types: EVENT_TYPES.map((t) => ({ id: t.id, name: t.name, color: t.color })),
      governorates: locator.governorates,
    },
  };
  return { collection, errors: log.errors, warnings: log.warnings, counts };
}

function idsOf(sheet: Sheet): Set<string> {
  const i = sheet.columns.get("id");
  const ids = new Set<string>();
  if (i === undefined) return ids;
  for (const r of sheet.rows) {
    const id = (r.cells[i] as string).trim();
    if (id !== "") ids.add(id);
  }
  return ids;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bboxOf(features: IncidentFeature[]): [number, number, number, number] | undefined {
  if (features.length === 0) return undefined;
  let w = 180;
  let s = 90;
  let e = -180;
  let n = -90;
  for (const f of features) {
    const [x, y] = f.geometry.coordinates;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}
