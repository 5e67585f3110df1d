import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { SheetName } from "../../../src/core/sheet-columns.ts";
import type { SheetTexts } from "../../../src/pipeline/index.ts";
import { loadReference } from "../../../src/pipeline/node/load.ts";
import { SHEET_FILES } from "../../../src/pipeline/sheet/sheet-columns.ts";

/** Fixed "today" for fixtures, so a date that is valid now does not turn into a future date later. */
export const TODAY = "2026-01-15";

export const FIXTURES = join(import.meta.dirname, "../../fixtures");
export const SHEETS_DIR = join(FIXTURES, "sheets");
export const BASE_CASE = "valid-minimal";

export const reference = loadReference();

/**
 * The sheets of a fixture case: its own CSV files laid over valid-minimal's, so each case holds only the
 * files it changes (ten-mistakes holds all five, to be runnable with the CLI as is).
 */
export function caseSheets(name: string): SheetTexts {
  const sheets: SheetTexts = {};
  for (const file of SHEET_FILES) {
    const own = join(SHEETS_DIR, name, file);
    const path = existsSync(own) ? own : join(SHEETS_DIR, BASE_CASE, file);
    sheets[file] = readFileSync(path, "utf8");
  }
  return sheets;
}

/** Like caseSheets, but each file's bytes as they are on disk (so a file that is not UTF-8 stays so). */
export function caseBytes(name: string): Partial<Record<SheetName, Uint8Array>> {
  const sheets: Partial<Record<SheetName, Uint8Array>> = {};
  for (const file of SHEET_FILES) {
    const own = join(SHEETS_DIR, name, file);
    sheets[file] = new Uint8Array(readFileSync(existsSync(own) ? own : join(SHEETS_DIR, BASE_CASE, file)));
  }
  return sheets;
}

export function caseNames(): string[] {
  return readdirSync(SHEETS_DIR).sort();
}

/** The valid sheets with one cell changed; `row` is the spreadsheet row (header = 1). */
export function withCell(
  file: SheetName,
  row: number,
  column: string,
  value: string,
  base = caseSheets(BASE_CASE),
) {
  const records = Papa.parse<string[]>(base[file] ?? "", { skipEmptyLines: true }).data;
  const header = records[0] ?? [];
  const col = header.indexOf(column);
  const target = records[row - 1];
  if (col < 0 || !target) throw new Error(`fixture has no ${file} row ${row} column ${column}`);
  target[col] = value;
  return { ...base, [file]: `${Papa.unparse(records, { newline: "\n" })}\n` };
}

/** The text cut at the given positions (a big file arrives in parts that end anywhere, even inside a quote). */
export function cutText(text: string, positions: number[]): string[] {
  const at = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const p of at) {
    parts.push(text.slice(from, p));
    from = p;
  }
  parts.push(text.slice(from));
  return parts;
}
