import { isFormulaCell, withoutFormulaGuard } from "../../core/formula-cells.ts";
import type { CellReader } from "./cell-reader.ts";

// C0 and C1 controls and DEL, but not the tab and line breaks a cell may hold.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const HIDDEN_ALL = new RegExp(HIDDEN.source, "g");

/**
 * Free text as it is published: kept as typed, except that the sheet export's guard before a formula-like cell
 * is dropped (see core/formula-cells.ts) and invisible control characters are left out, with a warning. A cell a
 * spreadsheet would run as a formula is kept, with a warning.
 */
export function publishedText(reader: CellReader, column: string, typed: string): string {
  let text = withoutFormulaGuard(typed);
  if (HIDDEN.test(text)) {
    const found = [...new Set(text.match(HIDDEN_ALL))].map(codePoint).join(", ");
    reader.warn(
      column,
      typed,
      `holds a control character (${found}) that no reader can see; it is left out of the map and its files`,
      "delete it (text pasted from a PDF or another program often brings one along)",
    );
    text = text.replace(HIDDEN_ALL, "");
  }
  if (text.includes("\ufffd")) {
    reader.warn(
      column,
      typed,
      'holds "�" (U+FFFD), the mark for a letter lost when the text was once saved in the wrong encoding',
      "type the text again from its source",
    );
  }
  if (isFormulaCell(text)) {
    reader.warn(
      column,
      typed,
      `starts with ${JSON.stringify(text[0])}, so a spreadsheet opening the sheet or an export of it could run it as a formula`,
      "reword it to start with a letter, a digit or a quotation mark (the app's CSV export puts a ' before such a cell)",
    );
  }
  return text;
}

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
