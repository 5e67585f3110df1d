import type { ActorRef, SourceRef } from "../core/incident";
import { STANCES } from "../core/vocabulary";
import { CellReader } from "./cell-reader";
import { detach } from "./detach-string";
import type { IncidentStore } from "./incident-store";
import type { RowHandlerFactory, Sheet, SheetRow } from "./read-sheet";
import type { ProblemLog } from "./row-error";
import { reportDuplicate } from "./unique-ids";
import type { Actor } from "./validate-actors";

const json = JSON.stringify;

/**
 * claims.csv, row by row as it is read → valid claims chained to their incident in `store`, in sheet order.
 * Marks every incident named by any claim row, valid or not: an incident whose claim has a mistake is not
 * "unclaimed".
 */
export function validateClaims(
  log: ProblemLog,
  context: {
    /** Every incident row's id → its first row (see validateIncidents). */
    incidentRows: Map<string, number>;
    actors: Map<string, Actor>;
    actorIds: Set<string>;
    sources: Map<string, SourceRef>;
    sourceIds: Set<string>;
  },
  store: IncidentStore,
): RowHandlerFactory {
  const claimRows = new Map<string, number>();
  const actorRefs = new Map<string, ActorRef>();
  for (const a of context.actors.values()) actorRefs.set(a.id, { id: a.id, name: a.name, color: a.color });
  store.sourceIds = [...context.sources.keys()].sort();
  const sourceIndex = new Map(store.sourceIds.map((id, i) => [id, i]));

  return (sheet: Sheet) => {
    const cells = new CellReader(sheet, log);
    return (row: SheetRow) => {
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
      // The incident's first row, in one lookup; only a valid row has an index in the store.
      const incidentRow = cells.refValue("incident", context.incidentRows, "incidents.csv");
      const named = incidentRow === undefined ? -1 : store.indexOfRow(incidentRow);
      if (named !== -1) store.cited.set(named, 1);
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
      if (!cells.ok || id === null || incidentRow === undefined || !claimant || !source || stance === null) {
        return;
      }
      // An incident row with a mistake has no index; there is no output then, so the claim is not kept.
      if (named === -1) return;
      let head = store.claimHeadTable.find(claimant, source, stance);
      if (head === -1) {
        head = store.claimHeadTable.add(
          `,"claimant":${json(claimant)},"source":${json(source)},"stance":${json(stance)},"text":`,
          sourceIndex.get(source.id) as number,
          claimant,
          source,
          stance,
        );
      }
      store.addClaim(named, {
        id,
        head,
        text: [textEn, textAr],
        figures: [killed, injured, captured],
        disputes: stance !== "asserts",
      });
    };
  };
}
