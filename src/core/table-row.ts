import { isoDayToDayNumberUnsliced } from "./day-number.ts";
import { isApproximate } from "./format.ts";
import type { ActorRef, DatePrecision, IncidentFeature } from "./incident.ts";
import { FLAG_BITS, ROLE_BITS } from "./incident-table.ts";
import type { TableCodes } from "./table-codes.ts";

/** The date precision as the table stores it. */
export const PRECISION_CODES: Record<DatePrecision, number> = { day: 0, month: 1, year: 2 };

/**
 * An incident as the table stores it, for a caller that has its fields without a feature object (the pipeline's
 * store): see `addRow`. The caller may reuse one row object: the writer copies what it keeps.
 */
export interface TableRow {
  id: string;
  /** Day numbers (days since 1970); an end before the start is a one-day incident. */
  dayStart: number;
  dayEnd: number;
  lon: number;
  lat: number;
  radiusKm: number;
  /** Codes from the writer's `codes` (`typeCode`, `governorateCode`) (0: none). */
  type: number;
  governorate: number;
  /** FLAG_BITS. */
  flags: number;
  /** 0 day, 1 month, 2 year. */
  datePrecision: number;
  /**
   * Actor entries in the feature's order (perpetrators, targets, claimants): the actor's code (`codes.actorCode`) and
   * the ROLE_BITS of that mention. An actor met again adds its role to its first entry.
   */
  actorCodes: number[];
  actorRoles: number[];
  /** Source codes (`codes.sourceCode`) in the feature's order (its claims', then source_ids); repeats are dropped. */
  sourceCodes: number[];
}

/** A row to fill and reuse, one per writer or feed. */
export function emptyTableRow(): TableRow {
  return {
    id: "",
    dayStart: 0,
    dayEnd: 0,
    lon: 0,
    lat: 0,
    radiusKm: 0,
    type: 0,
    governorate: 0,
    flags: 0,
    datePrecision: 0,
    actorCodes: [],
    actorRoles: [],
    sourceCodes: [],
  };
}

/** Fills `row` from `feature`, coding its vocabularies with `codes`. */
export function fillTableRow(row: TableRow, feature: IncidentFeature, codes: TableCodes): void {
  const p = feature.properties;
  row.id = p.id;
  row.dayStart = isoDayToDayNumberUnsliced(p.date_start);
  row.dayEnd = isoDayToDayNumberUnsliced(p.date_end || p.date_start);
  [row.lon, row.lat] = feature.geometry.coordinates as [number, number];
  row.radiusKm = p.radius_km;
  row.type = codes.typeCode(p.event_type);
  row.governorate = codes.governorateCode(p.governorate);
  row.flags = (isApproximate(p) ? FLAG_BITS.approximate : 0) | (p.contested ? FLAG_BITS.contested : 0);
  row.datePrecision = PRECISION_CODES[p.date_precision] ?? 0;
  row.actorCodes.length = 0;
  row.actorRoles.length = 0;
  const mention = (actor: ActorRef, role: number) => {
    row.actorCodes.push(codes.actorCode(actor));
    row.actorRoles.push(role);
  };
  for (const actor of p.perpetrators) mention(actor, ROLE_BITS.perpetrator);
  for (const actor of p.targets) mention(actor, ROLE_BITS.target);
  for (const claim of p.claims) mention(claim.claimant, ROLE_BITS.claimant);
  row.sourceCodes.length = 0;
  for (const claim of p.claims) row.sourceCodes.push(codes.sourceCode(claim.source));
  // source_ids is derived from the claims by the pipeline; kept in case a hand-made file lists others.
  for (const id of p.source_ids ?? []) row.sourceCodes.push(codes.sourceIdCode(id));
}
