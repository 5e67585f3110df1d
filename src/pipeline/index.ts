// The build as a recipe: each numbered step below is one function, called in order by buildIncidents. The steps'
// work lives in stages/ (reading and checking each sheet, ordering, writing), the rows' reading and reporting in
// sheet/, and what makes a million rows fast in machinery/.
import { localIsoDay } from "../core/dates.ts";
import type { IncidentCollection } from "../core/incident.ts";
import { EVENT_TYPES } from "../core/vocabulary.ts";
import type {
  BuildOptions,
  BuildOutput,
  BuildResult,
  BuildTimings,
  IncidentSplit,
  SheetInputs,
} from "./build-types.ts";
import { IncidentStore } from "./incident-store.ts";
import { IdTable } from "./machinery/id-table.ts";
import type { SheetSegment, SheetText } from "./sheet/read-sheet.ts";
import { ProblemLog } from "./sheet/row-error.ts";
import { refuseAcledSources } from "./stages/acled-terms.ts";
import { joinIncidentParts } from "./stages/incident-part.ts";
import { createLocator, type Locator, type ReferenceData } from "./stages/locator.ts";
import { CLAIMLESS_STAGE, collectClaims, readInto, readReferenced } from "./stages/read-sheets.ts";
import { serializeStore } from "./stages/serialize-store.ts";
import { sortOrder } from "./stages/sort-order.ts";
import { serializeWithTable } from "./stages/store-table.ts";
import { joinClaims, sortedSourceIds } from "./stages/validate-claims.ts";
import { validateIncidents } from "./stages/validate-incidents.ts";

export type * from "./build-types.ts";
export type { SheetText } from "./sheet/read-sheet.ts";
export { formatRowError, type RowError } from "./sheet/row-error.ts";
export type { IncidentPart } from "./stages/incident-part.ts";
export type { ReferenceData } from "./stages/locator.ts";
export { readClaimPart } from "./stages/read-sheets.ts";
export { serializeCollection, stringifyCollection } from "./stages/serialize-collection.ts";
export type { ClaimPart } from "./stages/validate-claims.ts";

/** What every step of one build shares: the problems found, the valid incidents, the counts and the times. */
interface Build {
  readonly log: ProblemLog;
  readonly locator: Locator;
  readonly today: string;
  readonly counts: BuildResult["counts"];
  readonly timings: BuildTimings;
  /** Whether the incidents' and claims' text is kept for an output (BuildOptions.makeOutput). */
  readonly makeOutput: boolean;
  store: IncidentStore;
  /** Each incident id and its row (the first, when repeated), for the claims to point at. */
  incidentRowOfId: IdTable;
  /** Rows of incidents.csv with too few or too many cells (their claims say so). */
  malformedIncidentRows: Set<number>;
  /** incidents.csv could be read (present, UTF-8): else no claim is said to point nowhere. */
  incidentsRead: boolean;
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
  const build = startBuild(reference, options);
  const context = checkReferencedSheets(sheets, build, options);
  checkIncidents(sheets, build, context, options.incidentSplit);
  const claimed = checkClaims(sheets, build, context, options);
  if (claimed.present) flagUnclaimedIncidents(build);

  const { errors, warnings } = build.log.ordered();
  const { counts, timings } = build;
  timings.validateMs = performance.now() - startedAt - timings.readMs - timings.parseMs;
  if (errors.length > 0 || !build.makeOutput) {
    return { collection: null, output: null, errors, warnings, counts, timings };
  }
  const output = orderedOutput(build, context);
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

function startBuild(reference: ReferenceData, options: BuildOptions): Build {
  return {
    log: new ProblemLog(),
    locator: createLocator(reference),
    today: options.today ?? localIsoDay(new Date()),
    counts: { sheets: 0, rows: 0, incidents: 0 },
    timings: { readMs: 0, parseMs: 0, validateMs: 0, sortMs: 0, threads: 1, incidentParts: 0 },
    makeOutput: options.makeOutput ?? true,
    store: new IncidentStore(options.makeOutput ?? true),
    incidentRowOfId: new IdTable(),
    malformedIncidentRows: new Set(),
    incidentsRead: false,
  };
}

/** 1. The referenced sheets (places, actors, sources), whole: what the incidents and claims are checked against. */
function checkReferencedSheets(sheets: SheetInputs, build: Build, options: BuildOptions) {
  const { log, today, timings, counts, locator } = build;
  const context = readReferenced(sheets, log, today, timings, counts, locator);
  if (options.acledSources === "refuse") refuseAcledSources(context.sources, log);
  build.store.sourceIds = sortedSourceIds(context.sources);
  return context;
}

type Referenced = ReturnType<typeof checkReferencedSheets>;

/**
 * 2. incidents.csv, streamed: each row is checked as it is parsed and, when valid, stored. Its end may be read on
 * another thread meanwhile (`split`), then joined here; when the cut turns out not to be on a record boundary (a
 * quoted cell holding a line break where it was guessed), the sheet is read again whole (`retryIncidentsWhole`), so
 * the result is always one pass's.
 */
function checkIncidents(
  sheets: SheetInputs,
  build: Build,
  context: Referenced,
  split: IncidentSplit | undefined,
): void {
  const before = { log: build.log.mark(), rows: build.counts.rows, sheets: build.counts.sheets };
  if (!split) readIncidents(sheets["incidents.csv"], build, context);
  else if (!readIncidentsSplit(split, build, context)) retryIncidentsWhole(sheets, build, context, before);
  build.counts.incidents = build.counts.rows - context.rows;
}

function incidentHandler(build: Build, context: Referenced) {
  const { log, locator, today, store, incidentRowOfId, malformedIncidentRows } = build;
  return validateIncidents(
    log,
    context,
    locator,
    today,
    store,
    incidentRowOfId,
    undefined,
    malformedIncidentRows,
  );
}

function readIncidents(text: SheetText | undefined, build: Build, context: Referenced): void {
  const sheet = readInto(
    "incidents.csv",
    text,
    build.log,
    incidentHandler(build, context),
    build.counts,
    build.timings,
  );
  build.incidentsRead = sheet !== null;
}

/** Reads the start of incidents.csv here and joins the parts read elsewhere; false when the cut was not clean. */
function readIncidentsSplit(split: IncidentSplit, build: Build, context: Referenced): boolean {
  const segment: SheetSegment = {
    isFinal: () => split.reachedEnd(),
    onStart: (header, newline) => split.onStart(header, newline),
  };
  const { log, counts, timings } = build;
  const sheet = readInto(
    "incidents.csv",
    split.text,
    log,
    incidentHandler(build, context),
    counts,
    timings,
    segment,
  );
  build.incidentsRead = sheet !== null;
  if (sheet === null) {
    // Not UTF-8 (its one error is logged): there is nothing to join and nothing a second read would change.
    split.cancel();
    return true;
  }
  if (split.reachedEnd()) return true;
  const parts = segment.clean ? split.parts() : null;
  if (parts === null) {
    split.cancel();
    return false;
  }
  const { store, incidentRowOfId, malformedIncidentRows } = build;
  const added = joinIncidentParts(
    parts,
    segment.records ?? 1,
    store,
    incidentRowOfId,
    log,
    malformedIncidentRows,
  );
  if (added === -1) return false;
  counts.rows += added;
  timings.threads = 2;
  timings.incidentParts = parts.length;
  return true;
}

/** Forgets what a split read of incidents.csv found, and reads the sheet whole from its start. */
function retryIncidentsWhole(
  sheets: SheetInputs,
  build: Build,
  context: Referenced,
  before: { log: ReturnType<ProblemLog["mark"]>; rows: number; sheets: number },
): void {
  build.log.rollBack(before.log);
  build.counts.rows = before.rows;
  build.counts.sheets = before.sheets;
  const sourceIds = build.store.sourceIds;
  build.store = new IncidentStore(build.makeOutput);
  build.store.sourceIds = sourceIds;
  build.incidentRowOfId = new IdTable();
  build.malformedIncidentRows = new Set();
  readIncidents(sheets["incidents.csv"], build, context);
}

/** 3. claims.csv (read here, or on another thread meanwhile), joined to the incidents. */
function checkClaims(sheets: SheetInputs, build: Build, context: Referenced, options: BuildOptions) {
  const elsewhere = options.claimPart?.() ?? null;
  if (elsewhere !== null) build.timings.threads = 2;
  const part = elsewhere ?? collectClaims(sheets["claims.csv"], context, build.timings, build.makeOutput);
  build.counts.rows += part.rows;
  if (part.present) build.counts.sheets++;
  const { incidentRowOfId, store, log, incidentsRead, malformedIncidentRows } = build;
  // Without a readable incidents.csv, "is not an id in incidents.csv" on every claim would bury its one error.
  joinClaims(part, incidentRowOfId, store, log, incidentsRead, malformedIncidentRows);
  return part;
}

/**
 * 4. Nothing is stated as fact without a claimant: an incident with no claim is flagged. (Not when claims.csv is
 * missing or unreadable: its one error says it all.)
 */
function flagUnclaimedIncidents({ log, store }: Build): void {
  log.stage = CLAIMLESS_STAGE;
  for (let i = 0; i < store.count; i++) {
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
}

/** 5. Output order (date_start, then id); the features are written from the store when asked for. */
/**
 * The output, sorted when first written: a check that writes nothing (data:check, data:import's check) does not
 * pay for the sort.
 */
function orderedOutput({ store, locator, timings }: Build, { actors, sources }: Referenced): BuildOutput {
  let sorted: Int32Array | null = null;
  const order = () => {
    if (sorted === null) {
      const startedAt = performance.now();
      sorted = sortOrder(store);
      timings.sortMs = performance.now() - startedAt;
    }
    return sorted;
  };
  const meta = {
    actors: [...actors.values()].sort((a, b) => compare(a.id, b.id)),
    sources: [...sources.values()].sort((a, b) => compare(a.id, b.id)),
    event_types: EVENT_TYPES.map((t) => ({ id: t.id, name: t.name, color: t.color })),
    governorates: locator.governorates,
  };
  const output: BuildOutput = {
    chunks: (table) =>
      table ? serializeWithTable(store, order(), meta, table) : serializeStore(store, order(), meta),
    text: () => {
      const decoder = new TextDecoder();
      let text = "";
      for (const chunk of output.chunks()) text += decoder.decode(chunk, { stream: true });
      return text + decoder.decode();
    },
  };
  return output;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
