import { dayNumberToIsoDay, isoDayToDayNumber } from "./day-number.ts";

/**
 * Timeline binning: incident counts per day, month or year, chosen from the span shown.
 *
 * Decision (issue #5 left it open): an incident whose span covers several bins (a month- or year-precise
 * date, or a date range) is counted in EVERY bin it overlaps. That is the date filter's own rule — a brush
 * over a bin keeps every incident counted in it — so a bar's height is what a brush on that bar would keep.
 * The sum of the bars can therefore exceed the number of incidents; `contained` says how much of each bar
 * is incidents lying wholly inside the bin (drawn solid), the rest (`counts − contained`) are spans that
 * only pass through it (drawn as spans, lighter).
 */

export type TimelineStep = "day" | "month" | "year";

/** Inclusive range of day numbers (days since 1970). */
export interface DayRange {
  start: number;
  end: number;
}

export interface TimelineBins {
  step: TimelineStep;
  /** Bin k covers days [edges[k], edges[k + 1]); `edges.length` is the number of bins + 1. */
  edges: Int32Array;
  /** Incidents overlapping bin k. */
  counts: Uint32Array;
  /** Of those, incidents whose whole span lies inside bin k. */
  contained: Uint32Array;
  /** Largest count, for scaling bars (0 when empty). */
  max: number;
}

/** The timeline's bars, and the incidents spanning several bars when few enough to draw one by one. */
export interface TimelineAnswer extends TimelineBins {
  /** Positions of the incidents whose span crosses a bar's edge, when at most `TIMELINE_LIMITS.spanLines`; else empty. */
  spans: Uint32Array;
}

/** Bars per step before the next coarser step is used (supercluster-style defaults table). */
export const TIMELINE_LIMITS = {
  day: 120, // up to four months of days: still readable bars on a phone
  month: 180, // up to fifteen years of months
  spanLines: 60, // more spans than this are a blur: the bars' lighter part says it instead
} as const;

/**
 * The step for a span: days up to 120 days, months up to 15 years, years beyond.
 * @example chooseStep({ start: 0, end: 30 }) // "day"
 */
export function chooseStep(range: DayRange): TimelineStep {
  const days = range.end - range.start + 1;
  if (days <= TIMELINE_LIMITS.day) return "day";
  const a = dayNumberToIsoDay(range.start);
  const b = dayNumberToIsoDay(range.end);
  const months =
    (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7)) + 1;
  return months <= TIMELINE_LIMITS.month ? "month" : "year";
}

/** First day of the bin containing `day`. */
export function binStartOf(day: number, step: TimelineStep): number {
  if (step === "day") return day;
  const iso = dayNumberToIsoDay(day);
  return isoDayToDayNumber(step === "month" ? `${iso.slice(0, 7)}-01` : `${iso.slice(0, 4)}-01-01`);
}

/** First day of the bin after the one starting at `binStart`. */
function nextBinStart(binStart: number, step: TimelineStep): number {
  if (step === "day") return binStart + 1;
  const iso = dayNumberToIsoDay(binStart);
  let year = Number(iso.slice(0, 4));
  let month = Number(iso.slice(5, 7));
  if (step === "year") return Date.UTC(year + 1, 0, 1) / 86_400_000;
  month += 1;
  if (month > 12) {
    month = 1;
    year += 1;
  }
  return Date.UTC(year, month - 1, 1) / 86_400_000;
}

/** Bin edges covering `range` with whole bins of `step`. */
export function binEdges(range: DayRange, step: TimelineStep): Int32Array {
  const edges = [binStartOf(range.start, step)];
  while ((edges[edges.length - 1] as number) <= range.end) {
    edges.push(nextBinStart(edges[edges.length - 1] as number, step));
  }
  return Int32Array.from(edges);
}

/** Index of the bin containing `day`, clamped to the first/last bin. */
export function binIndexOf(edges: Int32Array, day: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((edges[mid] as number) <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The bin of each day from the first edge to the last: one lookup per incident instead of two binary searches,
 * the difference that matters when the timeline bins a million incidents on every filter change.
 */
function dayToBin(edges: Int32Array): Int32Array {
  const first = edges[0] as number;
  const bins = edges.length - 1;
  const table = new Int32Array(Math.max(0, (edges[bins] as number) - first));
  for (let b = 0; b < bins; b++)
    table.fill(b, (edges[b] as number) - first, (edges[b + 1] as number) - first);
  return table;
}

/**
 * Counts the incidents `visible` (feature indexes) per bin over `range`. `columns` is the incident index
 * (its dayStart/dayEnd by feature index). O(visible · log bins), no allocation per incident.
 * @example binIncidents(index, store.visible.value, { start: index.minDay, end: index.maxDay })
 */
export function binIncidents(
  columns: { dayStart: Int32Array; dayEnd: Int32Array },
  visible: Uint32Array,
  range: DayRange,
  step: TimelineStep = chooseStep(range),
): TimelineBins {
  const edges = binEdges(range, step);
  const bins = edges.length - 1;
  // Difference array: +1 at the first bin of a span, −1 after its last, then a running sum.
  const diff = new Int32Array(bins + 1);
  const contained = new Uint32Array(bins);
  const first = edges[0] as number;
  const last = (edges[bins] as number) - 1;
  const binOfDay = dayToBin(edges);
  const { dayStart, dayEnd } = columns;
  for (let k = 0; k < visible.length; k++) {
    const i = visible[k] as number;
    const s = dayStart[i] as number;
    const e = dayEnd[i] as number;
    if (e < first || s > last) continue;
    const b0 = binOfDay[Math.max(s, first) - first] as number;
    const b1 = binOfDay[Math.min(e, last) - first] as number;
    diff[b0] = (diff[b0] as number) + 1;
    diff[b1 + 1] = (diff[b1 + 1] as number) - 1;
    if (b0 === b1 && s >= (edges[b0] as number) && e < (edges[b0 + 1] as number)) {
      contained[b0] = (contained[b0] as number) + 1;
    }
  }
  const counts = new Uint32Array(bins);
  let running = 0;
  let max = 0;
  for (let b = 0; b < bins; b++) {
    running += diff[b] as number;
    counts[b] = running;
    if (running > max) max = running;
  }
  return { step, edges, counts, contained, max };
}

/**
 * The bars of `positions` over `range`, and those of them whose span crosses a bar's edge, when there are at
 * most `spanLimit` (an empty list when more: the scan stops at the first one too many).
 */
export function timelineOf(
  columns: { dayStart: Int32Array; dayEnd: Int32Array },
  positions: Uint32Array,
  range: DayRange,
  spanLimit: number = TIMELINE_LIMITS.spanLines,
): TimelineAnswer {
  const bins = binIncidents(columns, positions, range);
  const { edges } = bins;
  const first = edges[0] as number;
  const last = (edges[edges.length - 1] as number) - 1;
  const binOfDay = dayToBin(edges);
  // Days outside the edges fall in the first or last bin, as binIndexOf clamps them.
  const binOf = (day: number) => binOfDay[Math.min(Math.max(day, first), last) - first] as number;
  const found: number[] = [];
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k] as number;
    if (binOf(columns.dayStart[i] as number) === binOf(columns.dayEnd[i] as number)) continue;
    found.push(i);
    if (found.length > spanLimit) return { ...bins, spans: new Uint32Array(0) };
  }
  return { ...bins, spans: Uint32Array.from(found) };
}

/** The inclusive day range of bins k0..k1. */
export function binRange(edges: Int32Array, k0: number, k1: number): DayRange {
  const last = edges.length - 2;
  const a = Math.max(0, Math.min(k0, k1, last));
  const b = Math.min(last, Math.max(k0, k1, 0));
  return { start: edges[a] as number, end: (edges[b + 1] as number) - 1 };
}

/**
 * The play button's next brush: the window moved forward by one bin, keeping its width in bins.
 * No window yet: the first bin. Returns null when the window already touches the last bin (play stops).
 * @example nextPlayWindow(bins.edges, { start: jan1, end: mar31 }) // Feb 1 – Apr 30 with month bins
 */
export function nextPlayWindow(edges: Int32Array, current: DayRange | null): DayRange | null {
  const bins = edges.length - 1;
  if (bins <= 0) return null;
  if (current === null) return binRange(edges, 0, 0);
  const k0 = binIndexOf(edges, current.start);
  const k1 = binIndexOf(edges, current.end);
  if (k1 >= bins - 1) return null;
  return binRange(edges, k0 + 1, k1 + 1);
}

/** ISO day range of a DayRange, for Filters.from/to. */
export function dayRangeToIso(range: DayRange): { from: string; to: string } {
  return { from: dayNumberToIsoDay(range.start), to: dayNumberToIsoDay(range.end) };
}
