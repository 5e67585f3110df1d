/**
 * Dates as whole days since 1970-01-01 (UTC), the numeric form used for fast comparisons and typed arrays.
 * Parsed by hand from "YYYY-MM-DD": `new Date("YYYY-MM-DD")` would depend on the local time zone in places.
 * @example isoDayToDayNumber("1970-01-02") // 1
 */
export function isoDayToDayNumber(isoDay: string): number {
  const year = Number(isoDay.slice(0, 4));
  const month = Number(isoDay.slice(5, 7));
  const day = Number(isoDay.slice(8, 10));
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

const ZERO = 48;

/** isoDayToDayNumber without slicing the string, for a loop over every incident (the table writer's). */
export function isoDayToDayNumberUnsliced(iso: string): number {
  if (iso.length !== 10) return isoDayToDayNumber(iso);
  const year =
    (iso.charCodeAt(0) - ZERO) * 1000 +
    (iso.charCodeAt(1) - ZERO) * 100 +
    (iso.charCodeAt(2) - ZERO) * 10 +
    (iso.charCodeAt(3) - ZERO);
  const month = (iso.charCodeAt(5) - ZERO) * 10 + (iso.charCodeAt(6) - ZERO);
  const day = (iso.charCodeAt(8) - ZERO) * 10 + (iso.charCodeAt(9) - ZERO);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Inverse of isoDayToDayNumber. @example dayNumberToIsoDay(1) // "1970-01-02" */
export function dayNumberToIsoDay(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}
