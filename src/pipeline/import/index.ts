import Papa from "papaparse";
import type { SheetName } from "../../core/sheet-columns.ts";
import type { SheetTexts } from "../index.ts";
import type { RowError } from "../sheet/row-error.ts";
import { SHEET_FILES } from "../sheet/sheet-columns.ts";
import { ImportCatalog, type Row } from "./catalog.ts";
import type { DatasetName, ParsedRow, ParseOptions } from "./dataset-event.ts";
import { type EventRows, incidentIdOf, toEventRows } from "./event-rows.ts";
import { mergeRows, parseSheet, type SheetChanges, sheetRecords, writeSheet } from "./merge-sheets.ts";
import { parseAcledRow } from "./parse-acled.ts";
import { parseUcdpRow } from "./parse-ucdp.ts";

export type { DatasetName } from "./dataset-event.ts";

export interface ImportOptions {
  dataset: DatasetName;
  /** The dataset file's name, for the messages. */
  file: string;
  /** Keep rows of this country only (the `country` column; a row with none is kept); null keeps all. */
  country: string | null;
  /** Keep events from this day on (YYYY-MM-DD); null keeps all. */
  since: string | null;
  /** Today (YYYY-MM-DD): the source rows' date when the dataset gives none, and the limit for dates. */
  today: string;
  /** Whether a point lies in Syria and its border region (the pipeline's Locator.inRegion). */
  inRegion(lon: number, lat: number): boolean;
}

/** What an import did: the sheets' new texts and what it added, changed and left alone. */
export interface ImportResult {
  sheets: Record<SheetName, string>;
  changes: Record<SheetName, SheetChanges>;
  /** Dataset rows that could not be mapped: file, row, column, value, what and why. */
  problems: RowError[];
  /** Things for the maintainer to finish, e.g. names without their Arabic form. */
  warnings: RowError[];
  /** Dataset rows left out on purpose: other country, before --since, a type the map does not show. */
  filtered: { country: number; since: number; type: Map<string, number> };
  /** Rows of the sheets that imported rows refer to (matched by name or alias), left as they are. */
  used: { "actors.csv": string[]; "places.csv": string[] };
  /** Dataset rows read, and those that became incidents. */
  counts: { rows: number; events: number };
}

const COLUMN_OF_ID: Readonly<Record<DatasetName, string>> = { ucdp: "id", acled: "event_id_cnty" };

/**
 * Maps a UCDP GED or ACLED CSV export to rows of the five sheets and merges them with the sheets' rows. Ids come
 * from the dataset's event ids (`ucdp-…`, `acled-…`), so importing a newer export changes those rows in place;
 * rows with other ids, and every existing actor and place row, are never changed.
 * @example importDataset(readFileSync("ged.csv", "utf8"), readSheets("data"), { dataset: "ucdp", … })
 */
export function importDataset(datasetText: string, sheets: SheetTexts, options: ImportOptions): ImportResult {
  const parsed = Object.fromEntries(SHEET_FILES.map((f) => [f, parseSheet(f, sheets[f])])) as Record<
    SheetName,
    ReturnType<typeof parseSheet>
  >;
  const catalog = new ImportCatalog(sheetRecords(parsed["actors.csv"]), sheetRecords(parsed["places.csv"]));
  const problems: RowError[] = [];
  const filtered = { country: 0, since: 0, type: new Map<string, number>() };
  const made: EventRows[] = [];
  const seen = new Set<string>();
  const parseOptions: ParseOptions = {
    country: options.country,
    since: options.since,
    today: options.today,
    file: options.file,
  };
  const parseRow = options.dataset === "ucdp" ? parseUcdpRow : parseAcledRow;
  let row = 1;
  let header: string[] | null = null;

  // Rows as arrays, made into records here: Papa's header mode costs more per cell than the import itself.
  Papa.parse<string[]>(datasetText.replace(/^\uFEFF/, ""), {
    delimiter: ",",
    skipEmptyLines: "greedy",
    step: (result) => {
      if (header === null) {
        header = result.data.map((cell) => cell.trim());
        return;
      }
      row += 1;
      const fields = header;
      // A row PapaParse could not read, or one with the wrong number of cells: the whole row is the problem.
      const unreadable =
        result.errors.length > 0
          ? {
              message: `cannot be read: ${(result.errors[0] as Papa.ParseError).message}`,
              fix: "fix the row's quotes and cells",
            }
          : result.data.length !== fields.length
            ? {
                message: `has ${result.data.length} cells where the header has ${fields.length}`,
                fix: "fix the row's quotes and commas",
              }
            : null;
      if (unreadable) {
        problems.push(problem(options.file, row, null, null, unreadable.message, unreadable.fix));
        return;
      }
      const record: Record<string, string> = {};
      for (let i = 0; i < fields.length; i++) record[fields[i] as string] = result.data[i] as string;
      const outcome: ParsedRow = parseRow(record, row, parseOptions);
      if (outcome.kind === "filtered") {
        if (outcome.reason === "type") {
          const label = outcome.label ?? "";
          filtered.type.set(label, (filtered.type.get(label) ?? 0) + 1);
        } else filtered[outcome.reason]++;
        return;
      }
      if (outcome.kind === "problem") {
        problems.push(outcome.problem);
        return;
      }
      const event = outcome.event;
      const column = COLUMN_OF_ID[options.dataset];
      if (seen.has(incidentIdOf(event))) {
        problems.push(
          problem(
            options.file,
            row,
            column,
            event.eventId,
            "repeats an event id of an earlier row",
            "the first row is imported; remove the repeat",
          ),
        );
        return;
      }
      if (!options.inRegion(event.lon, event.lat)) {
        problems.push(
          problem(
            options.file,
            row,
            "latitude",
            `${event.lat}, ${event.lon}`,
            "lies outside Syria and its border region",
            "the row is skipped; use --country to import one country's rows",
          ),
        );
        return;
      }
      seen.add(incidentIdOf(event));
      made.push(toEventRows(event, catalog, options.today));
    },
  });
  const missing =
    header === null ? [] : requiredColumns(options.dataset).filter((c) => !(header as string[]).includes(c));
  if (missing.length > 0) {
    problems.unshift(
      problem(
        options.file,
        1,
        null,
        missing.join(", "),
        `${missing.length === 1 ? "is a column" : "are columns"} a ${options.dataset.toUpperCase()} export has but this file lacks`,
        `import the dataset's CSV export as downloaded, or check --from ${options.dataset}`,
      ),
    );
  }

  const owned = (id: string) =>
    id.startsWith(`${options.dataset}-`) || id.startsWith(`src-${options.dataset}-`);
  const never = () => false;
  const incoming: Record<SheetName, Row[]> = {
    "places.csv": catalog.newPlaces,
    "actors.csv": catalog.newActors,
    "sources.csv": made.map((m) => m.source),
    "incidents.csv": made.map((m) => m.incident),
    "claims.csv": made.map((m) => m.claim),
  };
  const changes = {} as Record<SheetName, SheetChanges>;
  const texts = {} as Record<SheetName, string>;
  for (const file of SHEET_FILES) {
    const owns = file === "places.csv" || file === "actors.csv" ? never : owned;
    changes[file] = mergeRows(file, parsed[file], incoming[file], owns);
    texts[file] = writeSheet(parsed[file]);
  }
  return {
    sheets: texts,
    changes,
    problems,
    warnings: missingNameWarnings(changes, catalog),
    filtered,
    used: { "actors.csv": [...catalog.usedActors].sort(), "places.csv": [...catalog.usedPlaces].sort() },
    counts: { rows: row - 1, events: made.length },
  };
}

function requiredColumns(dataset: DatasetName): string[] {
  return dataset === "ucdp"
    ? [
        "id",
        "type_of_violence",
        "side_a",
        "side_b",
        "where_prec",
        "latitude",
        "longitude",
        "date_prec",
        "date_start",
        "date_end",
        "best",
      ]
    : [
        "event_id_cnty",
        "event_date",
        "time_precision",
        "sub_event_type",
        "actor1",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
      ];
}

/** A new actor or place without its Arabic (or English) name: the importer never makes one up. */
function missingNameWarnings(changes: Record<SheetName, SheetChanges>, catalog: ImportCatalog): RowError[] {
  const warnings: RowError[] = [];
  const check = (file: SheetName, rows: Row[]) => {
    for (const r of rows) {
      const id = r.id as string;
      const at = changes[file].rowOf.get(id);
      if (at === undefined) continue;
      for (const [column, other] of [
        ["name_ar", "name_en"],
        ["name_en", "name_ar"],
      ] as const) {
        if ((r[column] ?? "") !== "") continue;
        warnings.push({
          severity: "warning",
          file,
          row: at,
          column,
          value: r[other] ?? "",
          message: `has no ${column === "name_ar" ? "Arabic" : "English"} name in the dataset, so none was written`,
          fix: `write the ${column === "name_ar" ? "Arabic" : "English"} name in ${column} once you have a source for it`,
        });
      }
    }
  };
  check("actors.csv", catalog.newActors);
  check("places.csv", catalog.newPlaces);
  return warnings;
}

function problem(
  file: string,
  row: number,
  column: string | null,
  value: string | null,
  message: string,
  fix: string,
): RowError {
  return { severity: "error", file, row, column, value, message, fix };
}
