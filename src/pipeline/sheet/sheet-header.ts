import { didYouMean } from "./did-you-mean.ts";
import type { ProblemLog } from "./row-error.ts";
import type { Sheet } from "./sheet.ts";
import { sheetSpec } from "./sheet-columns.ts";

/**
 * Reads a sheet's header into `sheet` (column positions, required columns missing) and reports its problems:
 * duplicate, unnamed, unknown and missing columns. Returns the header's width. `checkSeparators`: throw
 * UnreadableSheetError when the names are separated by ";" or tabs (only where the header is the text's own).
 */
export function readSheetHeader(
  sheet: Sheet,
  cells: string[],
  log: ProblemLog,
  checkSeparators: boolean,
): number {
  const file = sheet.file;
  const spec = sheetSpec(file);
  const header = cells.map((h) => h.trim());
  const known = [...spec.required, ...spec.optional];
  if (checkSeparators) checkSeparator(header, known);
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
  return header.length;
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
