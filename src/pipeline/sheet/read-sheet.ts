import Papa from "papaparse";
import type { SheetName } from "../../core/sheet-columns.ts";
import { guessNewline } from "../machinery/guess-newline.ts";
import { didYouMean } from "./did-you-mean.ts";
import { ProblemLog } from "./row-error.ts";
import { sheetSpec } from "./sheet-columns.ts";
import { decodeSheetBytes } from "./sheet-encoding.ts";

/** A parsed sheet: the header's column positions and (when collected) the data rows with their row numbers. */
export interface Sheet {
  file: SheetName;
  /** Column name → position in `cells`; documented columns only. */
  columns: Map<string, number>;
  /** Required columns the header lacks (their cells read as empty and are not reported row by row). */
  missing: Set<string>;
  /** The rows, when the handler keeps them (the small sheets); empty when rows were streamed. */
  rows: SheetRow[];
  /** True when the text holds nothing but white space (and maybe a BOM). */
  blank: boolean;
  /**
   * Set by a row handler that wants to hear of rows reported for their shape (too few or too many cells), which
   * never reach it: their cells may be shifted, but the first is most likely still the row's id.
   */
  onMalformed?: (row: SheetRow) => void;
}

export interface SheetRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
}

/**
 * A sheet's text: one string, its parts in order (a big file read piece by piece), or the file's bytes (checked to
 * be UTF-8 first: see sheet-encoding.ts). A source of parts throws SheetEncodingError when its bytes are not UTF-8.
 */
export type SheetText = string | Uint8Array | Iterable<string>;

/** Time spent getting the text (file reads, decoding) and inside PapaParse, added up over sheets. */
export interface ReadTimings {
  readMs: number;
  parseMs: number;
}

/**
 * How to read a piece of a sheet rather than a whole one (see incident-part.ts): a piece starts and ends on a
 * record boundary, so it parses exactly as that stretch of the whole text does.
 */
export interface SheetSegment {
  /** The sheet's header cells, when the text starts after the header (its problems are the whole read's). */
  header?: string[];
  /** The sheet's line ending, when the text starts after the header (guessed from the sheet's start). */
  newline?: "\n" | "\r\n" | "\r";
  /** Asked once the text has run out: whether it ran to the sheet's end (else it stopped on a boundary). */
  isFinal(): boolean;
  /** Called once the header is read, with its cells and the line ending the sheet is parsed with. */
  onStart?(header: string[], newline: "\n" | "\r\n" | "\r"): void;
  /** Set by readSheet for a piece that is not final: whether it ended on a record boundary, as expected. */
  clean?: boolean;
  /** Set by readSheet: the records read, the header included (whether read here or given). */
  records?: number;
}

/** Called once the header is read; returns what to do with each well-formed data row. */
export type RowHandlerFactory = (sheet: Sheet) => (row: SheetRow) => void;

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
  const spec = sheetSpec(file);
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
    const log = headerLog;
    const header = cells.map((h) => h.trim());
    const known = [...spec.required, ...spec.optional];
    if (!segment?.header) checkSeparator(header, known);
    header.forEach((name, i) => {
      if (known.includes(name)) {
        if (sheet.columns.has(name)) {
          log.error(
            file,
            1,
            name,
            null,
            `column "${name}" appears twice in the header`,
            "delete one of the two columns",
          );
        } else sheet.columns.set(name, i);
      } else if (name === "") {
        log.warn(file, 1, null, null, `column ${i + 1} has no name and is ignored`, "name it or delete it");
      } else {
        const guess = didYouMean(
          name,
          known.filter((k) => !header.includes(k)),
        );
        log.warn(
          file,
          1,
          name,
          null,
          `unknown column "${name}" is ignored`,
          guess
            ? `did you mean "${guess}"? Rename it`
            : "delete it, or see data/README.md for the documented columns",
        );
      }
    });
    for (const name of spec.required) {
      if (!sheet.columns.has(name)) {
        sheet.missing.add(name);
        log.error(
          file,
          1,
          name,
          null,
          `required column "${name}" is missing from the header`,
          `add a column named ${name} to row 1 (see data/README.md)`,
        );
      }
    }
    width = header.length;
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

/** Thrown when the sheet cannot be read at all (one error for the file; see readInto). */
export class UnreadableSheetError extends Error {
  constructor(
    readonly problem: {
      row: number | null;
      column: string | null;
      value: string | null;
      message: string;
      fix: string;
    },
  ) {
    super(problem.message);
    this.name = "UnreadableSheetError";
  }
}

// Excel writes ";" between cells where the decimal mark is a comma (most of Europe), and tabs for "Text".
const OTHER_SEPARATORS = [
  { separator: ";", name: '";"', what: 'a European Excel\'s "CSV (Comma delimited)"' },
  { separator: "\t", name: "tabs", what: 'Excel\'s "Text (Tab delimited)" or "Unicode Text"' },
];

/** Throws UnreadableSheetError when the header's names are separated by ";" or tabs rather than commas. */
function checkSeparator(header: string[], known: string[]): void {
  const named = header.filter((name) => known.includes(name)).length;
  const line = header.join(",");
  for (const { separator, name, what } of OTHER_SEPARATORS) {
    const split = line.split(separator).filter((cell) => known.includes(cell.trim())).length;
    if (split < 2 || split <= named) continue;
    throw new UnreadableSheetError({
      row: 1,
      column: null,
      value: null,
      message: `this file uses ${name} between cells, not commas (as ${what} writes it), so none of its columns can be read`,
      fix: 'save it again with Excel\'s "CSV UTF-8 (Comma delimited)", or LibreOffice\'s Text CSV with "," as the field delimiter',
    });
  }
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
