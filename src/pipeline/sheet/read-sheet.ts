import Papa from "papaparse";
import type { SheetName } from "../../core/sheet-columns.ts";
import { guessNewline } from "../machinery/guess-newline.ts";
import { ProblemLog } from "./row-error.ts";
import type { ReadTimings, RowHandlerFactory, Sheet, SheetRow, SheetSegment, SheetText } from "./sheet.ts";
import { decodeSheetBytes } from "./sheet-encoding.ts";
import { readSheetHeader } from "./sheet-header.ts";

export type { ReadTimings, RowHandlerFactory, Sheet, SheetRow, SheetSegment, SheetText } from "./sheet.ts";
export { UnreadableSheetError } from "./sheet-header.ts";

const CRLF = /\r\n/g;
const ANY_RETURN = /\r\n?/g;
const QUOTE_FIX = 'close the quote, and write a quote inside a quoted cell as two quotes ("")';

/**
 * Parses one sheet with PapaParse (UTF-8 text, with or without BOM, LF or CRLF) and checks its structure:
 * required and unknown columns, unclosed quotes, rows with too few or too many cells. Rows with a structural
 * problem are reported and never reach the handler, so later stages never see a shifted cell.
 *
 * The text is parsed part by part with Papa's Parser (what Papa.parse does with `chunk`), carrying the unfinished
 * last row over to the next part, so a million rows never exist as one array. The row object given to the handler
 * is reused: copy what you keep.
 * @example readSheet("actors.csv", "id,name_en\r\nsdf,SDF\r\n", log, (sheet) => (r) => sheet.rows.push({ ...r }))
 * // sheet.rows: [{ row: 2, cells: ["sdf", "SDF"] }]
 */
export function readSheet(
  file: SheetName,
  text: SheetText,
  log: ProblemLog,
  start: RowHandlerFactory,
  timings: ReadTimings = { readMs: 0, parseMs: 0 },
  segment?: SheetSegment,
): Sheet {
  const sheet: Sheet = { file, columns: new Map(), missing: new Set(), rows: [], blank: true };
  let onRow: ((row: SheetRow) => void) | null = null;
  let width = 0;
  const current: SheetRow = { row: 0, cells: [] };
  // Papa reports quote problems apart from the rows; kept by record index until that record comes by.
  const parseErrors = new Map<number, { message: string; fix: string }>();
  let records = 0; // records seen, the header included
  let pendingBlank: number | null = null; // a row with one empty cell: ignorable only when it is the file's last

  const logParseError = (index: number) => {
    const e = parseErrors.get(index);
    if (e) {
      parseErrors.delete(index);
      log.error(file, index + 1, null, null, e.message, e.fix);
    }
    return e !== undefined;
  };

  const readHeader = (cells: string[], headerLog = log) => {
    logParseError(0);
    width = readSheetHeader(sheet, cells, headerLog, !segment?.header);
    onRow = start(sheet);
    segment?.onStart?.(cells, newline);
  };

  let parser: Papa.Parser | null = null;
  let newline: "\n" | "\r\n" | "\r" = "\n";
  let carried = ""; // the unfinished last row of the previous part
  let seenText = false;
  let bomChecked = false;
  let heldReturn = false; // the last part ended with "\r"
  let lineEnding: RegExp | null = null; // what is read as "\n"

  const readRecord = (cells: string[]) => {
    const i = records++;
    if (i === 0) return readHeader(cells);
    if (pendingBlank !== null) {
      log.warn(file, pendingBlank, null, null, "is empty and is ignored", "delete the empty row");
      pendingBlank = null;
    }
    if (logParseError(i)) return;
    if (cells.length !== width) {
      // A bare newline at the end of the file is not a row; anywhere else it is an empty row.
      if (cells.length === 1 && cells[0] === "") {
        pendingBlank = i + 1;
        return;
      }
      current.row = i + 1;
      current.cells = cells;
      sheet.onMalformed?.(current);
      log.error(
        file,
        i + 1,
        null,
        null,
        `has ${cells.length} cells but the header has ${width}`,
        cells.length > width
          ? "a cell holding a comma must be in double quotes; or delete the extra cells"
          : "add the missing cells (an empty cell still needs its comma)",
      );
      return;
    }
    if (isBlank(cells)) {
      log.warn(file, i + 1, null, null, "is empty and is ignored", "delete the empty row");
      return;
    }
    current.row = i + 1;
    current.cells = cells;
    (onRow as (row: SheetRow) => void)(current);
  };

  if (segment?.header) {
    // The header's problems were reported by whoever read the sheet's start: this log must not get them twice.
    readHeader(segment.header, new ProblemLog());
    records = 1;
    newline = segment.newline ?? "\n";
    parser = new Papa.Parser({ delimiter: ",", newline: "\n" });
    bomChecked = true;
  }
  const parsePart = (input: string, last: boolean) => {
    if (parser === null) {
      // A first part with no line break waits for the next one.
      if (!last && !input.includes("\n")) {
        carried = input;
        return;
      }
      parser = new Papa.Parser({ delimiter: ",", newline: "\n" });
    }
    const t0 = performance.now();
    const result = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
    timings.parseMs += performance.now() - t0;
    for (const e of result.errors) {
      const index = records + (e.row ?? 0);
      if (!parseErrors.has(index)) parseErrors.set(index, describe(e));
    }
    for (const cells of result.data) readRecord(cells);
    carried = last ? "" : input.substring(result.meta.cursor);
  };

  const whole = text instanceof Uint8Array ? decodeSheetBytes(text) : text;
  const parts = (typeof whole === "string" ? [whole] : whole)[Symbol.iterator]();
  for (;;) {
    const t0 = performance.now();
    const next = parts.next();
    timings.readMs += performance.now() - t0;
    if (next.done) break;
    let part = next.value;
    // Every "\r\n" is read as "\n", so a sheet pasted together from CRLF and LF files keeps its rows apart (Papa's
    // parser knows one line ending); in a sheet whose lines end with a lone "\r", so is every "\r". Elsewhere a
    // lone "\r" is the cell's own. A "\r" that ends a part may be half of a "\r\n": it waits for the next.
    if (heldReturn) {
      part = `\r${part}`;
      heldReturn = false;
    }
    const settled = part.endsWith("\r") ? part.slice(0, -1) : part;
    if (lineEnding === null && /[\r\n]/.test(settled)) {
      if (!segment?.header) newline = guessNewline(settled);
      lineEnding = newline === "\r" ? ANY_RETURN : CRLF;
    }
    if (part.includes("\r")) {
      if (part.endsWith("\r")) {
        heldReturn = true;
        part = part.slice(0, -1);
      }
      part = part.replace(lineEnding ?? CRLF, "\n");
    }
    if (!seenText) {
      // Only the text's first character can be its BOM, even when the first part is empty.
      if (!bomChecked && part !== "") {
        bomChecked = true;
        if (part.charCodeAt(0) === 0xfeff) part = part.slice(1);
      }
      if (part === "") continue;
      seenText = true;
    }
    if (sheet.blank && part.trim() !== "") sheet.blank = false;
    parsePart(carried + part, false);
  }
  if (heldReturn) parsePart(`${carried}\n`, false);
  if (segment && !segment.isFinal()) {
    // A piece that stops on a record boundary leaves nothing unfinished; anything else (a boundary inside a quoted
    // cell) makes the piece unusable, and the caller reads the sheet whole instead.
    segment.clean = carried === "" && pendingBlank === null;
    segment.records = records;
    return sheet;
  }
  // The rest: Papa ends a text that ends with a line break with one record of one empty cell; so does this.
  if (carried !== "") parsePart(carried, true);
  else if (seenText) readRecord([""]);
  if (records === 0) readHeader([]);
  if (segment) segment.records = records;
  return sheet;
}

function describe(e: Papa.ParseError): { message: string; fix: string } {
  if (e.code === "MissingQuotes") {
    return { message: 'has a quote (") that is opened and never closed', fix: QUOTE_FIX };
  }
  if (e.code === "InvalidQuotes") {
    return { message: 'has a quote (") in the middle of an unquoted cell', fix: QUOTE_FIX };
  }
  return { message: `cannot be read as CSV (${e.message})`, fix: "check the row in a text editor" };
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== "") return false;
  return true;
}
