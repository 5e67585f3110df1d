import { int32Column, uint8Column } from "../../core/growing-column.ts";
import type { ActorRef, SourceRef } from "../../core/incident.ts";
import { STANCES } from "../../core/vocabulary.ts";
import type { IncidentStore } from "../incident-store.ts";
import { ByteArena, type ByteArenaParts } from "../machinery/byte-arena.ts";
import { detach } from "../machinery/detach-string.ts";
import { FragmentTable } from "../machinery/fragment-table.ts";
import { IdTable } from "../machinery/id-table.ts";
import { CellReader } from "../sheet/cell-reader.ts";
import { didYouMean } from "../sheet/did-you-mean.ts";
import type { RowHandlerFactory, Sheet, SheetRow } from "../sheet/read-sheet.ts";
import { type ProblemLog, type ProblemLogParts, restoreProblemLog } from "../sheet/row-error.ts";
import { reportDuplicate } from "../sheet/unique-ids.ts";
import type { Actor } from "./validate-actors.ts";

const json = JSON.stringify;

/**
 * What claims.csv says on its own, checked without incidents.csv: so it can be read on another thread while
 * incidents.csv is read on this one, then joined (`joinClaims`). Every rule but "the incident exists" is applied
 * here; for that one, each row keeps its incident id and where in the problem list its message would go.
 */
export interface ClaimPart {
  /** The problems found in claims.csv (file, structure and rules), each with its stage. */
  log: ProblemLogParts;
  /** Data rows read (for the summary's counts). */
  rows: number;
  /** Whether claims.csv exists. */
  present: boolean;
  /** The stage of the rows' rule checks (see ProblemLog), for the messages the join adds. */
  ruleStage: number;
  /** Per checked row: its spreadsheet row; its trimmed incident id (as one text, cut at `incidentEnds`)… */
  row: Int32Array<ArrayBuffer>;
  incidentIds: string;
  incidentEnds: Int32Array<ArrayBuffer>;
  /** …how many errors were logged before the incident id is checked; and its claim number (-1: not kept). */
  errorsBefore: Int32Array<ArrayBuffer>;
  claim: Int32Array<ArrayBuffer>;
  /** The kept claims, numbered 0, 1, 2, … (see IncidentStore for what each holds). */
  claimOpen: ByteArenaParts;
  claimHead: Int32Array<ArrayBuffer>;
  claimHeadBytes: Uint8Array<ArrayBuffer>[];
  claimHeadSources: number[];
  claimTail: ByteArenaParts;
  disputes: Uint8Array<ArrayBuffer>;
}

/** claims.csv's context: the referenced sheets' valid rows and every id they have. */
export interface ClaimContext {
  actors: Map<string, Actor>;
  actorIds: Set<string>;
  sources: Map<string, SourceRef>;
  sourceIds: Set<string>;
}

/** Collects a ClaimPart row by row (see `validateClaims`); `finish()` hands it out. */
export class ClaimCollector {
  rows = 0;
  present = false;
  ruleStage = 0;
  private readonly row = int32Column();
  private ids: string[] = [];
  private readonly incidentEnds = int32Column();
  private incidentChars = 0;
  private readonly errorsBefore = int32Column();
  private readonly claim = int32Column();
  readonly claimOpen: ByteArena;
  readonly claimHead = int32Column();
  readonly claimHeadTable = new FragmentTable<number>();
  readonly claimTail: ByteArena;
  readonly disputes = uint8Column();

  /** Claims kept so far: the next kept claim's number. */
  kept = 0;

  /**
   * `keepsOutput` false, for a check that writes nothing: a valid claim is only numbered (and whether it disputes
   * is noted), with no fragment or text made for it.
   */
  constructor(
    readonly log: ProblemLog,
    readonly keepsOutput = true,
  ) {
    this.claimOpen = new ByteArena();
    this.claimTail = new ByteArena();
  }

  /** One checked row: `incident` is the trimmed cell ("" when empty, already reported), `claim` -1 if not kept. */
  add(row: number, incident: string, errorsBefore: number, claim: number): void {
    this.row.push(row);
    // Kept until the join, so detached from the parsed chunk (see detach-string.ts).
    this.ids.push(detach(incident));
    this.incidentChars += incident.length;
    this.incidentEnds.push(this.incidentChars);
    this.errorsBefore.push(errorsBefore);
    this.claim.push(claim);
  }

  finish(): ClaimPart {
    const incidentIds = this.ids.join("");
    this.ids = [];
    return {
      log: this.log.parts(),
      rows: this.rows,
      ruleStage: this.ruleStage,
      present: this.present,
      row: this.row.data.slice(0, this.row.length),
      incidentIds,
      incidentEnds: this.incidentEnds.data.slice(0, this.incidentEnds.length),
      errorsBefore: this.errorsBefore.data.slice(0, this.errorsBefore.length),
      claim: this.claim.data.slice(0, this.claim.length),
      claimOpen: this.claimOpen.parts(),
      claimHead: this.claimHead.data.slice(0, this.claimHead.length),
      claimHeadBytes: this.claimHeadTable.bytes,
      claimHeadSources: this.claimHeadTable.meta,
      claimTail: this.claimTail.parts(),
      disputes: this.disputes.data.slice(0, this.disputes.length),
    };
  }
}

/** The sorted source ids; a claim's source is a number into this list. */
export function sortedSourceIds(sources: Map<string, SourceRef>): string[] {
  return [...sources.keys()].sort();
}

/**
 * claims.csv, row by row as it is read → valid claims collected in sheet order (`out`), checked against the
 * actors and sources, and each row's incident id kept for `joinClaims`.
 */
export function validateClaims(context: ClaimContext, out: ClaimCollector): RowHandlerFactory {
  const log = out.log;
  const claimRows = new IdTable();
  const actorRefs = new Map<string, ActorRef>();
  for (const a of context.actors.values()) actorRefs.set(a.id, { id: a.id, name: a.name, color: a.color });
  const sourceIndex = new Map(sortedSourceIds(context.sources).map((id, i) => [id, i]));

  return (sheet: Sheet) => {
    const cells = new CellReader(sheet, log);
    return (row: SheetRow) => {
      out.ruleStage = log.stage;
      cells.at(row);
      let id = cells.slug("id");
      if (id !== null) {
        const first = claimRows.get(id);
        if (first !== undefined) {
          reportDuplicate(cells, id, first);
          id = null;
        } else {
          // Kept for the whole run, so detached from the parsed chunk (see detach-string.ts).
          id = detach(id);
          claimRows.set(id, row.row);
        }
      }
      // Whether the incident exists is known only once incidents.csv is read: its message is placed here later.
      const incident = cells.code("incident");
      const errorsBefore = log.errors.length;
      const claimantId = cells.ref("claimant", context.actorIds, "actors.csv");
      const sourceId = cells.ref("source", context.sourceIds, "sources.csv");
      const stance = cells.oneOf("stance", STANCES, "a stance");
      const textEn = cells.text("claim_en");
      const textAr = cells.text("claim_ar");
      const killed = cells.figure("killed");
      const injured = cells.figure("injured");
      const captured = cells.figure("captured");
      const claimant = claimantId === null ? undefined : actorRefs.get(claimantId);
      const source = sourceId === null ? undefined : context.sources.get(sourceId);
      if (!cells.ok || id === null || incident === null || !claimant || !source || stance === null) {
        out.add(row.row, incident ?? "", errorsBefore, -1);
        return;
      }
      out.disputes.push(stance !== "asserts" ? 1 : 0);
      const claim = out.kept++;
      if (!out.keepsOutput) {
        out.add(row.row, incident, errorsBefore, claim);
        return;
      }
      let head = out.claimHeadTable.find(claimant, source, stance);
      if (head === -1) {
        head = out.claimHeadTable.add(
          `,"claimant":${json(claimant)},"source":${json(source)},"stance":${json(stance)},"text":`,
          sourceIndex.get(source.id) as number,
          claimant,
          source,
          stance,
        );
      }
      const o = out.claimOpen;
      o.open(id.length);
      o.bytesOf(CLAIM_ID);
      o.text(id);
      o.bytesOf(QUOTE);
      o.close();
      out.claimHead.push(head);
      const t = out.claimTail;
      t.open(textEn.length + textAr.length);
      t.bytesOf(EN);
      t.json(textEn);
      t.bytesOf(AR);
      t.json(textAr);
      t.text(`},"killed":${killed},"injured":${injured},"captured":${captured}}`);
      t.close();
      out.add(row.row, incident, errorsBefore, claim);
    };
  };
}

const ascii = (text: string) => new TextEncoder().encode(text);
const EN = ascii('{"en":');
const AR = ascii(',"ar":');
const CLAIM_ID = ascii('{"id":"');
const QUOTE = ascii('"');

/**
 * Joins claims.csv's part to the incidents read: reports each incident id that is not in incidents.csv where the
 * row-by-row check would have, marks every incident named by any claim row (valid or not: an incident whose claim
 * has a mistake is not "unclaimed"), and chains each kept claim of a valid incident to it, in sheet order.
 * Then hands the claims' problems to `log`.
 */
export function joinClaims(
  part: ClaimPart,
  incidentRows: IdTable,
  store: IncidentStore,
  log: ProblemLog,
  incidentsRead = true,
  malformedIncidentRows: ReadonlySet<number> = new Set(),
): void {
  const claims = restoreProblemLog(part.log);
  store.claimOpen = ByteArena.from(part.claimOpen);
  store.claimTail = ByteArena.from(part.claimTail);
  store.claimHead = part.claimHead;
  store.claimHeadBytes = part.claimHeadBytes;
  store.claimHeadSources = part.claimHeadSources;
  store.nextClaim = new Int32Array(part.claimHead.length).fill(-1);
  const missing: { at: number; row: number; id: string }[] = [];
  const ids = part.incidentIds;
  const ends = part.incidentEnds;
  let from = 0;
  for (let r = 0; r < part.row.length; r++) {
    const to = ends[r] as number;
    if (to === from) continue;
    const id = ids.substring(from, to);
    from = to;
    const incidentRow = incidentRows.get(id);
    if (incidentRow === undefined) {
      if (incidentsRead) missing.push({ at: part.errorsBefore[r] as number, row: part.row[r] as number, id });
      continue;
    }
    const named = store.indexOfRow(incidentRow);
    if (named === -1) {
      // A row with too few or too many cells may have its id read from a shifted cell: its claims point there, so
      // nobody edits a claim that needs no change. (Claims of a row with an ordinary error say nothing: that row's
      // own message names what to fix.)
      if (!malformedIncidentRows.has(incidentRow)) continue;
      claims.warn(
        "claims.csv",
        part.row[r] as number,
        "incident",
        id,
        `belongs to an incident whose row has too few or too many cells (incidents.csv row ${incidentRow})`,
        `correct incidents.csv row ${incidentRow} as its own error says; this claim needs no change`,
      );
      continue;
    }
    store.cited.set(named, 1);
    const claim = part.claim[r] as number;
    if (claim !== -1) store.chainClaim(named, claim, part.disputes[claim] === 1);
  }
  // Each message goes where the row-by-row check would have put it: after the errors logged before it.
  claims.insertErrors(
    missing.map(({ at, row, id }) => {
      const guess = didYouMean(id, incidentRows.keys());
      return {
        at,
        error: {
          severity: "error" as const,
          file: "claims.csv",
          row,
          column: "incident",
          value: id,
          message: "is not an id in incidents.csv",
          fix: guess
            ? `did you mean "${guess}"? Otherwise add a row with this id to incidents.csv`
            : "add a row with this id to incidents.csv, or correct the id",
        },
      };
    }),
    part.ruleStage,
  );
  log.append(claims);
}
