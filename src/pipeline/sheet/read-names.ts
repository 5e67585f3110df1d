import type { Bilingual } from "../../core/incident.ts";
import type { CellReader } from "./cell-reader.ts";

/**
 * An actor's or place's `name_en` and `name_ar`. Both empty is an error; one empty is a warning and the other
 * name stands in for it, because a name nobody has a source for must not be made up (imported rows often come
 * with one language only).
 */
export function readNames(cells: CellReader): Bilingual {
  const en = cells.raw("name_en");
  const ar = cells.raw("name_ar");
  const hasEn = en.trim() !== "";
  const hasAr = ar.trim() !== "";
  const bothColumns = !cells.sheet.missing.has("name_en") && !cells.sheet.missing.has("name_ar");
  if (bothColumns && hasEn !== hasAr) {
    const [empty, other, language] = hasEn
      ? (["name_ar", en, "English"] as const)
      : (["name_en", ar, "Arabic"] as const);
    cells.warn(
      empty,
      null,
      `is empty, so the ${language} name "${other}" is shown in its place`,
      `write the ${empty === "name_ar" ? "Arabic" : "English"} name once you have a source for it`,
    );
    return hasEn ? { en, ar: en } : { en: ar, ar };
  }
  return { en: cells.text("name_en"), ar: cells.text("name_ar") };
}
