/**
 * The incident sheet's five files and their columns: one definition, read by the pipeline (which columns a header
 * must have, which it may have) and by the sheet export (which columns to write, in which order).
 */

/** The five sheet files, named as in data/README.md. */
export type SheetName = "incidents.csv" | "claims.csv" | "sources.csv" | "actors.csv" | "places.csv";

// Each sheet's columns in the order of data/README.md; a trailing "?" marks one a header may leave out.
const COLUMNS: Readonly<Record<SheetName, readonly string[]>> = {
  "incidents.csv": [
    "id",
    "title_en",
    "title_ar",
    "summary_en",
    "summary_ar",
    "date_start",
    "date_end?",
    "date_precision",
    "place",
    "lat?",
    "lon?",
    "location_precision",
    "radius_km",
    "event_type",
    "perpetrators?",
    "targets?",
  ],
  "claims.csv": [
    "id",
    "incident",
    "claimant",
    "source",
    "stance",
    "claim_en",
    "claim_ar",
    "killed?",
    "injured?",
    "captured?",
  ],
  "sources.csv": [
    "id",
    "outlet_en",
    "outlet_ar",
    "published",
    "published_precision",
    "language",
    "url?",
    "affiliation_en?",
    "affiliation_ar?",
    "file?",
  ],
  "actors.csv": ["id", "name_en", "name_ar", "aliases?", "kind", "parent?", "color"],
  "places.csv": [
    "id",
    "name_en",
    "name_ar",
    "aliases?",
    "lat",
    "lon",
    "kind",
    "governorate?",
    "coord_source?",
    "radius_km?",
  ],
};

function perSheet(
  pick: (columns: readonly string[]) => string[],
): Readonly<Record<SheetName, readonly string[]>> {
  return {
    "incidents.csv": pick(COLUMNS["incidents.csv"]),
    "claims.csv": pick(COLUMNS["claims.csv"]),
    "sources.csv": pick(COLUMNS["sources.csv"]),
    "actors.csv": pick(COLUMNS["actors.csv"]),
    "places.csv": pick(COLUMNS["places.csv"]),
  };
}

/**
 * Columns of each sheet, in the order of data/README.md, so an exported sheet is a valid input sheet.
 * The pipeline reads columns by header name, but the same order keeps exported files easy to compare by eye.
 */
export const SHEET_COLUMNS = perSheet((columns) => columns.map((c) => c.replace(/\?$/, "")));

/** The columns a sheet's header must have, in the same order; the others may be left out. */
export const REQUIRED_COLUMNS = perSheet((columns) => columns.filter((c) => !c.endsWith("?")));
