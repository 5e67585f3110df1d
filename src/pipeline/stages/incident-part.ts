import { IncidentStore, type IncidentStoreParts } from "../incident-store.ts";
import { IdTable } from "../machinery/id-table.ts";
import type { ReadTimings, SheetSegment, SheetText } from "../sheet/read-sheet.ts";
import { ProblemLog, type ProblemLogParts, type RowError, restoreProblemLog } from "../sheet/row-error.ts";
import { SHEET_FILES } from "../sheet/sheet-columns.ts";
import { DUPLICATE_FIX, duplicateMessage } from "../sheet/unique-ids.ts";
import type { Locator } from "./locator.ts";
import { RULE_STAGE, readInto } from "./read-sheets.ts";
import type { Actor } from "./validate-actors.ts";
import { type KeyTracker, validateIncidents } from "./validate-incidents.ts";
import type { Place } from "./validate-places.ts";

/**
 * A stretch of incidents.csv read and checked on its own (on another thread, while the build reads the start of
 * the sheet), to be joined after the incidents read before it (`joinIncidentParts`). Its rows are numbered as if
 * only the header came before it; the join moves them down. What only the whole sheet can tell (an id that an
 * earlier stretch already has) is kept for the join to decide.
 */
export interface IncidentPart {
  /** The problems found, each with its stage; row numbers as in `rows`. */
  log: ProblemLogParts;
  /** Records read, counting the header (as if it came right before): the next stretch's rows follow these. */
  records: number;
  /** Data rows checked (for the summary's counts). */
  rows: number;
  /** False when the stretch did not end on a record boundary: the split was wrong, so the part is unusable. */
  clean: boolean;
  /** Each id seen first in this stretch (one text cut at `keyEnds`), its row, where a repeat's message goes… */
  keys: string;
  keyEnds: Int32Array<ArrayBuffer>;
  keyRows: Int32Array<ArrayBuffer>;
  keyErrorsBefore: Int32Array<ArrayBuffer>;
  /** …and the store index its row would have (the row may have been invalid: check `store.rows`). */
  keyIncidents: Int32Array<ArrayBuffer>;
  /** Repeats reported here: the error's number in `log.errors`, and the id. */
  duplicateErrors: number[];
  duplicateIds: string[];
  /** Rows with too few or too many cells (their claims point there). */
  malformedRows: number[];
  store: IncidentStoreParts;
}

/** What an incident row is checked against (see readReferenced). */
export interface IncidentContext {
  places: Map<string, Place>;
  actors: Map<string, Actor>;
  placeIds: Set<string>;
  actorIds: Set<string>;
}

/** How to read one stretch: the sheet's header and line ending, and whether the stretch runs to the sheet's end. */
export interface IncidentStretch {
  header: string[];
  newline: "\n" | "\r\n";
  final: boolean;
}

class KeyCollector implements KeyTracker {
  keys: string[] = [];
  ends: number[] = [];
  rows: number[] = [];
  errorsBefore: number[] = [];
  incidents: number[] = [];
  duplicateErrors: number[] = [];
  duplicateIds: string[] = [];
  private chars = 0;

  first(key: string, row: number, errorsBefore: number, incident: number): void {
    this.keys.push(key);
    this.chars += key.length;
    this.ends.push(this.chars);
    this.rows.push(row);
    this.errorsBefore.push(errorsBefore);
    this.incidents.push(incident);
  }

  duplicate(error: number, id: string): void {
    this.duplicateErrors.push(error);
    this.duplicateIds.push(id);
  }
}

/** Reads and checks one stretch of incidents.csv (`text`: its parts in order) into a part. */
export function readIncidentPart(
  text: SheetText,
  stretch: IncidentStretch,
  context: IncidentContext,
  locator: Locator,
  today: string,
  timings: ReadTimings = { readMs: 0, parseMs: 0 },
  makeOutput = true,
): IncidentPart {
  const log = new ProblemLog();
  const store = new IncidentStore(makeOutput);
  const keys = new KeyCollector();
  const counts = { sheets: 0, rows: 0 };
  const segment: SheetSegment = {
    header: stretch.header,
    newline: stretch.newline,
    isFinal: () => stretch.final,
  };
  const malformedRows = new Set<number>();
  const handler = validateIncidents(log, context, locator, today, store, new IdTable(), keys, malformedRows);
  readInto("incidents.csv", text, log, handler, counts, timings, segment);
  return {
    log: log.parts(),
    records: segment.records ?? 1,
    rows: counts.rows,
    clean: stretch.final || segment.clean === true,
    keys: keys.keys.join(""),
    keyEnds: Int32Array.from(keys.ends),
    keyRows: Int32Array.from(keys.rows),
    keyErrorsBefore: Int32Array.from(keys.errorsBefore),
    keyIncidents: Int32Array.from(keys.incidents),
    duplicateErrors: keys.duplicateErrors,
    duplicateIds: keys.duplicateIds,
    malformedRows: [...malformedRows],
    store: store.parts(),
  };
}

/** The buffers of a part, to transfer rather than copy it to another thread. */
export function transferablesOf(part: IncidentPart): ArrayBuffer[] {
  const s = part.store;
  const buffers = new Set<ArrayBuffer>();
  for (const a of [part.keyEnds, part.keyRows, part.keyErrorsBefore, part.keyIncidents])
    buffers.add(a.buffer);
  for (const a of [s.idEnds, s.rows, s.lon, s.lat, s.dates, s.place, s.geo, s.kind]) buffers.add(a.buffer);
  for (const b of s.text.blocks) buffers.add(b.buffer);
  buffers.add(s.text.block.buffer);
  buffers.add(s.text.start.buffer);
  buffers.add(s.text.end.buffer);
  for (const list of [s.dateBytes, s.placeBytes, s.geoBytes, s.geoPoints, s.kindBytes]) {
    for (const b of list) buffers.add(b.buffer);
  }
  return [...buffers];
}

/**
 * Joins the parts read after the first `recordsBefore` records of incidents.csv (header included), in sheet
 * order, to what was read before: the store, the id → first row map and the log end up as one pass over the
 * whole sheet would have left them. An id an earlier stretch already has is reported where that pass would have
 * (and its row is not kept); a repeat within a part names the id's first row in the whole sheet. Returns the data
 * rows added, or -1 when a part did not end on a record boundary (nothing is joined then).
 */
export function joinIncidentParts(
  parts: IncidentPart[],
  recordsBefore: number,
  store: IncidentStore,
  rowOfId: IdTable,
  log: ProblemLog,
  malformedRows?: Set<number>,
): number {
  if (parts.some((p) => !p.clean)) return -1;
  const stage = RULE_STAGE(SHEET_FILES.indexOf("incidents.csv"));
  let before = recordsBefore;
  let rows = 0;
  for (const part of parts) {
    const shift = before - 1;
    before += part.records - 1;
    rows += part.rows;
    const partLog = restoreProblemLog(part.log);
    for (const e of partLog.errors) if (e.row !== null) e.row += shift;
    for (const w of partLog.warnings) if (w.row !== null) w.row += shift;
    for (const row of part.malformedRows) malformedRows?.add(row + shift);

    const drop = new Uint8Array(part.store.rows.length);
    const inserts: { at: number; error: RowError }[] = [];
    let from = 0;
    for (let k = 0; k < part.keyEnds.length; k++) {
      const to = part.keyEnds[k] as number;
      const id = part.keys.substring(from, to);
      from = to;
      const row = (part.keyRows[k] as number) + shift;
      const first = rowOfId.get(id);
      if (first === undefined) {
        rowOfId.set(id, row);
        continue;
      }
      const at = part.keyErrorsBefore[k] as number;
      if (at === -1) continue; // not a valid id: its own message says so, and a repeat is not reported
      inserts.push({
        at,
        error: {
          severity: "error",
          file: "incidents.csv",
          row,
          column: "id",
          value: id,
          message: duplicateMessage(first),
          fix: DUPLICATE_FIX,
        },
      });
      const incident = part.keyIncidents[k] as number;
      if (part.store.rows[incident] === part.keyRows[k]) drop[incident] = 1;
    }
    // A repeat within the part named the part's first row; the sheet's first row may come earlier.
    for (let d = 0; d < part.duplicateErrors.length; d++) {
      const e = partLog.errors[part.duplicateErrors[d] as number] as RowError;
      e.message = duplicateMessage(rowOfId.get(part.duplicateIds[d] as string) as number);
    }
    partLog.insertErrors(inserts, stage);
    log.append(partLog);
    store.appendParts(part.store, shift, drop);
  }
  return rows;
}
