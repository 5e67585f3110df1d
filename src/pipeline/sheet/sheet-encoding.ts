// Which bytes a sheet file holds, before anything reads it as text: the pipeline reads UTF-8 only, and a file in
// another encoding would otherwise be decoded with U+FFFD in place of every Arabic letter, and published so.
// Pure (no Node import): the CLI calls it on a file's bytes, the browser's sheet check on a dropped file's.

/** Why a sheet's bytes are not UTF-8 text, addressed like a RowError (the header is row 1). */
export interface EncodingProblem {
  /** What the bytes most likely are. */
  encoding: "utf-16le" | "utf-16be" | "windows-1256" | "other";
  /** Offset of the first byte that is not UTF-8 (0 for UTF-16). */
  offset: number;
  /** The spreadsheet row holding that byte. */
  row: number;
  /** The header's name of the column holding it, when the header could be read. */
  column: string | null;
  /** The cell around the byte as the likely encoding reads it (U+FFFD where even that fails), or null. */
  value: string | null;
  message: string;
  fix: string;
}

/** Thrown by a sheet's text source when its bytes are not UTF-8; the reader reports it as one error. */
export class SheetEncodingError extends Error {
  constructor(readonly problem: EncodingProblem) {
    super(problem.message);
    this.name = "SheetEncodingError";
  }
}

export const SAVE_AS_UTF8 =
  'open it in Excel and use File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)" (in LibreOffice: Save As › Text CSV, character set "Unicode (UTF-8)"), then replace the file';

// Bytes that Windows-1256 maps to Arabic letters: a run of them that is not UTF-8 is an Arabic Excel's CSV.
const ARABIC_1256 = /[\u0621-\u064a]/;
const MAX_VALUE_BYTES = 120;

/**
 * The first reason `bytes` (a whole sheet file, or its start) are not UTF-8 text, or null when they are.
 * A UTF-16 file (byte order mark, or a NUL after every ASCII letter) is named as such on row 1; otherwise the
 * first byte that breaks UTF-8 is named with its row and column, and the cell as Windows-1256 would read it when
 * that gives Arabic. `final` false: the bytes stop early, and a character cut at their end is not a problem.
 * @example diagnoseSheetBytes(new Uint8Array([0xff, 0xfe, 0x69, 0])) // { encoding: "utf-16le", row: 1, … }
 */
export function diagnoseSheetBytes(bytes: Uint8Array, final = true): EncodingProblem | null {
  const utf16 = utf16Order(bytes);
  if (utf16 !== null) {
    return {
      encoding: utf16,
      offset: 0,
      row: 1,
      column: null,
      value: null,
      message: `is saved as UTF-16 (${utf16 === "utf-16le" ? "little" : "big"}-endian, "Unicode Text"), not UTF-8, so none of its columns can be read`,
      fix: SAVE_AS_UTF8,
    };
  }
  const bad = firstInvalidUtf8(bytes, final);
  if (bad === -1) return null;
  const at = locate(bytes, bad);
  const as1256 = decodeOrNull("windows-1256", at.cell);
  const arabic = as1256 !== null && ARABIC_1256.test(as1256);
  const hex = `0x${(bytes[bad] as number).toString(16).toUpperCase().padStart(2, "0")}`;
  return {
    encoding: arabic ? "windows-1256" : "other",
    offset: bad,
    row: at.row,
    column: at.column,
    value: arabic ? as1256 : new TextDecoder().decode(at.cell),
    message: arabic
      ? `is not UTF-8 text: byte ${hex} (file offset ${bad}) and the rest of this cell read as Arabic in Windows-1256, the encoding an Arabic Excel uses for "CSV (Comma delimited)", so every Arabic letter would be published as "�"`
      : `is not UTF-8 text: byte ${hex} at file offset ${bad} is not UTF-8 (the file was saved in another encoding), so the text around it would be published as "�"`,
    fix: SAVE_AS_UTF8,
  };
}

/**
 * The sheet's bytes as text, or a SheetEncodingError naming the first problem (see diagnoseSheetBytes).
 * @example decodeSheetBytes(new TextEncoder().encode("id\nx\n")) // "id\nx\n"
 */
export function decodeSheetBytes(bytes: Uint8Array): string {
  const problem = diagnoseSheetBytes(bytes);
  if (problem) throw new SheetEncodingError(problem);
  // ignoreBOM keeps a BOM in the text, as Node's readers do (readSheet drops it).
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

function utf16Order(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return "utf-16le";
  if (b0 === 0xfe && b1 === 0xff) return "utf-16be";
  // Without a byte order mark: an ASCII header ("id,…") has a NUL in every other byte.
  if (bytes.length >= 4 && b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return "utf-16le";
  if (bytes.length >= 4 && b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return "utf-16be";
  return null;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array, final = true): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return final ? i : -1;
      const c = bytes[i + k] as number;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The spreadsheet row holding the byte at `offset` (the header is row 1; a quoted line break stays in its row). */
export function rowOfByte(bytes: Uint8Array, offset: number): number {
  return locate(bytes, offset).row;
}

/** Row, column name and cell bytes at `offset`, reading quotes as CSV does (a quoted line break stays in its row). */
function locate(bytes: Uint8Array, offset: number): { row: number; column: string | null; cell: Uint8Array } {
  let row = 1;
  let col = 0;
  let cellStart = 0;
  let quoted = false;
  const header: string[] = [];
  const endCell = (end: number) => {
    if (row === 1) header.push(unquote(new TextDecoder().decode(bytes.subarray(cellStart, end)).trim()));
  };
  for (let i = 0; i < offset; i++) {
    const b = bytes[i] as number;
    if (b === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (b === 0x2c) {
      endCell(i);
      col++;
      cellStart = i + 1;
    } else if (b === 0x0a || b === 0x0d) {
      endCell(i);
      if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
      row++;
      col = 0;
      cellStart = i + 1;
    }
  }
  let end = offset;
  while (end < bytes.length && end - cellStart < MAX_VALUE_BYTES) {
    const b = bytes[end] as number;
    if (!quoted && (b === 0x2c || b === 0x0a || b === 0x0d)) break;
    if (b === 0x22) quoted = !quoted;
    end++;
  }
  const cell = bytes.subarray(Math.max(cellStart, offset - MAX_VALUE_BYTES), end);
  const column = row === 1 ? null : header[col]?.trim() || null;
  return { row, column, cell: stripQuotes(cell) };
}

function unquote(cell: string): string {
  return cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
}

function stripQuotes(cell: Uint8Array): Uint8Array {
  const last = cell.length - 1;
  if (last >= 1 && cell[0] === 0x22 && cell[last] === 0x22) return cell.subarray(1, last);
  return cell[0] === 0x22 ? cell.subarray(1) : cell;
}

function decodeOrNull(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return null; // a runtime without this encoding's tables
  }
}
