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
import { UCDP_WHERE_PREC, ucdpDate } from "./precision.ts";

/** UCDP GED `type_of_violence`: its name, the sheet's event type, and whether side A acts on side B. */
const VIOLENCE_TYPES: Readonly<Record<string, { label: string; event_type: string; oneSided: boolean }>> = {
  "1": { label: "state-based conflict", event_type: "armed-clash", oneSided: false },
  "2": { label: "non-state conflict", event_type: "armed-clash", oneSided: false },
  "3": { label: "one-sided violence", event_type: "killing", oneSided: true },
};

/** GED writes dates as YYYY-MM-DD, sometimes followed by a time: the day is what counts. */
function readDay(raw: string | undefined): string | null {
  const v = (raw ?? "").trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/.exec(v);
  return m ? (m[1] as string) : null;
}

/**
 * One row of a UCDP GED CSV export → a DatasetEvent, a problem naming the cell, or "filtered".
 * @example parseUcdpRow({ id: "9001", where_prec: "1", … }, 2, options)
 */
export function parseUcdpRow(r: DatasetRow, row: number, options: ParseOptions): ParsedRow {
  const id = (r.id ?? "").trim();
  if (!/^\d+$/.test(id)) {
    return cellProblem(
      options,
      row,
      "id",
      id,
      "is not a UCDP event id",
      "keep the export's id column as it is",
    );
  }
  if (ofOtherCountry(r, options)) return { kind: "filtered", reason: "country" };
  const type = VIOLENCE_TYPES[(r.type_of_violence ?? "").trim()];
  if (!type) {
    return cellProblem(
      options,
      row,
      "type_of_violence",
      r.type_of_violence ?? "",
      "is not a UCDP type of violence (1, 2 or 3)",
      "check the export; the row is skipped",
    );
  }
  const start = readDay(r.date_start);
  const end = readDay(r.date_end) ?? start;
  if (start === null || end === null || end < start) {
    return cellProblem(
      options,
      row,
      start === null ? "date_start" : "date_end",
      (start === null ? r.date_start : r.date_end) ?? "",
      "is not a day (YYYY-MM-DD) that starts or ends the event",
      "check the export; the row is skipped",
    );
  }
  if (options.since !== null && end < options.since) return { kind: "filtered", reason: "since" };
  if (end > options.today) {
    return futureDayProblem(options, row, "date_end", end);
  }
  const date = ucdpDate((r.date_prec ?? "").trim(), start, end);
  if (!date) {
    return cellProblem(
      options,
      row,
      "date_prec",
      r.date_prec ?? "",
      "is not a UCDP date precision (1–5)",
      "check the export",
    );
  }
  const whereCode = (r.where_prec ?? "").trim();
  const place = UCDP_WHERE_PREC[whereCode];
  if (place === undefined) {
    return cellProblem(
      options,
      row,
      "where_prec",
      whereCode,
      "is not a UCDP location precision (1–7)",
      "check the export",
    );
  }
  if (place === null) {
    return cellProblem(
      options,
      row,
      "where_prec",
      whereCode,
      whereCode === "6"
        ? "places the event only in the country as a whole, and its centroid would be drawn as a place"
        : "places the event in international waters or airspace",
      "add it by hand with a place you can justify, if you have one",
    );
  }
  const point = readPoint(options, row, r);
  if ("kind" in point) return point;
  const { lat, lon } = point;
  const sideA = (r.side_a ?? "").trim();
  const sideB = (r.side_b ?? "").trim();
  const sides = [sideA, sideB].filter((s) => s !== "");
  const low = readCount(r.low);
  const best = readCount(r.best);
  const high = readCount(r.high);
  return {
    kind: "event",
    event: {
      dataset: "ucdp",
      eventId: id,
      row,
      date,
      lat,
      lon,
      place,
      placeName: (r.where_description ?? "").trim(),
      admin: [r.adm_1, r.adm_2].map((a) => (a ?? "").trim()).filter((a) => a !== ""),
      event_type: type.event_type,
      typeLabel: type.label,
      perpetrators: type.oneSided ? [sideA].filter((s) => s !== "") : sides,
      targets: type.oneSided ? [sideB].filter((s) => s !== "") : sides,
      deaths: best === null ? null : { low: low ?? best, best, high: high ?? best },
      reportedBy: splitNames(r.source_office).join("; "),
      reportedOn: (r.source_date ?? "").trim(),
      recordDay: null,
    },
  };
}
