import type { SheetName } from "../../core/sheet-columns.ts";

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
