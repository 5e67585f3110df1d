import { REQUIRED_COLUMNS, SHEET_COLUMNS, type SheetName } from "../../core/sheet-columns.ts";

/** The five sheet files, in the order they are checked (referenced sheets before the ones that point at them). */
export const SHEET_FILES = [
  "places.csv",
  "actors.csv",
  "sources.csv",
  "incidents.csv",
  "claims.csv",
] as const satisfies readonly SheetName[];

/** What a sheet's header is checked against: the columns it must have, and the documented others it may have. */
export interface SheetSpec {
  required: readonly string[];
  optional: readonly string[];
}

/** A sheet's spec, from core/sheet-columns.ts (the columns of data/README.md). */
export function sheetSpec(file: SheetName): SheetSpec {
  const required = REQUIRED_COLUMNS[file];
  return { required, optional: SHEET_COLUMNS[file].filter((c) => !required.includes(c)) };
}
