import type { SourceRef } from "../../core/incident.ts";
import { DATE_PRECISIONS } from "../../core/vocabulary.ts";
import { CellReader } from "../sheet/cell-reader.ts";
import type { Sheet } from "../sheet/read-sheet.ts";
import type { ProblemLog } from "../sheet/row-error.ts";
import { UniqueIds } from "../sheet/unique-ids.ts";

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** sources.csv → sources by id. */
export function validateSources(sheet: Sheet, log: ProblemLog, today: string): Map<string, SourceRef> {
  const sources = new Map<string, SourceRef>();
  const ids = new UniqueIds();
  const cells = new CellReader(sheet, log);
  for (const row of sheet.rows) {
    cells.at(row);
    const id = ids.take(cells, cells.slug("id"));
    const outlet = { en: cells.text("outlet_en"), ar: cells.text("outlet_ar") };
    const precision = cells.oneOf("published_precision", DATE_PRECISIONS, "a date precision");
    const published = cells.code("published");
    if (published !== null) cells.date("published", published, precision, today);
    const language = cells.code("language");
    if (language !== null && !LANGUAGE_TAG.test(language)) {
      cells.error(
        "language",
        language,
        "is not a language code (BCP 47)",
        'use a code like "ar", "en" or "ku"',
      );
    }
    const url = cells.raw("url").trim();
    if (url !== "" && !isHttpUrl(url)) {
      cells.error(
        "url",
        url,
        "is not an http:// or https:// address",
        "paste the full web address, or leave the cell empty",
      );
    }
    const affiliation = {
      en: cells.optionalText("affiliation_en"),
      ar: cells.optionalText("affiliation_ar"),
    };
    if (!cells.ok || id === null || published === null || precision === null || language === null) continue;
    sources.set(id, {
      id,
      outlet,
      published,
      published_precision: precision,
      language,
      url: url === "" ? null : url,
      affiliation,
    });
  }
  return sources;
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
