import type { ActorRef, ClaimRef, SourceRef } from "../core/incident";
import { STANCES } from "../core/vocabulary";
import { CellReader } from "./cell-reader";
import type { Sheet } from "./read-sheet";
import type { ProblemLog } from "./row-error";
import { UniqueIds } from "./unique-ids";
import type { Actor } from "./validate-actors";

/** claims.csv → claims grouped by incident id, each group in sheet order, and every incident id cited. */
export function validateClaims(
  sheet: Sheet,
  log: ProblemLog,
  context: {
    incidentIds: Set<string>;
    actors: Map<string, Actor>;
    actorIds: Set<string>;
    sources: Map<string, SourceRef>;
    sourceIds: Set<string>;
  },
): { byIncident: Map<string, ClaimRef[]>; cited: Set<string> } {
  const byIncident = new Map<string, ClaimRef[]>();
  // Incident ids named by any claim row, valid or not: an incident whose claim has a mistake is not "unclaimed".
  const cited = new Set<string>();
  const ids = new UniqueIds();
  const cells = new CellReader(sheet, log);
  const actorRefs = new Map<string, ActorRef>();
  for (const a of context.actors.values()) actorRefs.set(a.id, { id: a.id, name: a.name, color: a.color });
  for (const row of sheet.rows) {
    cells.at(row);
    const id = ids.take(cells, cells.slug("id"));
    const incident = cells.ref("incident", context.incidentIds, "incidents.csv");
    cited.add(cells.raw("incident").trim());
    const claimantId = cells.ref("claimant", context.actorIds, "actors.csv");
    const sourceId = cells.ref("source", context.sourceIds, "sources.csv");
    const stance = cells.oneOf("stance", STANCES, "a stance");
    const text = { en: cells.text("claim_en"), ar: cells.text("claim_ar") };
    const killed = cells.figure("killed");
    const injured = cells.figure("injured");
    const captured = cells.figure("captured");
    const claimant = claimantId === null ? undefined : actorRefs.get(claimantId);
    const source = sourceId === null ? undefined : context.sources.get(sourceId);
    if (!cells.ok || id === null || incident === null || !claimant || !source || stance === null) continue;
    const claim: ClaimRef = { id, claimant, source, stance, text, killed, injured, captured };
    const list = byIncident.get(incident);
    if (list) list.push(claim);
    else byIncident.set(incident, [claim]);
  }
  return { byIncident, cited };
}
