import type { DatePrecision } from "../../core/incident.ts";
import { isSlug, toSlug } from "../../core/slug.ts";
import { DateCache, readDate } from "./cell-dates.ts";
import { readFigure, readNumber } from "./cell-numbers.ts";
import { didYouMean } from "./did-you-mean.ts";
import { publishedText } from "./published-text.ts";
import type { Sheet, SheetRow } from "./read-sheet.ts";
import type { ProblemLog } from "./row-error.ts";

const LIST_SEPARATOR = ";";

/**
 * Reads typed values out of the cells of one row and reports what cannot be read. Every method returns a usable
 * value or null and never throws; the row's `ok` flag turns false once anything was reported as an error.
 * One reader is reused for all rows of a sheet (`at(row)`), which keeps the per-row cost to plain lookups.
 */
export class CellReader {
  ok = true;
  row: SheetRow = { row: 0, cells: [] };
  /** The sheet's dates, each distinct text parsed once. */
  readonly dates = new DateCache();

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
    return publishedText(this, column, v);
  }

  /** An optional free-text cell, as published ("" when empty). */
  optionalText(column: string): string {
    return publishedText(this, column, this.raw(column));
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
    return readNumber(this, column, required);
  }

  /** A claimed figure: empty, or a non-negative whole number. Arabic-Indic digits (٣٠٠) are read as 300. */
  figure(column: string): number | null {
    return readFigure(this, column);
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
    return readDate(this, column, raw, precision, today);
  }
}
