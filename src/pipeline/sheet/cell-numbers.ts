import type { CellReader } from "./cell-reader.ts";

/** Numbers in cells: decimals (coordinates, radii) and claimed figures, Arabic-Indic digits read as digits. */

const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/g;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const WHOLE = /^\d+$/;

/** A decimal number; `required` false lets empty cells through as null. */
export function readNumber(reader: CellReader, column: string, required: boolean): number | null {
  const v = required ? reader.code(column) : reader.raw(column).trim();
  if (v === null || v === "") return null;
  // Most cells are plain ASCII numbers: read them without building a normalised copy.
  if (DECIMAL.test(v)) return finite(reader, column, v, Number(v));
  const normalised = v.replace(ARABIC_INDIC, arabicDigit).replace("\u066b", ".");
  if (!DECIMAL.test(normalised)) {
    reader.error(
      column,
      v,
      "is not a number",
      /^\d+,\d+$/.test(v)
        ? `use a dot for decimals: ${v.replace(",", ".")}`
        : "write a plain decimal number like 36.4752",
    );
    return null;
  }
  return finite(reader, column, v, Number(normalised));
}

/** `n` when it is a usable number; a cell too long for one (it would be published as null) is an error. */
function finite(reader: CellReader, column: string, v: string, n: number): number | null {
  if (Number.isFinite(n)) return n;
  reader.error(
    column,
    v,
    `is too large a number (${v.replace(/^[+-]/, "").split(".")[0]?.length ?? 0} digits before the point)`,
    "check the cell: a stray paste or a key held down?",
  );
  return null;
}

/** A claimed figure: empty, or a non-negative whole number. Arabic-Indic digits (٣٠٠) are read as 300. */
export function readFigure(reader: CellReader, column: string): number | null {
  const v = reader.raw(column).trim();
  if (v === "") return null;
  if (WHOLE.test(v)) return countable(reader, column, v, Number(v));
  const normalised = v.replace(ARABIC_INDIC, arabicDigit);
  if (!WHOLE.test(normalised)) {
    let fix = "write a whole number of people (0 or more), or leave the cell empty when the claim gives none";
    if (/^\d{1,3}([,.\u066c]\d{3})+$/.test(normalised))
      fix = `write it without separators: ${normalised.replace(/[,.\u066c]/g, "")}`;
    else if (/\d/.test(normalised) && !/^-/.test(normalised)) {
      fix = `${fix}; put ranges and words like "at least" in claim_en / claim_ar and the lowest figure here`;
    }
    reader.error(column, v, "is not a non-negative whole number", fix);
    return null;
  }
  return countable(reader, column, v, Number(normalised));
}

/** `n` when JSON and the app can carry it exactly (up to 2^53 − 1); a longer figure is an error. */
function countable(reader: CellReader, column: string, v: string, n: number): number | null {
  if (Number.isSafeInteger(n)) return n;
  reader.error(
    column,
    v,
    "is too large a number of people to be true or to be stored exactly",
    "check the cell: a stray paste or a key held down?",
  );
  return null;
}

function arabicDigit(d: string): string {
  const c = d.charCodeAt(0);
  return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
}
