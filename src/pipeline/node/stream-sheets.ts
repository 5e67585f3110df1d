import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { SheetParts } from "../read-sheets.ts";
import { SHEET_FILES } from "../sheet-columns.ts";

// Sheets are read in parts of this size: big enough that PapaParse's per-call cost vanishes, small enough that
// a 1M-row sheet never sits in memory as one string (≈ 400 MB once Arabic makes it two bytes per character), that
// the rows Papa returns for one part die young (4 MB parts kept ~20k rows alive across scavenges: more GC), and
// that a part's text (up to two bytes a character) stays under V8's 128 kB large-object size, below which it is
// made and freed in the young generation rather than piling up in the old one. At 1M rows on one thread the check
// took 10–15% less time with 24 kB parts than with 128 kB, and a little less than with 12 or 48 kB (A/B, alternating).
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
    let end = until(at);
    for (;;) {
      if (at >= end) end = until(at);
      if (at >= end) break;
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (n === 0) break;
      at += n;
      yield decoder.write(buffer.subarray(0, n));
    }
    const rest = decoder.end();
    if (rest !== "") yield rest;
  } finally {
    closeSync(fd);
  }
}
