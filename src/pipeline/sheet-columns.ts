/** The five sheet files, in the order they are checked (referenced sheets before the ones that point at them). */
export const SHEET_FILES = [
  "places.csv",
  "actors.csv",
  "sources.csv",
  "incidents.csv",
  "claims.csv",
] as const;

export type SheetFile = (typeof SHEET_FILES)[number];

/** Columns of each sheet as documented in data/README.md; `required` columns must exist in the header. */
export const SHEET_COLUMNS: Record<SheetFile, { required: readonly string[]; optional: readonly string[] }> =
  {
    "places.csv": {
      required: ["id", "name_en", "name_ar", "lat", "lon", "kind"],
      optional: ["aliases", "governorate", "coord_source"],
    },
    "actors.csv": {
      required: ["id", "name_en", "name_ar", "kind", "color"],
      optional: ["aliases", "parent"],
    },
    "sources.csv": {
      required: ["id", "outlet_en", "outlet_ar", "published", "published_precision", "language"],
      optional: ["url", "affiliation_en", "affiliation_ar", "file"],
    },
    "incidents.csv": {
      required: [
        "id",
        "title_en",
        "title_ar",
        "summary_en",
        "summary_ar",
        "date_start",
        "date_precision",
        "place",
        "location_precision",
        "radius_km",
        "event_type",
      ],
      optional: ["date_end", "lat", "lon", "perpetrators", "targets"],
    },
    "claims.csv": {
      required: ["id", "incident", "claimant", "source", "stance", "claim_en", "claim_ar"],
      optional: ["killed", "injured", "captured"],
    },
  };
