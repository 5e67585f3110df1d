import { localIsoDay } from "../core/dates.ts";
import type { IncidentCollection } from "../core/incident.ts";
import type { SheetName } from "../core/sheet-columns.ts";
import type { TableWriterOptions } from "../core/table-writer.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import { refuseAcledSources } from "./acled-terms.ts"; // ACLED rows are not published without permission
import { IdTable } from "./id-table.ts"; // ids → rows, for a million ids
import { type IncidentPart, joinIncidentParts } from "./incident-part.ts"; // a stretch of incidents.csv read elsewhere
import { IncidentStore } from "./incident-store.ts"; // valid incidents and claims as columns + shared JSON fragments
import { createLocator, type ReferenceData } from "./locator.ts"; // point-in-polygon, governorate, position phrase
import type { ReadTimings, SheetSegment, SheetText } from "./read-sheet.ts";
import { CLAIMLESS_STAGE, collectClaims, readInto, readReferenced } from "./read-sheets.ts"; // reading and checking each sheet, by stage
import { ProblemLog, type RowError } from "./row-error.ts"; // problems with file, row, column, value, fix
import { serializeStore } from "./serialize-store.ts"; // store → the output file's bytes
import { sortOrder } from "./sort-order.ts"; // date_start, then id
import { serializeWithTable } from "./store-table.ts"; // store → the output file's bytes and the incident table
import { type ClaimPart, joinClaims, sortedSourceIds } from "./validate-claims.ts";
import { validateIncidents } from "./validate-incidents.ts";

export type { IncidentPart } from "./incident-part.ts";
export type { ReferenceData } from "./locator.ts";
export type { SheetText } from "./read-sheet.ts";
export { readClaimPart } from "./read-sheets.ts";
export { formatRowError, type RowError } from "./row-error.ts";
export { serializeCollection, stringifyCollection } from "./serialize-collection.ts";
export type { ClaimPart } from "./validate-claims.ts";

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
  chunks(table?: TableWriterOptions): Generator<Uint8Array>;
  /** The GeoJSON file as one string (small collections, tests). */
  text(): string;
}

export interface BuildResult {
  /**
   * The map's data as objects; null whenever there is at least one error. Made from `output` on first use:
   * fine for the curated sheets and tests, but at 1M incidents write `output` instead.
   */
  readonly collection: IncidentCollection | null;
  /** The output file; null whenever there is at least one error. */
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

/**
 * Validates the five sheets and builds the incident FeatureCollection: one feature per incident row, sorted by
 * date_start then id. Every problem is collected in one pass; any error means no output.
 * The small sheets (places, actors, sources) are read whole; incidents and claims stream through their
 * validators row by row into an IncidentStore, so no sheet-sized array of rows or objects is ever held.
 * @example buildIncidents({ "incidents.csv": "…", "claims.csv": "…", … }, reference, { today: "2026-11-22" })
 */
export function buildIncidents(
  sheets: SheetInputs,
  reference: ReferenceData,
  options: BuildOptions = {},
): BuildResult {
  const startedAt = performance.now();
  const timings: BuildTimings = {
    readMs: 0,
    parseMs: 0,
    validateMs: 0,
    sortMs: 0,
    threads: 1,
    incidentParts: 0,
  };
  const today = options.today ?? localIsoDay(new Date());
  const log = new ProblemLog();
  const locator = createLocator(reference);
  const store = new IncidentStore();
  const counts = { sheets: 0, rows: 0, incidents: 0 };

  // 1. The referenced sheets, whole.
  const context = readReferenced(sheets, log, today, timings, counts, locator);
  const { actors, sources } = context;
  if (options.acledSources === "refuse") refuseAcledSources(sources, log);
  store.sourceIds = sortedSourceIds(sources);

  // 2. The big sheets, streamed: each row is checked as it is parsed and, when valid, stored. claims.csv may be
  //    read on another thread meanwhile (options.claimPart); either way it is joined to the incidents after.
  //    incidents.csv's end may be read elsewhere too (options.incidentSplit), then joined here.
  const incidentRowOfId = new IdTable();
  const malformedIncidentRows = new Set<number>();
  const split = options.incidentSplit;
  const segment: SheetSegment | undefined = split && {
    isFinal: () => split.reachedEnd(),
    onStart: (header, newline) => split.onStart(header, newline),
  };
  const incidentsSheet = readInto(
    "incidents.csv",
    split ? split.text : sheets["incidents.csv"],
    log,
    validateIncidents(log, context, locator, today, store, incidentRowOfId, undefined, malformedIncidentRows),
    counts,
    timings,
    segment,
  );
  if (split && segment && incidentsSheet === null) {
    // Not UTF-8 (its one error is logged): there is nothing to join and nothing a second read would change.
    split.cancel();
  } else if (split && segment && !split.reachedEnd()) {
    const parts = segment.clean ? split.parts() : null;
    if (parts === null) split.cancel();
    const added =
      parts === null
        ? -1
        : joinIncidentParts(parts, segment.records ?? 1, store, incidentRowOfId, log, malformedIncidentRows);
    if (added === -1) {
      const { incidentSplit: _, ...whole } = options;
      return buildIncidents(sheets, reference, { ...whole, today });
    }
    counts.rows += added;
    timings.threads = 2;
    timings.incidentParts = parts?.length ?? 0;
  }
  counts.incidents = counts.rows - context.rows;
  const elsewhere = options.claimPart?.() ?? null;
  if (elsewhere !== null) timings.threads = 2;
  const part = elsewhere ?? collectClaims(sheets["claims.csv"], context, timings);
  counts.rows += part.rows;
  if (part.present) counts.sheets++;
  // Without a readable incidents.csv, "is not an id in incidents.csv" on every claim would bury its one error.
  joinClaims(part, incidentRowOfId, store, log, incidentsSheet !== null, malformedIncidentRows);

  // 3. Nothing is stated as fact without a claimant: an incident with no claim is flagged.
  log.stage = CLAIMLESS_STAGE;
  //    (Not when claims.csv is missing or unreadable: its one error says it all.)
  for (let i = 0; part.present && i < store.count; i++) {
    if (store.cited.get(i) === 1) continue;
    log.warn(
      "incidents.csv",
      store.rows.get(i),
      "id",
      store.ids[i] as string,
      "has no claim in claims.csv, so nobody is named as saying it happened",
      "add at least one claim (claimant, source, stance) for this incident",
    );
  }

  const { errors, warnings } = log.ordered();
  const sortedAt = performance.now();
  timings.validateMs = sortedAt - startedAt - timings.readMs - timings.parseMs;
  if (errors.length > 0) return { collection: null, output: null, errors, warnings, counts, timings };

  // 4. Output order: by date_start then id. The features are written from the store when asked for.
  const order = sortOrder(store);
  timings.sortMs = performance.now() - sortedAt;
  const meta = {
    actors: [...actors.values()].sort((a, b) => compare(a.id, b.id)),
    sources: [...sources.values()].sort((a, b) => compare(a.id, b.id)),
    event_types: EVENT_TYPES.map((t) => ({ id: t.id, name: t.name, color: t.color })),
    governorates: locator.governorates,
  };
  const output: BuildOutput = {
    chunks: (table) =>
      table ? serializeWithTable(store, order, meta, table) : serializeStore(store, order, meta),
    text: () => {
      const decoder = new TextDecoder();
      let text = "";
      for (const chunk of output.chunks()) text += decoder.decode(chunk, { stream: true });
      return text + decoder.decode();
    },
  };
  let collection: IncidentCollection | undefined;
  return {
    get collection() {
      collection ??= JSON.parse(output.text()) as IncidentCollection;
      return collection;
    },
    output,
    errors,
    warnings,
    counts,
    timings,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
