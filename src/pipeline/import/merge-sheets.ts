import Papa from "papaparse";
import { SHEET_COLUMNS, type SheetName } from "../../core/sheet-columns.ts";
import type { Row } from "./catalog.ts";

const BOM = "\uFEFF";

/** A sheet as its header and rows of cells, with how its text was written (kept when written back). */
export interface ParsedSheet {
  header: string[];
  rows: string[][];
  /**
   * Each record's text as it stands in the file (header first), null once the record is changed: an untouched row
   * is written back byte for byte, quotes the writer would not need included.
   */
  raw: (string | null)[];
  bom: boolean;
  newline: "\n" | "\r\n";
}

/** What a merge did to one sheet, by row id. */
export interface SheetChanges {
  added: string[];
  changed: string[];
  unchanged: string[];
  /** Rows with the id of a row the import makes, which it does not own and so left as they were. */
  kept: string[];
  /** Row numbers (header = 1) of the added rows, by id. */
  rowOf: Map<string, number>;
}

/** Reads a sheet's text (empty or missing: the documented header and no rows). */
export function parseSheet(file: SheetName, text: string | undefined): ParsedSheet {
  const body = text ?? "";
  const bom = body.startsWith(BOM);
  const clean = bom ? body.slice(1) : body;
  if (clean.trim() === "") {
    return {
      header: [...SHEET_COLUMNS[file]],
      rows: [],
      raw: [null],
      bom: text === undefined,
      newline: "\n",
    };
  }
  const parsed = Papa.parse<string[]>(clean, { delimiter: ",", skipEmptyLines: false });
  const rows = parsed.data;
  while (rows.length > 0 && isBlank(rows.at(-1) as string[])) rows.pop();
  const records = splitRecords(clean);
  // A file Papa splits otherwise (a stray quote) is written from its cells only.
  const raw = records.length >= rows.length ? records.slice(0, rows.length) : rows.map(() => null);
  const [header = [], ...data] = rows;
  return { header, rows: data, raw, bom, newline: clean.includes("\r\n") ? "\r\n" : "\n" };
}

/**
 * Merges rows into a sheet by id. A row whose id is new is appended; an existing row is replaced only when
 * `owns(id)` (rows the importer made on an earlier run) and its cells differ; any other row is never touched.
 * Columns the sheet lacks but the rows need are added to its header (empty for the rows already there).
 */
export function mergeRows(
  file: SheetName,
  sheet: ParsedSheet,
  incoming: readonly Row[],
  owns: (id: string) => boolean,
): SheetChanges {
  const changes: SheetChanges = { added: [], changed: [], unchanged: [], kept: [], rowOf: new Map() };
  for (const column of SHEET_COLUMNS[file]) {
    if (sheet.header.includes(column)) continue;
    if (!incoming.some((row) => (row[column] ?? "") !== "")) continue;
    sheet.header.push(column);
    for (const row of sheet.rows) row.push("");
    sheet.raw.fill(null);
  }
  const idAt = sheet.header.indexOf("id");
  const indexOf = new Map<string, number>();
  sheet.rows.forEach((row, i) => {
    const id = (row[idAt] ?? "").trim();
    if (id !== "" && !indexOf.has(id)) indexOf.set(id, i);
  });
  for (const row of incoming) {
    const id = row.id as string;
    const cells = sheet.header.map((column) => row[column] ?? "");
    const at = indexOf.get(id);
    if (at === undefined) {
      indexOf.set(id, sheet.rows.length);
      sheet.rows.push(cells);
      sheet.raw.push(null);
      changes.added.push(id);
      changes.rowOf.set(id, sheet.rows.length + 1);
    } else if (!owns(id)) {
      changes.kept.push(id);
    } else {
      const old = sheet.rows[at] as string[];
      // Columns the importer does not write (a maintainer's own) keep their cells.
      const next = sheet.header.map((column, i) => (column in row ? (cells[i] as string) : (old[i] ?? "")));
      if (next.every((cell, i) => cell === old[i])) changes.unchanged.push(id);
      else {
        sheet.rows[at] = next;
        sheet.raw[at + 1] = null;
        changes.changed.push(id);
      }
    }
  }
  return changes;
}

/**
 * The sheet's text, written as it was read (BOM, line ending), quoting only the cells that need it by the rule
 * Papa.unparse follows (a quote, comma or line break inside, or a space at either end), so a sheet written by hand
 * or by the export comes back byte for byte; done here because Papa.unparse costs more than the whole import.
 */
export function writeSheet(sheet: ParsedSheet): string {
  const parts: string[] = [sheet.bom ? BOM : ""];
  const all = [sheet.header, ...sheet.rows];
  for (let r = 0; r < all.length; r++) {
    const kept = sheet.raw[r];
    if (kept !== null && kept !== undefined) {
      parts.push(kept, sheet.newline);
      continue;
    }
    const row = all[r] as string[];
    let line = "";
    for (let i = 0; i < row.length; i++) {
      if (i > 0) line += ",";
      line += csvCell(row[i] as string);
    }
    parts.push(line, sheet.newline);
  }
  return parts.join("");
}

const NEEDS_QUOTES = /[",\r\n]|^ | $/;

function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The rows of a sheet as column → cell. */
export function sheetRecords(sheet: ParsedSheet): Row[] {
  return sheet.rows.map((cells) => Object.fromEntries(sheet.header.map((c, i) => [c, cells[i] ?? ""])));
}

/** The text of each record, without its line ending: lines split where a line break is outside quotes. */
function splitRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) {
      records.push(text.slice(start, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === "");
}
