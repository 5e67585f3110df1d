import { localIsoDay } from "../../core/dates.ts";
import type { SheetName } from "../../core/sheet-columns.ts";
import {
  type ReadTimings,
  type RowHandlerFactory,
  readSheet,
  type Sheet,
  type SheetSegment,
  type SheetText,
  UnreadableSheetError,
} from "../sheet/read-sheet.ts";
import { ProblemLog } from "../sheet/row-error.ts";
import { SHEET_FILES, sheetSpec } from "../sheet/sheet-columns.ts";
import { SheetEncodingError } from "../sheet/sheet-encoding.ts";
import type { Locator } from "./locator.ts";
import { validateActors } from "./validate-actors.ts";
import { ClaimCollector, type ClaimContext, type ClaimPart, validateClaims } from "./validate-claims.ts";
import { type Place, validatePlaces } from "./validate-places.ts";
import { validateSources } from "./validate-sources.ts";

// How sheets are read and checked, apart from the build itself: a helper thread reads claims.csv with this module
// alone (no turf, no store), while the build reads the rest.

/** Like a sheet's text, keyed by file name; a sheet may come as its parts in order. */
export type SheetParts = Partial<Record<SheetName, SheetText>>;

// Problems are listed stage by stage: per sheet, file-level then structure problems; then each sheet's rules.
export const FILE_STAGE = (k: number) => 10 * k;
export const READ_STAGE = (k: number) => 10 * k + 1;
export const RULE_STAGE = (k: number) => 100 + k;
export const CLAIMLESS_STAGE = 200;

/** The counters a summary needs, added to as sheets are read. */
export interface ReadCounts {
  sheets: number;
  rows: number;
}

/**
 * Reads one sheet, reporting a missing or empty file; `start` gets each good row (counted). Problems carry the
 * sheet's stages (file, structure, rules), so they list the same whichever log or thread found them.
 */
export function readInto(
  file: SheetName,
  text: SheetText | undefined,
  log: ProblemLog,
  start: RowHandlerFactory,
  counts: ReadCounts,
  timings: ReadTimings,
  segment?: SheetSegment,
): Sheet | null {
  const k = SHEET_FILES.indexOf(file);
  log.stage = FILE_STAGE(k);
  if (text === undefined) {
    log.error(
      file,
      null,
      null,
      null,
      "is missing",
      `create ${file} next to the other sheets, with the header ${sheetSpec(file).required.join(",")}`,
    );
    return null;
  }
  counts.sheets++;
  log.stage = READ_STAGE(k);
  let sheet: Sheet;
  try {
    sheet = readSheet(
      file,
      text,
      log,
      (header) => {
        const onRow = start(header);
        return (row) => {
          counts.rows++;
          log.stage = RULE_STAGE(k);
          onRow(row);
          log.stage = READ_STAGE(k);
        };
      },
      timings,
      segment,
    );
  } catch (e) {
    if (!(e instanceof SheetEncodingError || e instanceof UnreadableSheetError)) throw e;
    // One line for the whole file (not UTF-8, or not comma-separated): what its rows would say is noise.
    const p = e.problem;
    log.stage = FILE_STAGE(k);
    log.error(file, p.row, p.column, p.value, p.message, p.fix);
    log.stage = RULE_STAGE(k);
    return null;
  }
  // A piece after the header is never the whole sheet, so never "empty".
  if (sheet.blank && !segment?.header) {
    log.stage = FILE_STAGE(k);
    log.error(
      file,
      null,
      null,
      null,
      "is empty",
      `put the header row in row 1: ${sheetSpec(file).required.join(",")}`,
    );
  }
  log.stage = RULE_STAGE(k);
  return sheet;
}

/**
 * The referenced sheets (places, actors, sources), read whole and checked. Id sets hold every row's id, so a
 * reference to a row that has a mistake of its own is not reported twice. Without a locator, places are skipped.
 */
export function readReferenced(
  sheets: SheetParts,
  log: ProblemLog,
  today: string,
  timings: ReadTimings,
  counts: ReadCounts,
  locator: Locator | null,
) {
  const unread = new Set<SheetName>();
  const collect = (file: SheetName): Sheet => {
    const collected = readInto(
      file,
      sheets[file],
      log,
      (sheet) => (row) => {
        sheet.rows.push({ row: row.row, cells: row.cells });
      },
      counts,
      timings,
    );
    if (collected === null) unread.add(file);
    return collected ?? { file, columns: new Map(), missing: new Set(), rows: [], blank: false };
  };
  const placesSheet = locator ? collect("places.csv") : null;
  const actorsSheet = collect("actors.csv");
  const sourcesSheet = collect("sources.csv");
  // A sheet that is missing or cannot be read has its one error; each reference to it would only repeat it.
  const idsOrAny = (sheet: Sheet) => (unread.has(sheet.file) ? new AnyId() : idsOf(sheet));
  const placeIds = placesSheet ? idsOrAny(placesSheet) : new Set<string>();
  const actorIds = idsOrAny(actorsSheet);
  const sourceIds = idsOrAny(sourcesSheet);
  log.stage = RULE_STAGE(0);
  const places =
    placesSheet && locator ? validatePlaces(placesSheet, log, locator) : new Map<string, Place>();
  log.stage = RULE_STAGE(1);
  const actors = validateActors(actorsSheet, log);
  log.stage = RULE_STAGE(2);
  const sources = validateSources(sourcesSheet, log, today);
  return { places, actors, sources, placeIds, actorIds, sourceIds, rows: counts.rows };
}

/** claims.csv read and checked on its own (see ClaimPart), with its own problem log. */
export function collectClaims(
  text: SheetText | undefined,
  context: ClaimContext,
  timings: ReadTimings,
  makeOutput = true,
): ClaimPart {
  const log = new ProblemLog();
  const out = new ClaimCollector(log, makeOutput);
  const counts = { sheets: 0, rows: 0 };
  const sheet = readInto("claims.csv", text, log, validateClaims(context, out), counts, timings);
  out.rows = counts.rows;
  out.present = sheet !== null;
  return out.finish();
}

/**
 * claims.csv's part, read on its own from the sheets (actors, sources and claims are used; problems of the
 * referenced sheets are left to the build that joins it). What a helper thread runs; see BuildOptions.claimPart.
 */
export function readClaimPart(
  sheets: SheetParts,
  options: { today?: string; makeOutput?: boolean } = {},
): ClaimPart {
  const today = options.today ?? localIsoDay(new Date());
  const timings: ReadTimings = { readMs: 0, parseMs: 0 };
  const context = readReferenced(sheets, new ProblemLog(), today, timings, { sheets: 0, rows: 0 }, null);
  return collectClaims(sheets["claims.csv"], context, timings, options.makeOutput);
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

/** The ids of a sheet that could not be read: every id counts as known (no output is made anyway). */
class AnyId extends Set<string> {
  override has(_id: string): boolean {
    return true;
  }
}
