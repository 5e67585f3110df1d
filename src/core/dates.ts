import type { DatePrecision } from "./incident.ts";

/**
 * Date-only values as "YYYY", "YYYY-MM" or "YYYY-MM-DD" strings. They are compared as strings and never go through
 * `new Date("YYYY-MM-DD")`, which parses as UTC midnight and shows the previous day west of Greenwich.
 */

/** The result of reading a partial date: its precision and the first and last full day it may mean. */
export type PartialDate =
  | { ok: true; precision: DatePrecision; start: string; end: string }
  | { ok: false; problem: "shape" | "month" | "day"; detail: string };

const SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of the proleptic Gregorian calendar. @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads a partial date and expands it to the full days it covers.
 * @example parsePartialDate("2022-02") // { ok: true, precision: "month", start: "2022-02-01", end: "2022-02-28" }
 * @example parsePartialDate("2022-13-01") // { ok: false, problem: "month", detail: "there is no month 13" }
 */
export function parsePartialDate(raw: string): PartialDate {
  const m = SHAPE.exec(raw);
  if (!m) return { ok: false, problem: "shape", detail: "" };
  const y = m[1] as string;
  const year = Number(y);
  if (m[2] === undefined) return { ok: true, precision: "year", start: `${y}-01-01`, end: `${y}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, problem: "month", detail: `there is no month ${m[2]}` };
  const last = daysInMonth(year, month);
  if (m[3] === undefined) {
    return { ok: true, precision: "month", start: `${y}-${m[2]}-01`, end: `${y}-${m[2]}-${last}` };
  }
  const day = Number(m[3]);
  if (day < 1 || day > last) {
    return { ok: false, problem: "day", detail: `${y}-${m[2]} has ${last} days` };
  }
  const iso = `${y}-${m[2]}-${m[3]}`;
  return { ok: true, precision: "day", start: iso, end: iso };
}

/** The precision a well-shaped date string has, by its shape alone. @example precisionOfShape("2022-01") // "month" */
export function precisionOfShape(raw: string): DatePrecision {
  return raw.length === 4 ? "year" : raw.length === 7 ? "month" : "day";
}

/**
 * Today's calendar date in the machine's time zone, as "YYYY-MM-DD" (not `toISOString()`, which gives the UTC day).
 * Pure code takes "today" as a parameter; only callers read the clock.
 * @example localIsoDay(new Date(2026, 10, 22)) // "2026-11-22"
 */
export function localIsoDay(now: Date): string {
  const mm = String(now.getMonth() + 1).padStart(2, "0");
  const dd = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${mm}-${dd}`;
}
