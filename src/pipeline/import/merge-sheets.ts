import Papa from "papaparse";
import { SHEET_COLUMNS, type SheetName } from "../../core/sheet-columns.ts";
import type { Row } from "./catalog.ts";

const BOM = "\uFEFF";

/** A sheet as its header and rows of cells, with how its text was written (kept when written back). */
export interface ParsedSheet {
  header: string[];
  rows: string[][];
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
    return { header: [...SHEET_COLUMNS[file]], rows: [], bom: text === undefined, newline: "\n" };
  }
  const parsed = Papa.parse<string[]>(clean, { delimiter: ",", skipEmptyLines: false });
  const rows = parsed.data;
  while (rows.length > 0 && isBlank(rows.at(-1) as string[])) rows.pop();
  const [header = [], ...data] = rows;
  return { header, rows: data, bom, newline: clean.includes("\r\n") ? "\r\n" : "\n" };
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
        changes.changed.push(id);
      }
    }
  }
  return changes;
}

/** The sheet's text, written as it was read (BOM, line ending), quoting only the cells that need it. */
export function writeSheet(sheet: ParsedSheet): string {
  const text = Papa.unparse([sheet.header, ...sheet.rows], { newline: sheet.newline, quotes: false });
  return `${sheet.bom ? BOM : ""}${text}${sheet.newline}`;
}

/** The rows of a sheet as column → cell. */
export function sheetRecords(sheet: ParsedSheet): Row[] {
  return sheet.rows.map((cells) => Object.fromEntries(sheet.header.map((c, i) => [c, cells[i] ?? ""])));
}

function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === "");
}
