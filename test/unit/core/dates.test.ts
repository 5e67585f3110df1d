import { describe, expect, it } from "vitest";
import { daysInMonth, localIsoDay, parsePartialDate } from "../../../src/core/dates.ts";

describe("parsePartialDate", () => {
  it("expands a month to its first and last day, leap years included", () => {
    expect(parsePartialDate("2024-02")).toEqual({
      ok: true,
      precision: "month",
      start: "2024-02-01",
      end: "2024-02-29",
    });
    expect(parsePartialDate("2023-02")).toMatchObject({ end: "2023-02-28" });
  });

  it("expands a year to the whole year and keeps a day as it is", () => {
    expect(parsePartialDate("2021")).toEqual({
      ok: true,
      precision: "year",
      start: "2021-01-01",
      end: "2021-12-31",
    });
    expect(parsePartialDate("2022-01-20")).toEqual({
      ok: true,
      precision: "day",
      start: "2022-01-20",
      end: "2022-01-20",
    });
  });

  it("rejects dates that do not exist, saying why", () => {
    expect(parsePartialDate("2022-13-01")).toEqual({
      ok: false,
      problem: "month",
      detail: "there is no month 13",
    });
    expect(parsePartialDate("2022-02-29")).toEqual({
      ok: false,
      problem: "day",
      detail: "2022-02 has 28 days",
    });
    expect(parsePartialDate("2022-1-5")).toMatchObject({ ok: false, problem: "shape" });
    expect(parsePartialDate("20/01/2022")).toMatchObject({ ok: false, problem: "shape" });
  });
});

describe("daysInMonth", () => {
  it("follows the Gregorian leap rule", () => {
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2024, 4)]).toEqual([28, 29, 30]);
  });
});

describe("localIsoDay", () => {
  it("gives the local calendar day, not the UTC one", () => {
    // 23:30 local on 31 Dec in Los Angeles (TZ pinned for unit tests) is already 1 Jan in UTC.
    expect(localIsoDay(new Date(2025, 11, 31, 23, 30))).toBe("2025-12-31");
  });
});
