import type { ClaimPart } from "../index.ts";
import { ProblemLog } from "../sheet/row-error.ts";
import { type IncidentStretch, readIncidentPart, transferablesOf } from "../stages/incident-part.ts";
import { createLocator } from "../stages/locator.ts";
import { collectClaims, readReferenced } from "../stages/read-sheets.ts";
import type { HelperJob, HelperMessage } from "./helper-thread.ts";
import { takeClaims, takeStretch } from "./helper-thread.ts";
import { DEFAULT_REFERENCE_DIR, loadReference } from "./load.ts";
import { readTextParts, streamSheets } from "./stream-sheets.ts";

type Post = (message: HelperMessage, transfer: ArrayBuffer[]) => void;

/**
 * What the helper thread runs (see helper-thread.ts): claims.csv read and checked on its own, if asked; then
 * stretches of incidents.csv taken from its end, each read into a part, until the calling thread, reading from
 * the start, meets it. Memory is transferred (not copied) back.
 */
export async function runHelper(
  job: HelperJob,
  post: Post,
  start: Promise<{ header: string[]; newline: "\n" | "\r\n" } | null>,
): Promise<void> {
  const sheets = streamSheets(job.dir);
  const today = job.today;
  const timings = { readMs: 0, parseMs: 0 };
  // The referenced sheets' problems are the calling thread's to report; these are read only to check against.
  // Claims first, without places (no turf to load): the calling thread waits for them, and reads them itself if
  // this thread has not begun them by then.
  if (job.claims && takeClaims(new Int32Array(job.queue), true)) {
    const context = readReferenced(sheets, new ProblemLog(), today, timings, { sheets: 0, rows: 0 }, null);
    const part = collectClaims(sheets["claims.csv"], context, timings, job.makeOutput);
    post({ claims: part }, claimTransferables(part));
  }
  const incidents = job.incidents;
  if (incidents) {
    const locator = createLocator(loadReference(job.referenceDir ?? DEFAULT_REFERENCE_DIR));
    const context = readReferenced(sheets, new ProblemLog(), today, timings, { sheets: 0, rows: 0 }, locator);
    const sheet = await start;
    const queue = new Int32Array(job.queue);
    // With `force`, the stretches from the middle on are this thread's already (see startHelper).
    const owned = job.force ? incidents.starts.length - Math.max(1, incidents.starts.length >> 1) : 0;
    let taken = 0;
    const next = () => (taken < owned ? incidents.starts.length - 1 - taken++ : takeStretch(queue, true));
    for (let index = sheet ? next() : -1; index !== -1; index = next()) {
      const from = incidents.starts[index] as number;
      const to = incidents.starts[index + 1] ?? incidents.size;
      const stretch: IncidentStretch = {
        header: (sheet as { header: string[] }).header,
        newline: (sheet as { newline: "\n" | "\r\n" }).newline,
        final: to >= incidents.size,
      };
      const text = { [Symbol.iterator]: () => readTextParts(incidents.path, from, () => to) };
      const part = readIncidentPart(text, stretch, context, locator, today, timings, job.makeOutput);
      post({ incident: part, index }, transferablesOf(part));
    }
  }
  post({ done: true }, []);
}

function claimTransferables(part: ClaimPart): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of [
    part.row,
    part.incidentEnds,
    part.errorsBefore,
    part.claim,
    part.claimHead,
    part.disputes,
  ]) {
    buffers.add(a.buffer);
  }
  for (const arena of [part.claimOpen, part.claimTail]) {
    for (const b of arena.blocks) buffers.add(b.buffer);
    buffers.add(arena.block.buffer);
    buffers.add(arena.start.buffer);
    buffers.add(arena.end.buffer);
  }
  return [...buffers];
}
