import Papa from "papaparse";
import type { SheetName } from "../../core/sheet-columns.ts";
import type { SheetTexts } from "../index.ts";
import type { RowError } from "../sheet/row-error.ts";
import { SHEET_FILES } from "../sheet/sheet-columns.ts";
import { ImportCatalog, type Row } from "./catalog.ts";
import { csvBlocks } from "./csv-records.ts";
import {
  type DatasetName,
  type DatasetRow,
  datasetRowView,
  type ParsedRow,
  type ParseOptions,
} from "./dataset-event.ts";
import { datasetSourceRow, incidentIdOf, toEventRows } from "./event-rows.ts";
import { memorySheets, type SheetChanges, SheetMerge, type SheetStore, sheetRows } from "./merge-sheets.ts";
import { parseAcledRow } from "./parse-acled.ts";
import { parseUcdpRow } from "./parse-ucdp.ts";

export type { DatasetName } from "./dataset-event.ts";
export type { SheetChanges, SheetStore, SheetWriter, Spool } from "./merge-sheets.ts";

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
  /** Called with the number of dataset rows read so far, every {@link PROGRESS_ROWS} rows (a long import's progress). */
  onProgress?(rows: number): void;
}

/** How often `onProgress` hears of a long import. */
export const PROGRESS_ROWS = 100_000;

/** What an import did: what it added, changed and left alone, and what it could not map. */
export interface ImportSummary {
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

/** An import done in memory: the summary and the five sheets' new texts. */
export interface ImportResult extends ImportSummary {
  sheets: Record<SheetName, string>;
}

/** Which merged sheets an import writes through its store: all five, only those that change, or none (a dry run). */
export type SheetsToWrite = "all" | "changed" | "none";

const COLUMN_OF_ID: Readonly<Record<DatasetName, string>> = { ucdp: "id", acled: "event_id_cnty" };

/**
 * Maps a UCDP GED or ACLED CSV export to rows of the five sheets and merges them with the sheets' rows, a batch
 * of records at a time: the export arrives in `dataset`'s parts, the sheets are read and written through `store`.
 * Ids come from the dataset's event ids (`ucdp-…`, `acled-…`), so importing a newer export changes those rows in
 * place; rows with other ids, and every existing actor and place row, are never changed.
 */
export function importInto(
  dataset: Iterable<string>,
  store: SheetStore,
  options: ImportOptions,
  write: SheetsToWrite,
): ImportSummary {
  const owned = (id: string) =>
    id.startsWith(`${options.dataset}-`) || id.startsWith(`src-${options.dataset}-`);
  const never = () => false;
  const merges = Object.fromEntries(
    SHEET_FILES.map((f) => [
      f,
      new SheetMerge(f, store, f === "places.csv" || f === "actors.csv" ? never : owned),
    ]),
  ) as Record<SheetName, SheetMerge>;
  const catalog = new ImportCatalog(sheetRows(store.read("actors.csv")), sheetRows(store.read("places.csv")));
  const problems: RowError[] = [];
  const filtered = { country: 0, since: 0, type: new Map<string, number>() };
  const seen = new Set<string>();
  const parseOptions: ParseOptions = {
    country: options.country,
    since: options.since,
    today: options.today,
    file: options.file,
  };
  const parseRow = options.dataset === "ucdp" ? parseUcdpRow : parseAcledRow;
  let row = 1;
  let events = 0;
  let lastRecordDay = "";
  let header: string[] | null = null;
  // Each row as the parser reads it, by the header's names (set once the header is read).
  let rowOf: (cells: readonly string[]) => DatasetRow = datasetRowView([]);

  const step = (result: Papa.ParseStepResult<string[]>) => {
    if (header === null) {
      header = result.data.map((cell) => cell.trim());
      rowOf = datasetRowView(header);
      return;
    }
    row += 1;
    if ((row - 1) % PROGRESS_ROWS === 0) options.onProgress?.(row - 1);
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
    const outcome: ParsedRow = parseRow(rowOf(result.data), row, parseOptions);
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
    const id = incidentIdOf(event);
    if (seen.has(id)) {
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
    seen.add(id);
    events++;
    // Never after the import: a record stamped later than today's clock would fail the check.
    if (event.recordDay !== null && event.recordDay < options.today && event.recordDay > lastRecordDay) {
      lastRecordDay = event.recordDay;
    }
    const made = toEventRows(event, catalog);
    merges["incidents.csv"].offer(made.incident);
    merges["claims.csv"].offer(made.claim);
  };
  // Rows as arrays, made into records here: Papa's header mode costs more per cell than the import itself.
  const text = csvBlocks(dataset);
  for (const block of text.blocks) {
    Papa.parse<string[]>(block, {
      delimiter: ",",
      newline: text.form.newline,
      skipEmptyLines: "greedy",
      step,
    });
  }
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
  if (events > 0) {
    merges["sources.csv"].offer(
      datasetSourceRow(options.dataset, lastRecordDay || options.today, options.file),
    );
  }
  for (const place of catalog.newPlaces) merges["places.csv"].offer(place);
  for (const actor of catalog.newActors) merges["actors.csv"].offer(actor);
  const changes = {} as Record<SheetName, SheetChanges>;
  for (const file of SHEET_FILES) {
    const merge = merges[file];
    changes[file] = merge.changes;
    merge.finish(write === "all" || (write === "changed" && merge.changed));
  }
  return {
    changes,
    problems,
    warnings: missingNameWarnings(changes, catalog),
    filtered,
    used: { "actors.csv": [...catalog.usedActors].sort(), "places.csv": [...catalog.usedPlaces].sort() },
    counts: { rows: row - 1, events },
  };
}

/**
 * The import of a dataset export held in a string, merged with sheets held in strings: {@link importInto} with
 * the sheets kept in memory.
 * @example importDataset(readFileSync("ged.csv", "utf8"), readSheets("data"), { dataset: "ucdp", … })
 */
export function importDataset(datasetText: string, sheets: SheetTexts, options: ImportOptions): ImportResult {
  const { store, written } = memorySheets(sheets);
  const summary = importInto([datasetText], store, options, "all");
  return { ...summary, sheets: written as Record<SheetName, string> };
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
      const added = changes[file].added.indexOf(id);
      if (added < 0) continue;
      const at = changes[file].firstAddedRow + added;
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
