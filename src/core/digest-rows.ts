/**
 * The digest's list rows, found in its JSON text without parsing them. Rows are most of the digest (two titles
 * and two place names per incident), and the loading worker would only parse them to write each back as text
 * for the page, which reads a row when the list shows it. So the worker parses the digest with the rows array
 * cut out, and hands the page the row text and where each row is: at 100k incidents this takes the parse and
 * re-encoding of ~20 MB of rows off the first render.
 */

import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COMMA, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from "./json-chars.ts";

/** A digest's JSON text with its list rows cut out unparsed. */
export interface DigestWithRowText {
  /** JSON.parse of the digest with its rows array replaced by `[]`. */
  value: unknown;
  /** The text of the rows array, brackets included; row i is text.slice(starts[i], ends[i]). */
  text: string;
  starts: Uint32Array;
  ends: Uint32Array;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Whether the character at `at` is escaped (preceded by an odd number of backslashes). */
function escaped(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && text.charCodeAt(k) === BACKSLASH) k--;
  return (at - 1 - k) % 2 === 1;
}

/** Index just past the string that opens at `at` (a quote), or -1 when it never closes. */
function skipString(text: string, at: number): number {
  let q = text.indexOf('"', at + 1);
  while (q >= 0 && escaped(text, q)) q = text.indexOf('"', q + 1);
  return q < 0 ? -1 : q + 1;
}

/**
 * Parses a digest's text with its top-level `rows` array cut out, and says where each row is in the cut text.
 * The writer puts `rows` last, so the key is looked for from the end; whatever is found is checked by parsing
 * the rest, whose own `rows` must then be the empty array left in their place. Returns null when the text is
 * not shaped so (no such key, a row that is not an array, unbalanced brackets, the rest not JSON): the caller
 * then parses it whole. The rows' own JSON is checked when each is read.
 */
export function parseDigestWithoutRows(text: string): DigestWithRowText | null {
  const key = text.lastIndexOf('"rows"');
  if (key < 0 || escaped(text, key)) return null;
  let open = key + 6;
  while (isSpace(text.charCodeAt(open))) open++;
  if (text[open] !== ":") return null;
  open++;
  while (isSpace(text.charCodeAt(open))) open++;
  const rows = cutRows(text, open);
  if (!rows) return null;
  let value: unknown;
  try {
    value = JSON.parse(`${text.slice(0, open)}[]${text.slice(open + rows.text.length)}`);
  } catch {
    return null;
  }
  const cut = (value as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(cut) || cut.length !== 0) return null;
  return { value, ...rows };
}

/** The rows array opening at `open`: its text and each row's extent in it. */
function cutRows(text: string, open: number): Omit<DigestWithRowText, "value"> | null {
  if (text.charCodeAt(open) !== OPEN_ARRAY) return null;
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 1;
  let k = open + 1;
  while (k < text.length) {
    const code = text.charCodeAt(k);
    if (depth === 1) {
      // Between rows: only commas and spaces, a row (an array), or the end of the rows.
      if (code === CLOSE_ARRAY) {
        return {
          text: text.slice(open, k + 1),
          starts: Uint32Array.from(starts),
          ends: Uint32Array.from(ends),
        };
      }
      if (code === OPEN_ARRAY) {
        starts.push(k - open);
        depth = 2;
      } else if (code !== COMMA && !isSpace(code)) return null;
      k++;
      continue;
    }
    if (code === QUOTE) {
      k = skipString(text, k);
      if (k < 0) return null;
      continue;
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth++;
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--;
      if (depth === 1) ends.push(k + 1 - open);
    }
    k++;
  }
  return null;
}
