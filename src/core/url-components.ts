import { CONTROL_CHARACTERS } from "./url-params.ts";

/** Dropped values are quoted in notices at most this long. */
const NOTICE_VALUE_LENGTH = 60;

/** Percent-decoding that reports failure instead of throwing; `+` is a space, as in HTML forms. */
export function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** Percent-encoding that keeps the URL readable: `:` `/` `@` stay as they are (all legal in a query). */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2F/gi, "/").replace(/%40/gi, "@");
}

/** A dropped value, cut and flattened for quoting in a notice. */
export function quoted(value: string): string {
  const flat = value.replace(CONTROL_CHARACTERS, " ");
  return flat.length > NOTICE_VALUE_LENGTH ? `${flat.slice(0, NOTICE_VALUE_LENGTH - 1)}…` : flat;
}
