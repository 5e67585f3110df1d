import {
  cellProblem,
  type DatasetRow,
  futureDayProblem,
  ofOtherCountry,
  type ParsedRow,
  type ParseOptions,
  readCount,
  readPoint,
  splitNames,
} from "./dataset-event.ts";
import { ACLED_GEO_PRECISION, acledDate } from "./precision.ts";

/**
 * ACLED `sub_event_type` → the sheet's event type. Sub-event types missing here (protests, riots, most strategic
 * developments) are not incidents of this map: such rows are counted by type and left out.
 */
const SUB_EVENT_TYPES: Readonly<Record<string, string>> = {
  "Armed clash": "armed-clash",
  "Government regains territory": "armed-clash",
  "Non-state actor overtakes territory": "armed-clash",
  Attack: "attack",
  "Sexual violence": "attack",
  "Chemical weapon": "attack",
  "Abduction/forced disappearance": "arrest",
  Arrests: "arrest",
  "Air/drone strike": "airstrike",
  "Shelling/artillery/missile attack": "shelling",
  "Remote explosive/landmine/IED": "bombing",
  "Suicide bomb": "bombing",
  Grenade: "bombing",
};

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** ACLED writes `event_date` as YYYY-MM-DD (API) or "15 January 2023" (website export). */
function readDay(raw: string | undefined): string | null {
  const v = (raw ?? "").trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(v);
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] as string).toLowerCase());
  if (month === -1) return null;
  return `${m[3]}-${String(month + 1).padStart(2, "0")}-${(m[1] as string).padStart(2, "0")}`;
}

/**
 * One row of an ACLED CSV export → a DatasetEvent, a problem naming the cell, or "filtered".
 * @example parseAcledRow({ event_id_cnty: "SYR1", event_date: "2024-03-02", … }, 2, options)
 */
export function parseAcledRow(r: DatasetRow, row: number, options: ParseOptions): ParsedRow {
  const id = (r.event_id_cnty ?? "").trim();
  if (!/^[A-Za-z]{2,4}\d+$/.test(id)) {
    return cellProblem(
      options,
      row,
      "event_id_cnty",
      id,
      "is not an ACLED event id (country letters and a number)",
      "keep the export's event_id_cnty column as it is",
    );
  }
  if (ofOtherCountry(r, options)) return { kind: "filtered", reason: "country" };
  const subType = (r.sub_event_type ?? "").trim();
  const eventType = SUB_EVENT_TYPES[subType];
  if (eventType === undefined) return { kind: "filtered", reason: "type", label: subType || "(empty)" };
  const day = readDay(r.event_date);
  if (day === null) {
    return cellProblem(
      options,
      row,
      "event_date",
      r.event_date ?? "",
      "is not a date (YYYY-MM-DD or 15 January 2023)",
      "check the export",
    );
  }
  if (day > options.today) {
    return futureDayProblem(options, row, "event_date", day);
  }
  const date = acledDate((r.time_precision ?? "").trim(), day, options.today);
  if (!date) {
    return cellProblem(
      options,
      row,
      "time_precision",
      r.time_precision ?? "",
      "is not an ACLED time precision (1, 2 or 3)",
      "check the export",
    );
  }
  if (options.since !== null && day < options.since) return { kind: "filtered", reason: "since" };
  const geoCode = (r.geo_precision ?? "").trim();
  const place = ACLED_GEO_PRECISION[geoCode];
  if (!place) {
    return cellProblem(
      options,
      row,
      "geo_precision",
      geoCode,
      "is not an ACLED location precision (1, 2 or 3)",
      "check the export",
    );
  }
  const point = readPoint(options, row, r);
  if ("kind" in point) return point;
  const { lat, lon } = point;
  const fatalities = readCount(r.fatalities);
  const first = [...splitNames(r.actor1), ...splitNames(r.assoc_actor_1)];
  const second = [...splitNames(r.actor2), ...splitNames(r.assoc_actor_2)];
  // ACLED's actor 1 and 2 carry no direction: in a battle every side is listed as both.
  const battle = (r.event_type ?? "").trim() === "Battles";
  const everyone = [...new Set([...first, ...second])];
  return {
    kind: "event",
    event: {
      dataset: "acled",
      eventId: id,
      row,
      date,
      lat,
      lon,
      place,
      placeName: (r.location ?? "").trim(),
      admin: [r.admin1, r.admin2, r.admin3].map((a) => (a ?? "").trim()).filter((a) => a !== ""),
      event_type: eventType,
      typeLabel: `${(r.event_type ?? "").trim()}: ${subType}`,
      perpetrators: battle ? everyone : first,
      targets: battle ? everyone : second,
      deaths: fatalities === null ? null : { low: fatalities, best: fatalities, high: fatalities },
      reportedBy: (r.source ?? "").trim(),
      reportedOn: "",
      recordDay: readTimestampDay(r.timestamp),
    },
  };
}

// Exports stamp records in batches: a few thousand distinct days, each spelled out once (bounded for hostile input).
const DAY_OF_EPOCH_DAY = new Map<number, string>();
const DAYS_MAX = 50_000;

/** ACLED `timestamp` (Unix seconds) → the UTC day it falls on, or null. */
function readTimestampDay(raw: string | undefined): string | null {
  const v = (raw ?? "").trim();
  if (!/^\d{9,11}$/.test(v)) return null;
  const epochDay = Math.floor(Number(v) / 86_400);
  let day = DAY_OF_EPOCH_DAY.get(epochDay);
  if (day === undefined) {
    day = new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
    if (DAY_OF_EPOCH_DAY.size >= DAYS_MAX) DAY_OF_EPOCH_DAY.clear();
    DAY_OF_EPOCH_DAY.set(epochDay, day);
  }
  return day;
}
