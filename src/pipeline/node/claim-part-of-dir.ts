import { readClaimPart } from "../read-sheets";
import type { ClaimPart } from "../validate-claims";
import { streamSheets } from "./stream-sheets";

/**
 * What the claims thread runs (see claims-thread.ts): claims.csv of `dir` read and checked on its own, with the
 * memory to transfer (not copy) back to the calling thread.
 */
export function claimPartOfDir(
  dir: string,
  options: { today?: string },
): { part: ClaimPart; transfer: ArrayBuffer[] } {
  const sheets = streamSheets(dir);
  const part = readClaimPart(
    {
      "actors.csv": sheets["actors.csv"],
      "sources.csv": sheets["sources.csv"],
      "claims.csv": sheets["claims.csv"],
    },
    options,
  );
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
  return { part, transfer: [...buffers] };
}
