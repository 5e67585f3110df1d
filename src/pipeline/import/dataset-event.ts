import type { RowError } from "../sheet/row-error.ts";
import type { PlacePrecision, SheetDate } from "./precision.ts";

/** The two datasets the importer reads. */
export type DatasetName = "ucdp" | "acled";

/** One dataset row, read and mapped to the sheet's terms but not yet given sheet ids. */
export interface DatasetEvent {
  dataset: DatasetName;
  /** The dataset's own event id as it stands (`123456`, `SYR12345`). */
  eventId: string;
  /** Row in the dataset file as a spreadsheet shows it (header = 1). */
  row: number;
  date: SheetDate;
  lat: number;
  lon: number;
  place: PlacePrecision;
  /** The place as the dataset names it (UCDP `where_description`, ACLED `location`). */
  placeName: string;
  /** Larger units named by the dataset, largest first (ADM1, ADM2, …), for the summary. */
  admin: string[];
  event_type: string;
  /** The dataset's own words for the type, e.g. "Battles: Armed clash". */
  typeLabel: string;
  /** Actors as the dataset names them: who acted (one-sided events) or every side (battles), see toSheetRows. */
  perpetrators: string[];
  targets: string[];
  /** UCDP low/best/high; ACLED gives one figure (low = best = high). Null when the dataset gives none. */
  deaths: { low: number; best: number; high: number } | null;
  /** Who the dataset says reported it (ACLED `source`; UCDP `source_office`), and when (UCDP `source_date`). */
  reportedBy: string;
  reportedOn: string;
  /** The day the dataset last changed the record (ACLED `timestamp`), or null. */
  recordDay: string | null;
}

/** A dataset row the importer cannot map: reported and skipped, never dropped silently. */
export type ImportProblem = RowError;

/** What a row parser gives back: an event, a problem, or a row left out on purpose (other country, too old). */
export type ParsedRow =
  | { kind: "event"; event: DatasetEvent }
  | { kind: "problem"; problem: ImportProblem }
  | { kind: "filtered"; reason: "country" | "since" | "type"; label?: string };

/** Options shared by both parsers. */
export interface ParseOptions {
  /** Keep rows of this country only (the dataset's `country` column); null keeps all. */
  country: string | null;
  /** Keep events that end on or after this day (YYYY-MM-DD); null keeps all. */
  since: string | null;
  /** Today (YYYY-MM-DD): an ACLED week is never stretched past it. */
  today: string;
  /** The dataset file's name, for the problems. */
  file: string;
}

/** Splits a dataset's actor list cell ("A; B") into names. */
export function splitNames(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A row of a dataset export, by column name. */
export type DatasetRow = Readonly<Record<string, string | undefined>>;

const CELLS = Symbol("cells");

/**
 * Rows of a file with this header, as DatasetRows: one object whose column names are getters reading the row it
 * was last given. A parser reads a row before the next is given, and copies what it keeps; so a million rows
 * cost no object each, built up a cell at a time. As with a record filled in column order, a name the header
 * repeats reads its last cell.
 * @example const view = datasetRowView(["id", "best"]); parseUcdpRow(view(["9001", "3"]), 2, options)
 */
export function datasetRowView(header: readonly string[]): (cells: readonly string[]) => DatasetRow {
  const columns = Object.create(null) as object;
  header.forEach((name, i) => {
    Object.defineProperty(columns, name, {
      get(this: { [CELLS]: readonly string[] }) {
        return this[CELLS][i];
      },
      enumerable: true,
      configurable: true,
    });
  });
  const row = Object.create(columns) as { [CELLS]: readonly string[] } & DatasetRow;
  return (cells) => {
    row[CELLS] = cells;
    return row;
  };
}

/** A row of another country than the one asked for (a row that names none is kept). */
export function ofOtherCountry(r: DatasetRow, options: ParseOptions): boolean {
  const country = (r.country ?? "").trim();
  return options.country !== null && country !== "" && country !== options.country;
}

/** The problem of a day after today in `column`. */
export function futureDayProblem(options: ParseOptions, row: number, column: string, day: string): ParsedRow {
  return cellProblem(
    options,
    row,
    column,
    day,
    `is in the future (today is ${options.today})`,
    "check the export",
  );
}

/** A problem about one cell of the dataset file. */
export function cellProblem(
  options: ParseOptions,
  row: number,
  column: string,
  value: string,
  message: string,
  fix: string,
): ParsedRow {
  return {
    kind: "problem",
    problem: { severity: "error", file: options.file, row, column, value, message, fix },
  };
}

/** A decimal degree in range, or null. */
export function readCoordinate(raw: string | undefined, limit: number): number | null {
  const v = (raw ?? "").trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) return null;
  const n = Number(v);
  return Math.abs(n) <= limit ? n : null;
}

/**
 * The row's point, from the `latitude` and `longitude` columns both datasets use; a problem naming the column
 * when either is not a coordinate (the row has nothing to map).
 */
export function readPoint(
  options: ParseOptions,
  row: number,
  r: Record<string, string | undefined>,
): { lat: number; lon: number } | ParsedRow {
  const lat = readCoordinate(r.latitude, 90);
  const lon = readCoordinate(r.longitude, 180);
  if (lat !== null && lon !== null) return { lat, lon };
  const column = lat === null ? "latitude" : "longitude";
  return cellProblem(
    options,
    row,
    column,
    r[column] ?? "",
    "is not a coordinate",
    "the row has no point to map; it is skipped",
  );
}

/** A whole number ≥ 0, or null. */
export function readCount(raw: string | undefined): number | null {
  const v = (raw ?? "").trim();
  return /^\d+$/.test(v) ? Number(v) : null;
}
