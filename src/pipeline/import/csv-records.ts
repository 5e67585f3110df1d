import Papa from "papaparse";
import { guessNewline } from "../machinery/guess-newline.ts";

/**
 * CSV a record at a time, for the importer's streams: a sheet or a dataset export arrives in parts (a file read a
 * block at a time, or one string), and is cut into records where a line break stands outside quotes, so no file
 * is ever held whole.
 */

const BOM = "\uFEFF";
const GUESS_WINDOW = 1 << 20;

/** A sheet's records as they stand in its text (line endings left out), and how the text was written. */
export interface RecordStream {
  records: Iterable<string>;
  /** Known once `records` has been read to its end. */
  readonly form: { bom: boolean; crlf: boolean };
}

/**
 * Cuts text that arrives in `parts` into records: a record ends at a line break outside double quotes (\n, \r\n
 * or \r), and a leading byte-order mark is dropped. The last record needs no line break.
 */
export function csvRecords(parts: Iterable<string>): RecordStream {
  const form = { bom: false, crlf: false };
  function* records(): Generator<string> {
    let carry = "";
    let quoted = false;
    let first = true;
    // Where the scan of `carry` resumes: what came before was scanned with the quote state above.
    let scanned = 0;
    // The previous part ended in \r: a \n that starts this one belongs to it.
    let skipLf = false;
    for (let part of parts) {
      if (first && part.length > 0) {
        first = false;
        if (part.startsWith(BOM)) {
          form.bom = true;
          part = part.slice(1);
        }
      }
      if (part.length === 0) continue;
      if (carry.length === 0 && skipLf && part.charCodeAt(0) === 10) {
        form.crlf = true;
        part = part.slice(1);
      }
      skipLf = false;
      const text = carry + part;
      let start = 0;
      for (let i = scanned; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (!quoted && (c === 10 || c === 13)) {
          yield text.slice(start, i);
          if (c === 13) {
            if (i + 1 === text.length) skipLf = true;
            else if (text.charCodeAt(i + 1) === 10) {
              form.crlf = true;
              i++;
            }
          }
          start = i + 1;
        }
      }
      carry = text.slice(start);
      scanned = carry.length;
    }
    if (carry.length > 0) yield carry;
  }
  return { records: records(), form };
}

/** A CSV text's blocks of whole records, and its line ending (known once the first block is out). */
export interface BlockStream {
  blocks: Iterable<string>;
  readonly form: { newline: "\n" | "\r\n" | "\r" };
}

/**
 * Text that arrives in `parts`, cut again into blocks of whole records, so a CSV parser can take one block at a
 * time: each block ends just after a line break outside double quotes (or at the end of the text). The line
 * ending is guessed from the first part as PapaParse guesses it for a whole text, and blocks are cut only at it.
 * A leading byte-order mark is dropped.
 */
export function csvBlocks(parts: Iterable<string>): BlockStream {
  const form: { newline: "\n" | "\r\n" | "\r" } = { newline: "\n" };
  function* blocks(): Generator<string> {
    let carry = "";
    let quoted = false;
    let end = 10;
    const cutAt = function* (part: string): Generator<string> {
      // The quote state at the part's end, and the last line ending outside quotes.
      let cut = -1;
      for (let i = 0; i < part.length; i++) {
        const c = part.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (c === end && !quoted) cut = i;
      }
      if (cut < 0) {
        carry += part;
        return;
      }
      yield carry + part.slice(0, cut + 1);
      carry = part.slice(cut + 1);
    };
    // The line ending is guessed from the text's first megabyte, the window PapaParse guesses from.
    let head: string | null = "";
    for (const part of parts) {
      if (head === null) yield* cutAt(part);
      else {
        head += part;
        if (head.length < GUESS_WINDOW) continue;
        yield* cutAt(start(head));
        head = null;
      }
    }
    if (head !== null && head.length > 0) yield* cutAt(start(head));
    if (carry.length > 0) yield carry;

    function start(text: string): string {
      form.newline = guessNewline(text.startsWith(BOM) ? text.slice(1) : text);
      end = form.newline === "\r" ? 13 : 10;
      return text.startsWith(BOM) ? text.slice(1) : text;
    }
  }
  return { blocks: blocks(), form };
}

/**
 * The cells of one record, as Papa reads them (quotes removed, doubled quotes undone). A record without a quote
 * is only split at its commas, which is what Papa would do, at a fraction of the cost.
 */
export function recordCells(record: string): string[] {
  if (!record.includes('"')) return record.split(",");
  const parsed = Papa.parse<string[]>(record, { delimiter: ",", newline: "\n" });
  return parsed.data[0] ?? [""];
}

/** Whether a record has no cell with anything but spaces (a blank line, or only commas). */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

const NEEDS_QUOTES = /[",\r\n]|^ | $/;

/**
 * A cell as a sheet writes it: quoted only when it needs to be, by the rule Papa.unparse follows (a quote, comma
 * or line break inside, or a space at either end), so a sheet written by hand or by a spreadsheet comes back
 * byte for byte; done here because Papa.unparse costs more than the whole import.
 */
export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record's text from its cells. */
export function csvRecord(cells: readonly string[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ",";
    line += csvCell(cells[i] as string);
  }
  return line;
}
