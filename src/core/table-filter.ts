import { isoDayToDayNumber } from "./day-number.ts";
import {
  type ActorLists,
  type CoreTable,
  type IncidentTable,
  ROLE_BITS,
  type SourceLists,
} from "./incident-table.ts";
import type { ActorRole, Filters } from "./view-state.ts";

/**
 * The one filter implementation. The map, the list, the timeline and the count are all views of
 * `filterTable`'s result, so they cannot disagree.
 *
 * The table's positions are in date_start order, so the date range is two binary searches (positions before
 * `lo` all end before `from`; positions from `hi` on all start after `to`) and one scan in between.
 *
 * Semantics (documented in Filters): every active filter must match (AND); within a list filter any of the
 * chosen values may match (OR). A date range keeps an incident whose span [date_start, date_end] overlaps it.
 * The text query is answered elsewhere (search-index.ts, it needs files the table does not hold) and comes in
 * as `textMatch`, 1 per matching position.
 */

/** Role bits an actor must have in an incident to count for `role` ("any": any of the three). */
const ROLE_MASK: Record<ActorRole, number> = {
  any: ROLE_BITS.perpetrator | ROLE_BITS.target | ROLE_BITS.claimant,
  perpetrator: ROLE_BITS.perpetrator,
  target: ROLE_BITS.target,
  claimant: ROLE_BITS.claimant,
};

/** A 0/1 mask over codes for the chosen ids; null when `ids` is empty (no filter). Unknown ids match nothing. */
function maskOf(ids: readonly string[], codeOfId: (id: string) => number, size: number): Uint8Array | null {
  if (ids.length === 0) return null;
  const mask = new Uint8Array(size + 1);
  for (const id of ids) {
    const code = codeOfId(id);
    if (code >= 0) mask[code] = 1;
  }
  return mask;
}

/** First position p with column[p] ≥ value (column non-decreasing). */
function lowerBound(column: Int32Array, value: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((column[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function dayOrNull(isoDay: string | null): number | null {
  if (isoDay === null || isoDay === "") return null;
  const day = isoDayToDayNumber(isoDay);
  // Filters come from the URL codec, which validates dates; a stray bad value leaves that side open.
  return Number.isFinite(day) ? day : null;
}

/** id → code lookups over the table's dictionaries, made once per table. */
export interface TableCodes {
  actor(id: string): number;
  source(id: string): number;
  type(id: string): number;
  /** Governorate codes start at 1 (0 = none). */
  governorate(id: string): number;
}

export function tableCodesOf(table: Pick<CoreTable, "meta">): TableCodes {
  const lookup = (ids: readonly string[], first = 0) => {
    const codes = new Map<string, number>();
    ids.forEach((id, k) => {
      codes.set(id, k + first);
    });
    return (id: string) => codes.get(id) ?? -1;
  };
  const { meta } = table;
  return {
    actor: lookup(meta.actors.map((a) => a.id)),
    source: lookup(meta.sources.map((s) => s.id)),
    type: lookup(meta.event_types.map((t) => t.id)),
    governorate: lookup(
      meta.governorates.map((g) => g.id),
      1,
    ),
  };
}

/**
 * Positions of the incidents matching `filters`, ascending (date order).
 *
 * - date: the incident's span [date_start, date_end] overlaps [from, to] (either side may be open);
 * - actors: any chosen actor plays `role` (perpetrator, target, claimant, or any of these);
 * - sources: one of the incident's claims cites a chosen source;
 * - types, governorates: the incident's event type / governorate is one of the chosen;
 * - q: `textMatch[p] === 1` (null when there is no query).
 * A table without its relations answers filters that choose no actor and no source (see needsRelations).
 * @example filterTable(table, codes, { ...NO_FILTERS, from: "2024-01-01", to: "2024-01-31" }, null)
 */
export function filterTable(
  table: CoreTable & Partial<Pick<IncidentTable, "actors" | "sources">>,
  codes: TableCodes,
  filters: Filters,
  textMatch: Uint8Array | null,
): Uint32Array {
  const n = table.count;
  const fromDay = dayOrNull(filters.from);
  const toDay = dayOrNull(filters.to);
  const lo = fromDay === null ? 0 : lowerBound(table.endPrefixMax, fromDay);
  const hi = toDay === null ? n : lowerBound(table.dayStart, toDay + 1);
  const { meta } = table;
  const typeMask = maskOf(filters.types, codes.type, meta.event_types.length);
  const govMask = maskOf(filters.governorates, codes.governorate, meta.governorates.length + 1);
  const actorMask = maskOf(filters.actors, codes.actor, meta.actors.length);
  const roleMask = ROLE_MASK[filters.role] ?? ROLE_MASK.any;
  const sourceMask = maskOf(filters.sources, codes.source, meta.sources.length);

  const { dayEnd, type, governorate, actors, sources } = table;
  if ((actorMask !== null && !actors) || (sourceMask !== null && !sources)) {
    throw new Error("filterTable: a filter by actor or source needs the table's relations (relations.bin)");
  }
  const actorLists = actors as ActorLists;
  const sourceLists = sources as SourceLists;
  const checkEnd = fromDay !== null;
  const from = fromDay ?? 0;
  const out = new Uint32Array(Math.max(0, hi - lo));
  let count = 0;
  for (let p = lo; p < hi; p++) {
    if (checkEnd && (dayEnd[p] as number) < from) continue;
    if (typeMask !== null && typeMask[type[p] as number] !== 1) continue;
    if (govMask !== null && govMask[governorate[p] as number] !== 1) continue;
    if (actorMask !== null && !hasActor(actorLists, p, actorMask, roleMask)) continue;
    if (sourceMask !== null && !hasCode(sourceLists.offsets, sourceLists.codes, p, sourceMask)) continue;
    if (textMatch !== null && textMatch[p] !== 1) continue;
    out[count++] = p;
  }
  return count === out.length ? out : out.slice(0, count);
}

function hasActor(lists: ActorLists, p: number, mask: Uint8Array, roleMask: number): boolean {
  const { offsets, codes, roles } = lists;
  const to = offsets[p + 1] as number;
  for (let k = offsets[p] as number; k < to; k++) {
    if (mask[codes[k] as number] === 1 && ((roles[k] as number) & roleMask) !== 0) return true;
  }
  return false;
}

function hasCode(offsets: Uint32Array, codes: Uint32Array, p: number, mask: Uint8Array): boolean {
  const to = offsets[p + 1] as number;
  for (let k = offsets[p] as number; k < to; k++) {
    if (mask[codes[k] as number] === 1) return true;
  }
  return false;
}

/**
 * Whether answering `filters` needs the table's relations: a choice of actors or sources, or a text search (whose
 * words may name an actor).
 */
export function needsRelations(filters: Filters, terms: readonly string[]): boolean {
  return filters.actors.length > 0 || filters.sources.length > 0 || terms.length > 0;
}
