import type { ActorRef, IncidentFeature } from "../../src/core/incident.ts";
import { TextFolder } from "../../src/core/normalize-text.ts";

/**
 * The text search's index. Each incident's own text (titles, summaries, place, position; both languages) is
 * folded once and stored as a few large strings of CHUNK records separated by line breaks, rather than one
 * string per incident: 100k separate strings were mostly garbage-collector work, and `indexOf` over a long
 * string finds a term far faster than 100k `includes` calls. Actor names and aliases are folded once per
 * actor, not copied into every incident (they were half of the text); filter.ts joins the two through the
 * incidents' actor lists.
 */

/** Records per chunk string (~0.3 M characters): large enough for fast `indexOf`, small enough to decode cheaply. */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;

export interface SearchText {
  /** Number of records (incidents, by feature index). */
  size: number;
  /** chunks[k] holds the records of features k·CHUNK … (k+1)·CHUNK − 1, each followed by "\n". */
  chunks: string[];
  /** End (exclusive, within its chunk) of each feature's record. */
  ends: Uint32Array;
  /** Folded names (both languages) and aliases of every actor met, by actor id. */
  actorTexts: ReadonlyMap<string, string>;
}

/**
 * Folds the search text of `features` (record i is features[i]). `aliases` adds other names of actors by id.
 * Reads the feature objects in sheet order: in memory order, which is what makes it fast.
 */
export function createSearchText(
  features: readonly IncidentFeature[],
  aliases: ReadonlyMap<string, readonly string[]>,
): SearchText {
  const size = features.length;
  const ends = new Uint32Array(size);
  const chunks: string[] = [];
  const folder = new TextFolder();
  const actorNames = new Map<string, ActorRef>();
  const meet = (actor: ActorRef) => {
    if (!actorNames.has(actor.id)) actorNames.set(actor.id, actor);
  };
  for (let i = 0; i < size; i++) {
    const p = (features[i] as IncidentFeature).properties;
    folder.add(p.title.en);
    folder.add(p.title.ar);
    folder.add(p.summary.en);
    folder.add(p.summary.ar);
    folder.add(p.place.name.en);
    folder.add(p.place.name.ar);
    folder.add(p.position.en);
    folder.add(p.position.ar);
    ends[i] = folder.length;
    folder.addBreak();
    if ((i & (CHUNK - 1)) === CHUNK - 1 || i === size - 1) chunks.push(folder.take());
    for (const actor of p.perpetrators) meet(actor);
    for (const actor of p.targets) meet(actor);
    for (const claim of p.claims) meet(claim.claimant);
  }
  const actorTexts = new Map<string, string>();
  for (const [id, actor] of actorNames) {
    folder.add(actor.name.en);
    folder.add(actor.name.ar);
    for (const alias of aliases.get(id) ?? []) folder.add(alias);
    actorTexts.set(id, folder.take());
  }
  return { size, chunks, ends, actorTexts };
}

/**
 * Sets `into[i] = 1` for every record i whose own text contains `term` (a folded word: no spaces, no line
 * breaks, so a hit never spans two fields or two records).
 */
export function markRecordsContaining(search: SearchText, term: string, into: Uint8Array): void {
  const { size, chunks, ends } = search;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k] as string;
    const last = Math.min(size, (k + 1) << CHUNK_BITS) - 1;
    let record = k << CHUNK_BITS;
    let at = chunk.indexOf(term);
    while (at !== -1) {
      while ((ends[record] as number) <= at) record++;
      into[record] = 1;
      if (record === last) break;
      // Continue at the next record: one hit per record is enough.
      at = chunk.indexOf(term, (ends[record] as number) + 1);
      record++;
    }
  }
}
