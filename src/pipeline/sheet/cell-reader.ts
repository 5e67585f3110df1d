import { type PartialDate, parsePartialDate } from "../../core/dates.ts";
import { isFormulaCell, withoutFormulaGuard } from "../../core/formula-cells.ts";
import type { DatePrecision } from "../../core/incident.ts";
import { isSlug, toSlug } from "../../core/slug.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { Sheet, SheetRow } from "./read-sheet.ts";
import type { ProblemLog } from "./row-error.ts";

const DATE_SHAPES = "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)";
const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/g;
const LIST_SEPARATOR = ";";
const DATE_CACHE_SIZE = 50_000;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const WHOLE = /^\d+$/;
// C0 and C1 controls and DEL, but not the tab and line breaks a cell may hold.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const HIDDEN_ALL = new RegExp(HIDDEN.source, "g");

/**
 * Reads typed values out of the cells of one row and reports what cannot be read. Every method returns a usable
 * value or null and never throws; the row's `ok` flag turns false once anything was reported as an error.
 * One reader is reused for all rows of a sheet (`at(row)`), which keeps the per-row cost to plain lookups.
 */
export class CellReader {
  ok = true;
  row: SheetRow = { row: 0, cells: [] };

  /**
   * Column name → position, as a plain object made once per sheet: where `raw` is inlined with a literal column
   * name, this is a fixed-offset property load, where a Map would hash and probe ~25 times per row.
   */
  private readonly position: Readonly<Record<string, number | undefined>>;

  constructor(
    readonly sheet: Sheet,
    readonly log: ProblemLog,
  ) {
    // Keys are documented column names (see readSheet) and so are the literals `raw` is called with: no lookup
    // can reach an Object.prototype member.
    this.position = Object.fromEntries(sheet.columns);
  }

  // Sheets repeat the same few thousand dates; each distinct one is parsed once (bounded for hostile input).
  private readonly dates = new Map<string, PartialDate>();

  private parseDate(raw: string): PartialDate {
    let parsed = this.dates.get(raw);
    if (parsed === undefined) {
      parsed = parsePartialDate(raw);
      if (this.dates.size >= DATE_CACHE_SIZE) this.dates.clear();
      // Dates are short, so the key is a copy, not a view into the parsed chunk (see detach-string.ts).
      if (raw.length <= 10) this.dates.set(raw, parsed);
    }
    return parsed;
  }

  at(row: SheetRow): this {
    this.row = row;
    this.ok = true;
    return this;
  }

  /** The cell as entered (free text is kept byte-exact); "" for a column the header lacks. */
  raw(column: string): string {
    const i = this.position[column];
    return i === undefined ? "" : (this.row.cells[i] as string);
  }

  error(column: string | null, value: string | null, message: string, fix: string): void {
    this.ok = false;
    this.log.error(this.sheet.file, this.row.row, column, value, message, fix);
  }

  warn(column: string | null, value: string | null, message: string, fix: string): void {
    this.log.warn(this.sheet.file, this.row.row, column, value, message, fix);
  }

  /** A required free-text cell; empty is an error unless the whole column is missing (reported once). */
  text(column: string): string {
    const v = this.raw(column);
    if (v.trim() === "" && !this.sheet.missing.has(column)) {
      this.error(column, null, `the cell is empty, but ${column} is required`, `fill in ${column}`);
    }
    return this.published(column, v);
  }

  /** An optional free-text cell, as published ("" when empty). */
  optionalText(column: string): string {
    return this.published(column, this.raw(column));
  }

  /**
   * Free text as it is published: kept as typed, except that the sheet export's guard before a formula-like cell
   * is dropped (see core/formula-cells.ts) and invisible control characters are left out, with a warning. A cell a
   * spreadsheet would run as a formula is kept, with a warning.
   */
  private published(column: string, typed: string): string {
    let text = withoutFormulaGuard(typed);
    if (HIDDEN.test(text)) {
      const found = [...new Set(text.match(HIDDEN_ALL))].map(codePoint).join(", ");
      this.warn(
        column,
        typed,
        `holds a control character (${found}) that no reader can see; it is left out of the map and its files`,
        "delete it (text pasted from a PDF or another program often brings one along)",
      );
      text = text.replace(HIDDEN_ALL, "");
    }
    if (text.includes("\ufffd")) {
      this.warn(
        column,
        typed,
        'holds "�" (U+FFFD), the mark for a letter lost when the text was once saved in the wrong encoding',
        "type the text again from its source",
      );
    }
    if (isFormulaCell(text)) {
      this.warn(
        column,
        typed,
        `starts with ${JSON.stringify(text[0])}, so a spreadsheet opening the sheet or an export of it could run it as a formula`,
        "reword it to start with a letter, a digit or a quotation mark (the app's CSV export puts a ' before such a cell)",
      );
    }
    return text;
  }

  /** A required trimmed code-like cell (ids, vocabulary words, numbers); null when empty. */
  code(column: string): string | null {
    const v = this.raw(column).trim();
    if (v === "") {
      if (!this.sheet.missing.has(column)) {
        this.error(column, null, `the cell is empty, but ${column} is required`, `fill in ${column}`);
      }
      return null;
    }
    return v;
  }

  slug(column: string): string | null {
    const v = this.code(column);
    if (v === null) return null;
    if (!isSlug(v)) {
      const suggestion = toSlug(v);
      this.error(
        column,
        v,
        "is not a valid id (lowercase a-z, 0-9 and single hyphens)",
        suggestion ? `write it as "${suggestion}"` : "use lowercase Latin letters, digits and hyphens",
      );
      return null;
    }
    return v;
  }

  /** A reference to an id of another sheet; null when empty, malformed or unknown. */
  ref(
    column: string,
    ids: ReadonlySet<string> | ReadonlyMap<string, unknown>,
    target: string,
  ): string | null {
    const v = this.code(column);
    return v === null ? null : this.resolve(column, v, ids, target);
  }

  /**
   * Like `ref`, for a map that holds every id: the id's value in one lookup, where `ref` and then `get` would
   * look twice (this runs for each claim against a map of a million incidents). Undefined when empty or unknown.
   */
  refValue<V>(column: string, values: ReadonlyMap<string, V>, target: string): V | undefined {
    const v = this.code(column);
    if (v === null) return undefined;
    const found = values.get(v);
    if (found === undefined) this.resolve(column, v, values, target);
    return found;
  }

  /** `;`-separated references; empty is fine. */
  refList(column: string, ids: ReadonlySet<string> | ReadonlyMap<string, unknown>, target: string): string[] {
    const v = this.raw(column).trim();
    if (v === "") return [];
    const out: string[] = [];
    for (const part of v.split(LIST_SEPARATOR)) {
      const id = part.trim();
      if (id === "") continue;
      const ok = this.resolve(column, id, ids, target);
      if (ok !== null && !out.includes(ok)) out.push(ok);
    }
    return out;
  }

  private resolve(
    column: string,
    id: string,
    ids: ReadonlySet<string> | ReadonlyMap<string, unknown>,
    target: string,
  ): string | null {
    if (ids.has(id)) return id;
    const guess = didYouMean(id, ids.keys());
    this.error(
      column,
      id,
      `is not an id in ${target}`,
      guess
        ? `did you mean "${guess}"? Otherwise add a row with this id to ${target}`
        : `add a row with this id to ${target}, or correct the id`,
    );
    return null;
  }

  /** `;`-separated free values (aliases); empty parts dropped. */
  list(column: string): string[] {
    const v = this.optionalText(column);
    if (v.trim() === "") return [];
    return v
      .split(LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }

  /** A required word from a vocabulary. */
  oneOf<T extends string>(column: string, vocabulary: readonly T[], what: string): T | null {
    const v = this.code(column);
    if (v === null) return null;
    // The vocabulary's own string: later lookups keyed by it hash and compare faster than a fresh cell.
    const i = (vocabulary as readonly string[]).indexOf(v);
    if (i !== -1) return vocabulary[i] as T;
    const guess = didYouMean(v, vocabulary);
    this.error(
      column,
      v,
      `is not ${what}`,
      `${guess ? `did you mean "${guess}"? Otherwise use` : "use"} one of: ${vocabulary.join(", ")}`,
    );
    return null;
  }

  /** A decimal number; `required` false lets empty cells through as null. */
  number(column: string, required: boolean): number | null {
    const v = required ? this.code(column) : this.raw(column).trim();
    if (v === null || v === "") return null;
    // Most cells are plain ASCII numbers: read them without building a normalised copy.
    if (DECIMAL.test(v)) return this.finite(column, v, Number(v));
    const normalised = v.replace(ARABIC_INDIC, arabicDigit).replace("\u066b", ".");
    if (!DECIMAL.test(normalised)) {
      this.error(
        column,
        v,
        "is not a number",
        /^\d+,\d+$/.test(v)
          ? `use a dot for decimals: ${v.replace(",", ".")}`
          : "write a plain decimal number like 36.4752",
      );
      return null;
    }
    return this.finite(column, v, Number(normalised));
  }

  /** `n` when it is a usable number; a cell too long for one (it would be published as null) is an error. */
  private finite(column: string, v: string, n: number): number | null {
    if (Number.isFinite(n)) return n;
    this.error(
      column,
      v,
      `is too large a number (${v.replace(/^[+-]/, "").split(".")[0]?.length ?? 0} digits before the point)`,
      "check the cell: a stray paste or a key held down?",
    );
    return null;
  }

  /** A claimed figure: empty, or a non-negative whole number. Arabic-Indic digits (٣٠٠) are read as 300. */
  figure(column: string): number | null {
    const v = this.raw(column).trim();
    if (v === "") return null;
    if (WHOLE.test(v)) return this.countable(column, v, Number(v));
    const normalised = v.replace(ARABIC_INDIC, arabicDigit);
    if (!WHOLE.test(normalised)) {
      let fix =
        "write a whole number of people (0 or more), or leave the cell empty when the claim gives none";
      if (/^\d{1,3}([,.\u066c]\d{3})+$/.test(normalised))
        fix = `write it without separators: ${normalised.replace(/[,.\u066c]/g, "")}`;
      else if (/\d/.test(normalised) && !/^-/.test(normalised)) {
        fix = `${fix}; put ranges and words like "at least" in claim_en / claim_ar and the lowest figure here`;
      }
      this.error(column, v, "is not a non-negative whole number", fix);
      return null;
    }
    return this.countable(column, v, Number(normalised));
  }

  /** `n` when JSON and the app can carry it exactly (up to 2^53 − 1); a longer figure is an error. */
  private countable(column: string, v: string, n: number): number | null {
    if (Number.isSafeInteger(n)) return n;
    this.error(
      column,
      v,
      "is too large a number of people to be true or to be stored exactly",
      "check the cell: a stray paste or a key held down?",
    );
    return null;
  }

  /**
   * A date at the given precision; returns the full days it covers, or null after reporting the problem.
   * `precision` null (itself invalid) skips the precision check.
   */
  date(
    column: string,
    raw: string,
    precision: DatePrecision | null,
    today: string,
  ): { start: string; end: string } | null {
    const parsed = this.parseDate(raw);
    if (!parsed.ok) {
      this.error(
        column,
        raw,
        parsed.problem === "shape" ? DATE_SHAPES : `${DATE_SHAPES}: ${parsed.detail}`,
        parsed.problem === "shape"
          ? "write year-month-day with hyphens, e.g. 2022-01-20, 2022-01 or 2022"
          : "check the month and the day",
      );
      return null;
    }
    if (precision !== null && parsed.precision !== precision) {
      const precisionColumn = column === "published" ? "published_precision" : "date_precision";
      this.error(
        column,
        raw,
        `is a ${parsed.precision}-precise date, but ${precisionColumn} is "${precision}"`,
        `write it as ${SHAPE_OF[precision]} or set ${precisionColumn} to ${parsed.precision}`,
      );
      return null;
    }
    if (parsed.start > today) {
      this.error(column, raw, `is in the future (today is ${today})`, "check the year and the month");
      return null;
    }
    // The remembered object: the same date text gives the same object, a cheap key for shared fragments.
    return parsed;
  }
}

const SHAPE_OF: Record<DatePrecision, string> = { day: "YYYY-MM-DD", month: "YYYY-MM", year: "YYYY" };

function arabicDigit(d: string): string {
  const c = d.charCodeAt(0);
  return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
}

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
