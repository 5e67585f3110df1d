import Papa from "papaparse";
import { didYouMean } from "./did-you-mean";
import type { ProblemLog } from "./row-error";
import { SHEET_COLUMNS, type SheetFile } from "./sheet-columns";

/** A parsed sheet: the header's column positions and the data rows with their spreadsheet row numbers. */
export interface Sheet {
  file: SheetFile;
  /** Column name → position in `cells`; documented columns only. */
  columns: Map<string, number>;
  /** Required columns the header lacks (their cells read as empty and are not reported row by row). */
  missing: Set<string>;
  rows: SheetRow[];
}

export interface SheetRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
}

const QUOTE_FIX = 'close the quote, and write a quote inside a quoted cell as two quotes ("")';

/**
 * Parses one sheet with PapaParse (UTF-8 text, with or without BOM, LF or CRLF) and checks its structure:
 * required and unknown columns, unclosed quotes, rows with too few or too many cells. Rows with a structural
 * problem are reported and left out of `rows`, so later stages never see a shifted cell.
 * @example readSheet("actors.csv", "id,name_en\r\nsdf,SDF\r\n", log).rows // [{ row: 2, cells: ["sdf", "SDF"] }]
 */
export function readSheet(file: SheetFile, text: string, log: ProblemLog): Sheet {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, delimiter: ",", skipEmptyLines: false });
  const records = parsed.data;
  // PapaParse lists quote problems apart from the rows; they are reported in row order with the ragged rows below.
  const parseErrors = new Map<number, { message: string; fix: string }>();
  for (const e of parsed.errors) {
    const index = e.row ?? 0;
    if (parseErrors.has(index)) continue;
    if (e.code === "MissingQuotes") {
      parseErrors.set(index, { message: 'has a quote (") that is opened and never closed', fix: QUOTE_FIX });
    } else if (e.code === "InvalidQuotes") {
      parseErrors.set(index, {
        message: 'has a quote (") in the middle of an unquoted cell',
        fix: QUOTE_FIX,
      });
    } else {
      parseErrors.set(index, {
        message: `cannot be read as CSV (${e.message})`,
        fix: "check the row in a text editor",
      });
    }
  }
  const logParseError = (index: number) => {
    const e = parseErrors.get(index);
    if (e) log.error(file, index + 1, null, null, e.message, e.fix);
    return e !== undefined;
  };
  logParseError(0);

  const header = (records[0] ?? []).map((h) => h.trim());
  const spec = SHEET_COLUMNS[file];
  const known = [...spec.required, ...spec.optional];
  const columns = new Map<string, number>();
  header.forEach((name, i) => {
    if (known.includes(name)) {
      if (columns.has(name)) {
        log.error(
          file,
          1,
          name,
          null,
          `column "${name}" appears twice in the header`,
          "delete one of the two columns",
        );
      } else columns.set(name, i);
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
  const missing = new Set<string>();
  for (const name of spec.required) {
    if (!columns.has(name)) {
      missing.add(name);
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

  const rows: SheetRow[] = [];
  const width = header.length;
  const last = records.length - 1;
  for (let i = 1; i <= last; i++) {
    const cells = records[i] as string[];
    if (logParseError(i)) continue;
    if (cells.length !== width) {
      // A bare newline at the end of the file is not a row.
      if (cells.length === 1 && cells[0] === "") {
        if (i !== last) {
          log.warn(file, i + 1, null, null, "is empty and is ignored", "delete the empty row");
        }
        continue;
      }
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
      continue;
    }
    if (isBlank(cells)) {
      log.warn(file, i + 1, null, null, "is empty and is ignored", "delete the empty row");
      continue;
    }
    rows.push({ row: i + 1, cells });
  }
  return { file, columns, missing, rows };
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== "") return false;
  return true;
}
