// The build's inputs, options and result: what callers of buildIncidents (the CLI, the dev server, the check page's
// worker, tests) hand over and get back. The build itself is the recipe in index.ts.
import type { IncidentCollection } from "../core/incident.ts";
import type { SheetName } from "../core/sheet-columns.ts";
import type { ReadTimings, SheetText } from "./sheet/read-sheet.ts";
import type { RowError } from "./sheet/row-error.ts";
import type { IncidentPart } from "./stages/incident-part.ts";
import type { StoreTableOptions } from "./stages/store-table.ts";
import type { ClaimPart } from "./stages/validate-claims.ts";

/** The text of each sheet file, keyed by file name. */
export type SheetTexts = Partial<Record<SheetName, string>>;

/** Like SheetTexts, but a sheet may also come as its parts in order (a big file read piece by piece). */
export type SheetInputs = Partial<Record<SheetName, SheetText>>;

export interface BuildOptions {
  /** Today as "YYYY-MM-DD"; dates after it are errors. Defaults to the machine's local date. */
  today?: string;
  /**
   * claims.csv's part (`readClaimPart`) when it was read elsewhere, e.g. on another thread while incidents.csv is
   * read here; called once incidents.csv is done. Null (or no option): claims.csv is read here, after incidents.
   */
  claimPart?: () => ClaimPart | null;
  /** incidents.csv read partly elsewhere (e.g. its end on another thread): see IncidentSplit. */
  incidentSplit?: IncidentSplit;
  /**
   * "refuse" for a build that publishes without ACLED's permission: ACLED-derived sources are an error (their terms
   * restrict redistribution, see acled-terms.ts). Default "allow" (checks, the dev server, tests).
   */
  acledSources?: "allow" | "refuse";
  /**
   * False for a check that writes nothing (data:check, data:import's check): every rule is applied as in a build,
   * but a valid incident or claim is kept only as what later rules read (its id, its row, its claims), with no
   * text, fragment or point made for it; the result then has no output. Default true.
   */
  makeOutput?: boolean;
}

/**
 * incidents.csv cut in two on a record boundary: its start is read here, the rest elsewhere as parts
 * (`readIncidentPart`), joined after. If the cut turns out not to be on a boundary (a quoted cell holding a line
 * break where the cut was guessed), the sheet is read again whole, so the result is always one pass's.
 */
export interface IncidentSplit {
  /** The start of incidents.csv as text parts, up to where the parts read elsewhere begin (or to its end). */
  text: SheetText;
  /** Told the sheet's header and line ending as soon as they are read (the other reader needs them). */
  onStart(header: string[], newline: "\n" | "\r\n" | "\r"): void;
  /** Asked once `text` has run out: whether it ran to the sheet's end (then there are no parts to wait for). */
  reachedEnd(): boolean;
  /** The parts read elsewhere, in sheet order (waits for them); null when they could not be had. */
  parts(): IncidentPart[] | null;
  /** Called instead of `parts` when the start did not end on a boundary: no more parts are wanted. */
  cancel(): void;
}

/** The built output, kept compact until it is written. */
export interface BuildOutput {
  /**
   * The GeoJSON file as UTF-8 chunks of about 1 MB. A chunk's memory is reused for the next one: write or decode it
   * before asking for more, or copy it (`chunk.slice()`) to keep it. With `table`, the incident table is made in the
   * same pass: its files go to `table.onFile` as they are made, the last ones once the last chunk has been taken.
   */
  chunks(table?: StoreTableOptions): Generator<Uint8Array>;
  /** The GeoJSON file as one string (small collections, tests). */
  text(): string;
}

export interface BuildResult {
  /**
   * The map's data as objects; null whenever there is at least one error, or none was made. Made from
   * `output` on first use:
   * fine for the curated sheets and tests, but at 1M incidents write `output` instead.
   */
  readonly collection: IncidentCollection | null;
  /** The output file; null whenever there is at least one error, or none was made (`makeOutput: false`). */
  output: BuildOutput | null;
  errors: RowError[];
  warnings: RowError[];
  /** What was read, for summaries ("5 sheets, 42 incidents"). */
  counts: { sheets: number; rows: number; incidents: number };
  /** Where the time went (ms): reading the text, PapaParse, checking and deriving, sorting. For benchmarks. */
  timings: BuildTimings;
}

export interface BuildTimings extends ReadTimings {
  validateMs: number;
  sortMs: number;
  /** 2 when claims.csv or part of incidents.csv was read on another thread (overlapping the times here), else 1. */
  threads: 1 | 2;
  /** Stretches of incidents.csv read on another thread and joined here. */
  incidentParts: number;
}
