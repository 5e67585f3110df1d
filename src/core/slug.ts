/** Ids are slugs: lowercase ASCII letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** @example isSlug("ghuwayran-prison-attack-2022") // true */
export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}

/**
 * A slug suggestion for a value that is not one (accents dropped, other characters become hyphens).
 * Returns "" when nothing Latin is left, e.g. for Arabic-only text.
 * @example toSlug("Ghuwayran Prison_Attack ") // "ghuwayran-prison-attack"
 */
export function toSlug(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
