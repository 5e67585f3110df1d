import { describe, expect, it } from "vitest";
import { datasetRowView, type ParseOptions } from "../../../../src/pipeline/import/dataset-event.ts";
import { parseAcledRow } from "../../../../src/pipeline/import/parse-acled.ts";
import { parseUcdpRow } from "../../../../src/pipeline/import/parse-ucdp.ts";

const options: ParseOptions = { country: "Syria", since: null, today: "2026-01-15", file: "export.csv" };

const ucdp = {
  id: "900001",
  type_of_violence: "3",
  side_a: "IS",
  side_b: "Civilians",
  source_office: "Outlet A;Outlet B",
  source_date: "2019-10-12",
  where_prec: "2",
  where_description: "near a village",
  adm_1: "Hasakah governorate",
  adm_2: "",
  latitude: "36.5",
  longitude: "40.7",
  country: "Syria",
  date_prec: "1",
  date_start: "2019-10-12 00:00:00.000",
  date_end: "2019-10-12 00:00:00.000",
  best: "4",
  low: "3",
  high: "6",
};

const acled = {
  event_id_cnty: "SYR1",
  event_date: "2024-03-02",
  time_precision: "1",
  event_type: "Battles",
  sub_event_type: "Armed clash",
  actor1: "Group A",
  assoc_actor_1: "Group B; Group C",
  actor2: "Group D",
  assoc_actor_2: "",
  country: "Syria",
  admin1: "Al-Hasakeh",
  location: "Somewhere",
  latitude: "36.5",
  longitude: "40.7",
  geo_precision: "1",
  source: "Outlet A; Outlet B",
  fatalities: "3",
  timestamp: "1709856000",
};

describe("parseUcdpRow", () => {
  it("reads low/best/high and names side A as the one acting in one-sided violence", () => {
    const r = parseUcdpRow(ucdp, 2, options);
    expect(r.kind).toBe("event");
    if (r.kind !== "event") return;
    expect(r.event.deaths).toEqual({ low: 3, best: 4, high: 6 });
    expect(r.event.perpetrators).toEqual(["IS"]);
    expect(r.event.targets).toEqual(["Civilians"]);
    expect(r.event.place).toMatchObject({ location_precision: "district", radius_km: 25 });
    expect(r.event.date).toEqual({ date_start: "2019-10-12", date_end: "", date_precision: "day" });
  });

  it("lists both sides of a state-based conflict as acting and targeted, since GED gives no direction", () => {
    const r = parseUcdpRow(
      { ...ucdp, type_of_violence: "1", side_a: "Government of Syria", side_b: "SDF" },
      2,
      options,
    );
    expect(r.kind === "event" && r.event.perpetrators).toEqual(["Government of Syria", "SDF"]);
    expect(r.kind === "event" && r.event.targets).toEqual(["Government of Syria", "SDF"]);
  });

  it("reports a row without coordinates with its row, column and value", () => {
    const r = parseUcdpRow({ ...ucdp, latitude: "" }, 9, options);
    expect(r).toEqual({
      kind: "problem",
      problem: {
        severity: "error",
        file: "export.csv",
        row: 9,
        column: "latitude",
        value: "",
        message: "is not a coordinate",
        fix: "the row has no point to map; it is skipped",
      },
    });
  });

  it("reports a country-level location instead of drawing the country's centroid", () => {
    const r = parseUcdpRow({ ...ucdp, where_prec: "6" }, 4, options);
    expect(r.kind === "problem" && r.problem.column).toBe("where_prec");
  });

  it("leaves out rows of another country and rows that end before --since", () => {
    expect(parseUcdpRow({ ...ucdp, country: "Turkey" }, 2, options)).toEqual({
      kind: "filtered",
      reason: "country",
    });
    expect(parseUcdpRow(ucdp, 2, { ...options, since: "2020-01-01" })).toEqual({
      kind: "filtered",
      reason: "since",
    });
  });
});

describe("parseAcledRow", () => {
  it("splits multi-actor cells and lists every side of a battle as both acting and targeted", () => {
    const r = parseAcledRow(acled, 2, options);
    expect(r.kind).toBe("event");
    if (r.kind !== "event") return;
    expect(r.event.perpetrators).toEqual(["Group A", "Group B", "Group C", "Group D"]);
    expect(r.event.targets).toEqual(r.event.perpetrators);
    expect(r.event.deaths).toEqual({ low: 3, best: 3, high: 3 });
    expect(r.event.recordDay).toBe("2024-03-08");
  });

  it("names actor 1 as acting and actor 2 as targeted outside battles", () => {
    const r = parseAcledRow(
      {
        ...acled,
        event_type: "Violence against civilians",
        sub_event_type: "Attack",
        actor2: "Civilians (Syria)",
      },
      2,
      options,
    );
    expect(r.kind === "event" && r.event.targets).toEqual(["Civilians (Syria)"]);
    expect(r.kind === "event" && r.event.event_type).toBe("attack");
  });

  it("reads the website export's date form", () => {
    const r = parseAcledRow({ ...acled, event_date: "2 April 2024" }, 2, options);
    expect(r.kind === "event" && r.event.date.date_start).toBe("2024-04-02");
  });

  it("counts a protest as a type the map does not show", () => {
    expect(parseAcledRow({ ...acled, sub_event_type: "Peaceful protest" }, 2, options)).toEqual({
      kind: "filtered",
      reason: "type",
      label: "Peaceful protest",
    });
  });

  it("reports an unknown precision code with its column", () => {
    const r = parseAcledRow({ ...acled, geo_precision: "5" }, 7, options);
    expect(r.kind === "problem" && [r.problem.row, r.problem.column, r.problem.value]).toEqual([
      7,
      "geo_precision",
      "5",
    ]);
  });
});

describe("rows read through one view of the header", () => {
  const header = Object.keys(acled);
  const cellsOf = (row: Record<string, string>) => header.map((column) => row[column] ?? "");

  it("give each row's own event, and an event keeps its values once the next row is read", () => {
    const view = datasetRowView(header);
    const first = parseAcledRow(view(cellsOf(acled)), 2, options);
    const second = parseAcledRow(
      view(cellsOf({ ...acled, event_id_cnty: "SYR2", location: "Elsewhere", timestamp: "1709942400" })),
      3,
      options,
    );
    expect(first).toEqual(parseAcledRow(acled, 2, options));
    expect(second.kind === "event" && [second.event.eventId, second.event.placeName]).toEqual([
      "SYR2",
      "Elsewhere",
    ]);
    expect(second.kind === "event" && second.event.recordDay).toBe("2024-03-09");
    expect(first.kind === "event" && [first.event.eventId, first.event.placeName]).toEqual([
      "SYR1",
      "Somewhere",
    ]);
  });

  it("read a column the header repeats from its last cell, as a record filled in column order would", () => {
    const view = datasetRowView(["location", "location"]);
    expect(view(["first", "last"]).location).toBe("last");
    expect(view(["first", "last"]).latitude).toBeUndefined();
  });
});
