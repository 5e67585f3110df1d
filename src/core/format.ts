/**
 * Words for dates, places and figures in the active language. Pure: Intl only, no DOM.
 * Date-only values are built with Date.UTC and formatted in UTC, so the reader's time zone never shifts a day.
 */

import { ar } from "../i18n/ar.ts";
import type { Messages } from "../i18n/en.ts";
import { en } from "../i18n/en.ts";
import type {
  Bilingual,
  ClaimRef,
  DatePrecision,
  IncidentProperties,
  LocationPrecision,
} from "./incident.ts";
import type { Lang } from "./view-state.ts";

/**
 * The catalogues' words for dates, places and figures. Read directly (not through i18n/messages.ts, which
 * re-exports the formatter that imports this file).
 */
const WORDS: Record<Lang, Messages> = { en, ar };

/** The Intl locale for each UI language. ar-SY: Levantine month names and Arabic-Indic digits, as read in Syria. */
export const LOCALES: Record<Lang, string> = { en: "en-GB", ar: "ar-SY" };

/** Text in the requested language, or in the other one when the requested is missing (`fallback` says so). */
export interface LocalText {
  text: string;
  lang: Lang;
  fallback: boolean;
}

/**
 * Picks `lang` from a bilingual text; an empty translation falls back to the other language.
 * @example pickText({ en: "Raid", ar: "" }, "ar") // { text: "Raid", lang: "en", fallback: true }
 */
export function pickText(text: Bilingual, lang: Lang): LocalText {
  const wanted = text[lang].trim();
  if (wanted !== "") return { text: wanted, lang, fallback: false };
  const other: Lang = lang === "en" ? "ar" : "en";
  const alt = text[other].trim();
  return alt === "" ? { text: "", lang, fallback: false } : { text: alt, lang: other, fallback: true };
}

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD" → UTC Date of its first day, parsed by hand (never `new Date(string)`). */
function utcDay(iso: string): Date {
  const year = Number(iso.slice(0, 4));
  const month = iso.length >= 7 ? Number(iso.slice(5, 7)) : 1;
  const day = iso.length >= 10 ? Number(iso.slice(8, 10)) : 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/** Date styles at each precision: "long" for a panel ("20 January 2022"), "short" for rows ("20 Jan 2022"). */
export type DateStyle = "long" | "short";

const DATE_OPTIONS: Record<DateStyle, Record<DatePrecision, Intl.DateTimeFormatOptions>> = {
  long: {
    day: { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
    month: { month: "long", year: "numeric", timeZone: "UTC" },
    year: { year: "numeric", timeZone: "UTC" },
  },
  short: {
    day: { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" },
    month: { month: "short", year: "numeric", timeZone: "UTC" },
    year: { year: "numeric", timeZone: "UTC" },
  },
};

// Creating an Intl formatter costs far more than formatting with one (tens of µs against one): the list formats
// a date per row on every filter change, the filter bar one per source, so each formatter is made once.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const numberFormatters = new Map<Lang, Intl.NumberFormat>();

/** The shared formatter of dates at `precision` in `style`, in the language's locale (UTC). */
export function dateFormatter(
  precision: DatePrecision,
  lang: Lang,
  style: DateStyle = "long",
): Intl.DateTimeFormat {
  const key = `${style}:${lang}:${precision}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[lang], DATE_OPTIONS[style][precision]);
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Makes the formatters the first render uses. The first Intl formatter of a locale loads its ICU data, which
 * takes a while; called while the data downloads, that is not part of the first render.
 */
export function warmFormatters(lang: Lang): void {
  numberFormatter(lang);
  for (const precision of ["day", "month", "year"] as const) dateFormatter(precision, lang, "short");
}

/** The shared formatter of numbers in the language's digits. */
export function numberFormatter(lang: Lang): Intl.NumberFormat {
  let formatter = numberFormatters.get(lang);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[lang]);
    numberFormatters.set(lang, formatter);
  }
  return formatter;
}

/** Same day, month or year at the given precision. */
function samePeriod(a: string, b: string, precision: DatePrecision): boolean {
  const length = precision === "day" ? 10 : precision === "month" ? 7 : 4;
  return a.slice(0, length) === b.slice(0, length);
}

/**
 * Intl puts thin spaces around a range dash, and their kind varies between ICU versions: use plain spaces, and
 * none between two numbers ("20–30"), as in print.
 */
function tidyRange(text: string): string {
  return text.replace(/[\u2009\u202f]/g, " ").replace(/(\p{Nd})\s*–\s*(\p{Nd})/gu, "$1–$2");
}

/**
 * A date or date span in words, at its precision.
 * @example formatDateSpan("2022-01-20", "2022-01-30", "day", "en") // "20–30 January 2022"
 * @example formatDateSpan("2025-04-01", "2025-04-30", "month", "en") // "April 2025 (month only)"
 */
export function formatDateSpan(start: string, end: string, precision: DatePrecision, lang: Lang): string {
  const format = dateFormatter(precision, lang);
  const words = samePeriod(start, end, precision)
    ? format.format(utcDay(start))
    : tidyRange(format.formatRange(utcDay(start), utcDay(end)));
  return precision === "day" ? words : `${words} (${WORDS[lang].datePrecision[precision]})`;
}

/** The incident's date in words. */
export function formatIncidentDate(incident: IncidentProperties, lang: Lang): string {
  return formatDateSpan(incident.date_start, incident.date_end, incident.date_precision, lang);
}

/** A source's publication date at its own precision, without a precision note ("25 January 2022", "April 2025"). */
export function formatPublished(published: string, precision: DatePrecision, lang: Lang): string {
  return dateFormatter(precision, lang).format(utcDay(published));
}

/** A compact date for list rows ("20 Jan 2022", "Apr 2025", "2023"). */
export function formatShortDate(
  incident: Pick<IncidentProperties, "date_start" | "date_precision">,
  lang: Lang,
): string {
  return dateFormatter(incident.date_precision, lang, "short").format(utcDay(incident.date_start));
}

/** A number in the active locale's digits. */
export function formatFigure(value: number, lang: Lang): string {
  return numberFormatter(lang).format(value);
}

/**
 * How exactly the incident's point is known, with its uncertainty radius.
 * @example formatLocationPrecision("village", 5, "en") // "village, within ~5 km"
 */
export function formatLocationPrecision(precision: LocationPrecision, radiusKm: number, lang: Lang): string {
  const words = WORDS[lang].locationPrecision;
  if (precision === "exact" || radiusKm <= 0) return words[precision];
  return words.withinRadius
    .replace("{place}", words[precision])
    .replace("{radius}", formatFigure(radiusKm, lang));
}

/** True when the map should mark the incident as approximate (a ring, and an uncertainty circle when zoomed in). */
export function isApproximate(
  incident: Pick<IncidentProperties, "location_precision" | "radius_km">,
): boolean {
  return incident.location_precision !== "exact" && incident.radius_km > 0;
}

/**
 * The figures a claim gives, in words; empty when it gives none. Arabic uses "label: number" to avoid
 * number–noun agreement rules.
 * @example formatClaimFigures({ killed: 3, injured: 9, captured: null }, "en") // "3 killed, 9 injured"
 */
export function formatClaimFigures(
  claim: Pick<ClaimRef, "killed" | "injured" | "captured">,
  lang: Lang,
): string {
  const parts: string[] = [];
  for (const key of ["killed", "injured", "captured"] as const) {
    const value = claim[key];
    if (value !== null) parts.push(WORDS[lang].figures[key].replace("{n}", formatFigure(value, lang)));
  }
  return parts.join(WORDS[lang].listSeparator);
}

/** Claims grouped by claimant, in order of first appearance. */
export function groupClaimsByClaimant(
  claims: readonly ClaimRef[],
): { claimant: ClaimRef["claimant"]; claims: ClaimRef[] }[] {
  const groups = new Map<string, { claimant: ClaimRef["claimant"]; claims: ClaimRef[] }>();
  for (const claim of claims) {
    const group = groups.get(claim.claimant.id);
    if (group) group.claims.push(claim);
    else groups.set(claim.claimant.id, { claimant: claim.claimant, claims: [claim] });
  }
  return [...groups.values()];
}
