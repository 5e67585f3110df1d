import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { SHEET_FILES } from "../sheet/sheet-columns.ts";
import {
  diagnoseSheetBytes,
  firstInvalidUtf8,
  rowOfByte,
  SheetEncodingError,
} from "../sheet/sheet-encoding.ts";
import type { SheetParts } from "../stages/read-sheets.ts";

// Sheets are read in parts of this size: big enough that PapaParse's per-call cost vanishes, small enough that
// a 1M-row sheet never sits in memory as one string (≈ 400 MB once Arabic makes it two bytes per character), that
// the rows Papa returns for one part die young (large parts kept many rows alive across scavenges: more GC), and
// that a part's text (up to two bytes a character) stays under V8's large-object size, below which it is made and
// freed in the young generation rather than piling up in the old one. The size was chosen by an A/B benchmark of
// the check at 1M rows (figures in CHANGELOG.md).
const READ_CHUNK_BYTES = 24 << 10;

/** Like readSheets, but each file is read part by part as the pipeline consumes it. */
export function streamSheets(dir: string): SheetParts {
  const sheets: SheetParts = {};
  for (const file of SHEET_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) sheets[file] = { [Symbol.iterator]: () => readTextParts(path) };
  }
  return sheets;
}

/**
 * The UTF-8 file as text parts; a character cut between two reads is completed by the decoder. From byte `from`
 * (a character boundary) up to the byte `until` gives: asked again whenever reading gets there, it may move on.
 */
export function* readTextParts(
  path: string,
  from = 0,
  until: (at: number) => number = () => Number.POSITIVE_INFINITY,
): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    // Node's own decoder: a BOM stays in the text, as with readFileSync (readSheet drops it); much cheaper per
    // call than TextDecoder in Node 20.
    const decoder = new StringDecoder("utf8");
    let at = from;
    let clean = from; // the bytes from `from` to here are known to be UTF-8
    let end = until(at);
    for (;;) {
      if (at >= end) end = until(at);
      if (at >= end) break;
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (n === 0) break;
      at += n;
      const part = decoder.write(buffer.subarray(0, n));
      if (suspect(part, from === 0 && at === n)) clean = checkBytes(fd, from, clean, at, false);
      yield part;
    }
    const rest = decoder.end();
    if (rest !== "" && suspect(rest, false)) checkBytes(fd, from, clean, at, true);
    if (rest !== "") yield rest;
  } finally {
    closeSync(fd);
  }
}

// The decoder writes U+FFFD for bytes that are not UTF-8, and a UTF-16 file starts with NULs: only then are the
// bytes read again and checked (a sheet may also hold a U+FFFD typed as such, which is valid UTF-8).
function suspect(part: string, first: boolean): boolean {
  return part.includes("\ufffd") || (first && part.includes("\0"));
}

/**
 * Throws SheetEncodingError when the file's bytes up to `end` are not UTF-8 (rows counted from its start); else
 * returns how far they are known to be (a character cut at `end` is checked with the next part).
 */
function checkBytes(fd: number, from: number, clean: number, end: number, final: boolean): number {
  const tail = readBytes(fd, clean, end);
  if (clean === 0) {
    // The file's start: also where a UTF-16 file shows.
    const problem = diagnoseSheetBytes(tail, final);
    if (problem) throw new SheetEncodingError(problem);
  }
  const bad = firstInvalidUtf8(tail, final);
  if (bad === -1) {
    let boundary = tail.length;
    while (boundary > 0 && boundary > tail.length - 4 && ((tail[boundary - 1] as number) & 0xc0) === 0x80)
      boundary--;
    if (boundary > 0 && (tail[boundary - 1] as number) >= 0xc0) boundary--;
    return clean + boundary;
  }
  const bytes = readBytes(fd, 0, clean + bad + 1024);
  const problem = diagnoseSheetBytes(bytes, true);
  if (problem === null) return clean;
  // A stretch read on its own numbers its rows as if it came right after the header (see incident-part.ts).
  if (from > 0) problem.row -= rowOfByte(bytes, from) - 2;
  throw new SheetEncodingError(problem);
}

function readBytes(fd: number, from: number, end: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(end - from);
  let got = 0;
  while (got < bytes.length) {
    const n = readSync(fd, bytes, got, bytes.length - got, from + got);
    if (n === 0) break;
    got += n;
  }
  return bytes.subarray(0, got);
}
