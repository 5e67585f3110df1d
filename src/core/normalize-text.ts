/**
 * Search normalisation: one function applied to the indexed text and to the query, so both meet in the
 * same form. Readers type Arabic without diacritics and with any alef; they type English in any case and
 * often without accents or transliteration marks ("Ma'dan" / "Madan").
 *
 * Implemented as a per-code-unit lookup table built once, because the index normalises every title,
 * summary, place and actor name at load (hundreds of thousands of strings); `normalize("NFD")` plus
 * regular expressions per string was the slow part of building the index.
 */

const DROP = 0;
const SPACE = 0x20;
/** Code units at and above this are passed through unchanged (CJK, surrogates, private use…). */
const TABLE_SIZE = 0x3000;

/** Explicit folds that Unicode normalisation does not do. */
const ARABIC_FOLDS: Record<number, number> = {
  1600: DROP, // tatweel (kashida), pure stretching
  1609: 0x064a, // alef maqsura ى → yeh ي
  1577: 0x0647, // teh marbuta ة → heh ه
  1649: 0x0627, // alef wasla ٱ → alef ا
  1740: 0x064a, // Farsi yeh ی → yeh ي
  1705: 0x0643, // keheh ک → kaf ك
};

/** Apostrophes and transliteration marks are dropped so "Ja'far", "Jaʿfar" and "Jafar" meet. */
const DROPPED_MARKS = "'`\u2018\u2019\u02bc\u02bb\u02be\u02bf\u00b4";

let foldTable: Uint16Array | null = null;

/** The fold table, built on first use rather than when the module loads (importers that never fold pay nothing). */
function sharedFoldTable(): Uint16Array {
  foldTable ??= buildTable();
  return foldTable;
}

function buildTable(): Uint16Array {
  const t = new Uint16Array(TABLE_SIZE);
  const letterOrDigit = /[\p{L}\p{N}]/u;
  const mark = /\p{M}/gu;
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    const fold = ARABIC_FOLDS[c];
    if (fold !== undefined) {
      t[c] = fold;
    } else if (c >= 0x0660 && c <= 0x0669) {
      t[c] = 0x30 + c - 0x0660; // Arabic-Indic digits → ASCII
    } else if (c >= 0x06f0 && c <= 0x06f9) {
      t[c] = 0x30 + c - 0x06f0; // Extended Arabic-Indic digits → ASCII
    } else if (DROPPED_MARKS.includes(ch)) {
      t[c] = DROP;
    } else {
      // NFD splits أ into ا + hamza above and é into e + acute; dropping the marks unifies أ/إ/آ/ا and strips
      // Latin accents and Arabic diacritics (harakat, shadda, sukun, superscript alef) in one rule.
      const base = ch.normalize("NFD").replace(mark, "");
      if (base === "") {
        t[c] = DROP;
      } else {
        const lower = base.toLowerCase();
        t[c] = letterOrDigit.test(lower) ? lower.charCodeAt(0) : SPACE;
      }
    }
  }
  return t;
}

// Turning the code units back into a string: TextDecoder measured faster than String.fromCharCode.apply here.
const decoder = new TextDecoder("utf-16le");

/**
 * Accumulates folded text in one growing buffer: many fields become one string with a single decode
 * (the search index folds hundreds of thousands of fields; per-field strings were mostly garbage).
 */
export class TextFolder {
  private out = new Uint16Array(1024);
  private table: Uint16Array = sharedFoldTable();
  /** Code units written so far. */
  length = 0;
  /** Where the current record starts (after the last break). */
  private recordStart = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.out.length) return;
    const grown = new Uint16Array(Math.max(this.out.length * 2, this.length + extra));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
  }

  /** Appends `text` folded, separated by one space from folded text before it in the same record. */
  add(text: string): void {
    // Folding never lengthens: at most one space is written per input unit plus one for the field boundary.
    this.reserve(text.length + 1);
    const t = this.table;
    const out = this.out;
    const recordStart = this.recordStart;
    let length = this.length;
    let pendingSpace = length > recordStart; // the boundary between two fields counts as a space
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const m = c < TABLE_SIZE ? (t[c] as number) : c;
      if (m === DROP) continue;
      if (m === SPACE) {
        pendingSpace = length > recordStart;
        continue;
      }
      if (pendingSpace) {
        out[length++] = SPACE;
        pendingSpace = false;
      }
      out[length++] = m;
    }
    this.length = length;
  }

  /**
   * Appends the text of a JSON string's contents (UTF-8 bytes `from`–`to` of `bytes`, between its quotes, escapes
   * as JSON writes them) folded, exactly as `add` folds the string it stands for: the pipeline folds the text it
   * holds as encoded JSON without making a string of it.
   */
  addJsonString(bytes: Uint8Array, from: number, to: number): void {
    // Every code unit takes at least one byte: the reserve of `add` holds here too.
    this.reserve(to - from + 1);
    const t = this.table;
    const out = this.out;
    const recordStart = this.recordStart;
    let length = this.length;
    let pendingSpace = length > recordStart;
    let i = from;
    while (i < to) {
      let c = bytes[i++] as number;
      let low = -1; // the second code unit of a character outside the BMP
      if (c === BACKSLASH) {
        const e = bytes[i++] as number;
        if (e === 0x75) {
          c = Number.parseInt(String.fromCharCode(...bytes.subarray(i, i + 4)), 16);
          i += 4;
        } else {
          c = JSON_ESCAPES[e] ?? e;
        }
      } else if (c >= 0xf0) {
        const point =
          ((c & 0x07) << 18) |
          (((bytes[i] as number) & 0x3f) << 12) |
          (((bytes[i + 1] as number) & 0x3f) << 6) |
          ((bytes[i + 2] as number) & 0x3f);
        i += 3;
        c = 0xd800 + ((point - 0x10000) >> 10);
        low = 0xdc00 + ((point - 0x10000) & 0x3ff);
      } else if (c >= 0xe0) {
        c = ((c & 0x0f) << 12) | (((bytes[i] as number) & 0x3f) << 6) | ((bytes[i + 1] as number) & 0x3f);
        i += 2;
      } else if (c >= 0xc0) {
        c = ((c & 0x1f) << 6) | ((bytes[i] as number) & 0x3f);
        i += 1;
      }
      for (;;) {
        const m = c < TABLE_SIZE ? (t[c] as number) : c;
        if (m === SPACE) {
          pendingSpace = length > recordStart;
        } else if (m !== DROP) {
          if (pendingSpace) {
            out[length++] = SPACE;
            pendingSpace = false;
          }
          out[length++] = m;
        }
        if (low === -1) break;
        c = low;
        low = -1;
      }
    }
    this.length = length;
  }

  /** Ends a record with a line break, which folding never produces: a term can never match across it. */
  addBreak(): void {
    this.reserve(1);
    this.out[this.length++] = BREAK;
    this.recordStart = this.length;
  }

  /** The folded code units so far: a view, valid until the next call (for a reader that splits them in place). */
  units(): Uint16Array {
    return this.out.subarray(0, this.length);
  }

  /** Forgets the folded text (as `take` does, without making a string of it). */
  clear(): void {
    this.length = 0;
    this.recordStart = 0;
  }

  /** The folded text so far; resets the folder. */
  take(): string {
    const text = decoder.decode(this.out.subarray(0, this.length));
    this.length = 0;
    this.recordStart = 0;
    return text;
  }
}

const BACKSLASH = 0x5c;
/** The code unit of each one-letter JSON escape, by the letter's byte (`\\u` is read apart). */
const JSON_ESCAPES: Record<number, number> = { 98: 0x08, 102: 0x0c, 110: 0x0a, 114: 0x0d, 116: 0x09 };

/** Separator between records in a TextFolder (folding maps "\n" in the input to a space, never to this). */
const BREAK = 0x0a;

let shared: TextFolder | null = null;

/**
 * Folds `text` for matching: lowercase, Latin accents and Arabic diacritics and tatweel removed,
 * أ/إ/آ/ٱ → ا, ى → ي, ة → ه, Arabic-Indic digits → 0-9, apostrophes dropped, every run of other
 * punctuation and white space → one space, trimmed.
 * @example normalizeText("  Al-Ḥasakah ") // "al hasakah"
 * @example normalizeText("الحَسَكة") // "الحسكه"
 */
export function normalizeText(text: string): string {
  shared ??= new TextFolder();
  shared.add(text);
  return shared.take();
}

/**
 * The query's search terms: its normalised words. An incident matches when its text contains every term.
 * @example searchTerms("SDF  الرقة") // ["sdf", "الرقه"]
 */
export function searchTerms(query: string): string[] {
  const normal = normalizeText(query);
  return normal === "" ? [] : normal.split(" ");
}
