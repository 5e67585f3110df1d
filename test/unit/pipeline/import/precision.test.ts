import { describe, expect, it } from "vitest";
import { LOCATION_PRECISIONS } from "../../../../src/core/vocabulary.ts";
import {
  ACLED_GEO_PRECISION,
  acledDate,
  addDays,
  UCDP_WHERE_PREC,
  ucdpDate,
} from "../../../../src/pipeline/import/precision.ts";

describe("ucdpDate", () => {
  it("keeps an exact day as one day", () => {
    expect(ucdpDate("1", "2019-10-12", "2019-10-12")).toEqual({
      date_start: "2019-10-12",
      date_end: "",
      date_precision: "day",
    });
  });

  it("keeps a window of days (codes 2 and 3) as a range of days", () => {
    expect(ucdpDate("2", "2019-03-01", "2019-03-04")).toEqual({
      date_start: "2019-03-01",
      date_end: "2019-03-04",
      date_precision: "day",
    });
    expect(ucdpDate("3", "2018-11-05", "2018-11-11")?.date_end).toBe("2018-11-11");
  });

  it("turns a month-precise event spanning its calendar month into a month date", () => {
    expect(ucdpDate("4", "2017-06-01", "2017-06-30")).toEqual({
      date_start: "2017-06",
      date_end: "",
      date_precision: "month",
    });
  });

  it("keeps a month-precise event that is not one calendar month as its days", () => {
    expect(ucdpDate("4", "2016-05-10", "2016-06-05")).toEqual({
      date_start: "2016-05-10",
      date_end: "2016-06-05",
      date_precision: "day",
    });
  });

  it("turns a year-precise event spanning its calendar year into a year date", () => {
    expect(ucdpDate("5", "2020-01-01", "2020-12-31")?.date_start).toBe("2020");
  });

  it("rejects a code outside 1–5", () => {
    expect(ucdpDate("6", "2020-01-01", "2020-01-01")).toBeNull();
  });
});

describe("acledDate", () => {
  it("widens a week-precise date to three days either side, never past today", () => {
    expect(acledDate("2", "2024-03-14", "2026-01-15")).toEqual({
      date_start: "2024-03-11",
      date_end: "2024-03-17",
      date_precision: "day",
    });
    expect(acledDate("2", "2024-03-14", "2024-03-15")?.date_end).toBe("2024-03-15");
  });

  it("turns a month-precise date into the month", () => {
    expect(acledDate("3", "2024-04-02", "2026-01-15")).toEqual({
      date_start: "2024-04",
      date_end: "",
      date_precision: "month",
    });
  });

  it("rejects a code outside 1–3", () => {
    expect(acledDate("4", "2024-04-02", "2026-01-15")).toBeNull();
  });
});

describe("location precision tables", () => {
  it("give every mapped code a radius the sheet accepts for its precision", () => {
    for (const place of [...Object.values(UCDP_WHERE_PREC), ...Object.values(ACLED_GEO_PRECISION)]) {
      if (place === null) continue;
      const min = LOCATION_PRECISIONS.find((p) => p.id === place.location_precision)?.minRadiusKm;
      expect(place.radius_km).toBeGreaterThanOrEqual(min as number);
    }
  });

  it("leave country-level and off-shore UCDP codes unmapped", () => {
    expect(UCDP_WHERE_PREC["6"]).toBeNull();
    expect(UCDP_WHERE_PREC["7"]).toBeNull();
  });

  it("grow the radius as the codes grow less precise", () => {
    const radii = ["1", "2", "3", "4", "5"].map((c) => UCDP_WHERE_PREC[c]?.radius_km as number);
    expect([...radii].sort((a, b) => a - b)).toEqual(radii);
    const acled = ["1", "2", "3"].map((c) => ACLED_GEO_PRECISION[c]?.radius_km as number);
    expect([...acled].sort((a, b) => a - b)).toEqual(acled);
  });
});

describe("addDays", () => {
  it("crosses month, year and leap-day boundaries, the same when asked again", () => {
    for (let pass = 0; pass < 2; pass++) {
      expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
      expect(addDays("2024-02-28", 2)).toBe("2024-03-01");
      expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
      expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
      expect(addDays("2024-03-01", -3)).toBe("2024-02-27");
      expect(addDays("2024-01-02", -3)).toBe("2023-12-30");
    }
  });
});
