import type { Lang } from "./view-state.ts";

// What a date field shows and reads. The browser's own date control writes its format in the browser's language
// (mm/dd/yyyy in an English Chromium, whatever the page's language); this field follows the page: year-month-day in
// the UI's digits (Arabic-Indic in Arabic), and it reads either digit set and "-", "/" or "." between the parts.

const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/** `text` with Arabic-Indic (and Persian) digits as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= EXTENDED_ARABIC_INDIC_ZERO ? c - EXTENDED_ARABIC_INDIC_ZERO : c - ARABIC_INDIC_ZERO);
  });
}

/** `text` with its ASCII digits in the language's digits. */
export function localDigits(text: string, lang: Lang): string {
  if (lang !== "ar") return text;
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(ARABIC_INDIC_ZERO + Number(d)));
}

/** An ISO day ("2022-01-20") as the field shows it in `lang`; "" for none. */
export function showDate(iso: string | null, lang: Lang): string {
  return iso === null ? "" : localDigits(iso, lang);
}

/** What a field's text means: no date (empty), a day, or text that is not (yet) one. */
export type ReadDate = { kind: "empty" } | { kind: "day"; iso: string } | { kind: "invalid" };

/**
 * Reads a year-month-day the reader typed, in either digit set, with "-", "/" or "." between the parts; a day
 * that does not exist (2022-02-30) is invalid.
 * @example readDate("٢٠٢٢/١/٥") // { kind: "day", iso: "2022-01-05" }
 */
export function readDate(text: string): ReadDate {
  const t = asciiDigits(text).trim();
  if (t === "") return { kind: "empty" };
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (!m) return { kind: "invalid" };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { kind: "invalid" };
  }
  return { kind: "day", iso: date.toISOString().slice(0, 10) };
}
