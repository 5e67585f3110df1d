import type { DatePrecision, LocationPrecision } from "../../core/incident.ts";

/**
 * How each dataset's location and date precision codes become the sheet's columns. The reasons for each radius
 * are in data/README.md ("Importing UCDP GED and ACLED"); a code mapped to null is skipped with a report, never
 * drawn as a point it is not.
 */
export interface PlacePrecision {
  location_precision: LocationPrecision;
  radius_km: number;
  /** places.csv `kind` for a place the importer has to create. */
  kind: string;
}

/** UCDP GED `where_prec` 1–7. */
export const UCDP_WHERE_PREC: Readonly<Record<string, PlacePrecision | null>> = {
  "1": { location_precision: "village", radius_km: 2, kind: "area" }, // the named village or town itself
  "2": { location_precision: "district", radius_km: 25, kind: "area" }, // "around" a named place
  "3": { location_precision: "district", radius_km: 40, kind: "district" }, // ADM2 centroid
  "4": { location_precision: "governorate", radius_km: 100, kind: "area" }, // ADM1 centroid
  "5": { location_precision: "governorate", radius_km: 150, kind: "area" }, // part of the country, a road, a river
  "6": null, // the country only: its centroid is no place
  "7": null, // international waters or airspace
};

/** ACLED `geo_precision` 1–3. */
export const ACLED_GEO_PRECISION: Readonly<Record<string, PlacePrecision | null>> = {
  "1": { location_precision: "village", radius_km: 2, kind: "area" }, // the named town or village
  "2": { location_precision: "district", radius_km: 15, kind: "area" }, // near a town, or a small part of a region
  "3": { location_precision: "governorate", radius_km: 100, kind: "area" }, // a larger region or its capital
};

/** A dated span in the sheet's terms. */
export interface SheetDate {
  date_start: string;
  date_end: string;
  date_precision: DatePrecision;
}

/**
 * UCDP `date_prec` 1–5 with its `date_start`/`date_end` (both YYYY-MM-DD): UCDP already gives the window the event
 * lies in, so days are kept as a range; codes 4 (month) and 5 (year) become a month or year date when the window is
 * that calendar month or year, else they stay the range of days.
 */
export function ucdpDate(code: string, start: string, end: string): SheetDate | null {
  if (!/^[1-5]$/.test(code)) return null;
  const days: SheetDate = { date_start: start, date_end: end === start ? "" : end, date_precision: "day" };
  if (code === "4" && start.slice(0, 7) === end.slice(0, 7) && start.endsWith("-01") && isMonthEnd(end)) {
    return { date_start: start.slice(0, 7), date_end: "", date_precision: "month" };
  }
  if (
    code === "5" &&
    start.slice(0, 4) === end.slice(0, 4) &&
    start.endsWith("-01-01") &&
    end.endsWith("-12-31")
  ) {
    return { date_start: start.slice(0, 4), date_end: "", date_precision: "year" };
  }
  return days;
}

/**
 * ACLED `time_precision` 1–3 with its `event_date` (YYYY-MM-DD): 1 is the day; 2 means the week or weekend is known
 * and a day inside it coded, so the sheet gets that day ±3 days (never past `today`); 3 means only the month is
 * known, so the sheet gets the month.
 */
export function acledDate(code: string, day: string, today: string): SheetDate | null {
  if (code === "1") return { date_start: day, date_end: "", date_precision: "day" };
  if (code === "2") {
    const end = addDays(day, 3);
    return {
      date_start: addDays(day, -3),
      date_end: end > today ? today : end,
      date_precision: "day",
    };
  }
  if (code === "3") return { date_start: day.slice(0, 7), date_end: "", date_precision: "month" };
  return null;
}

function isMonthEnd(day: string): boolean {
  return addDays(day, 1).endsWith("-01");
}

// An export's days repeat (a decade is under 4,000 of them): each shift is computed once, bounded for hostile input.
const SHIFTED = new Map<number, Map<string, string>>();
const SHIFTED_MAX = 50_000;

/** `day` (YYYY-MM-DD) moved by `n` days, computed in UTC so no time zone can shift it. */
export function addDays(day: string, n: number): string {
  let byDay = SHIFTED.get(n);
  if (byDay === undefined) {
    byDay = new Map();
    SHIFTED.set(n, byDay);
  }
  let shifted = byDay.get(day);
  if (shifted === undefined) {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    shifted = new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
    if (byDay.size >= SHIFTED_MAX) byDay.clear();
    byDay.set(day, shifted);
  }
  return shifted;
}
