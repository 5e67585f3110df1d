import { type PartialDate, parsePartialDate } from "../../core/dates.ts";
import type { DatePrecision } from "../../core/incident.ts";
import type { CellReader } from "./cell-reader.ts";

const DATE_SHAPES = "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)";
const DATE_CACHE_SIZE = 50_000;
const SHAPE_OF: Record<DatePrecision, string> = { day: "YYYY-MM-DD", month: "YYYY-MM", year: "YYYY" };

/** Parsed dates by their text: sheets repeat the same few thousand; each distinct one is parsed once (bounded for hostile input). */
export class DateCache {
  private readonly dates = new Map<string, PartialDate>();

  parse(raw: string): PartialDate {
    let parsed = this.dates.get(raw);
    if (parsed === undefined) {
      parsed = parsePartialDate(raw);
      if (this.dates.size >= DATE_CACHE_SIZE) this.dates.clear();
      // Dates are short, so the key is a copy, not a view into the parsed chunk (see detach-string.ts).
      if (raw.length <= 10) this.dates.set(raw, parsed);
    }
    return parsed;
  }
}

/**
 * A date at the given precision; returns the full days it covers, or null after reporting the problem.
 * `precision` null (itself invalid) skips the precision check.
 */
export function readDate(
  reader: CellReader,
  column: string,
  raw: string,
  precision: DatePrecision | null,
  today: string,
): { start: string; end: string } | null {
  const parsed = reader.dates.parse(raw);
  if (!parsed.ok) {
    reader.error(
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
    reader.error(
      column,
      raw,
      `is a ${parsed.precision}-precise date, but ${precisionColumn} is "${precision}"`,
      `write it as ${SHAPE_OF[precision]} or set ${precisionColumn} to ${parsed.precision}`,
    );
    return null;
  }
  if (parsed.start > today) {
    reader.error(column, raw, `is in the future (today is ${today})`, "check the year and the month");
    return null;
  }
  // The remembered object: the same date text gives the same object, a cheap key for shared fragments.
  return parsed;
}
