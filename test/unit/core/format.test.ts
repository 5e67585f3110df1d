import { describe, expect, it } from "vitest";
import {
  formatClaimFigures,
  formatDateSpan,
  formatFigure,
  formatLocationPrecision,
  formatPublished,
  formatShortDate,
  groupClaimsByClaimant,
  isApproximate,
  pickText,
} from "../../../src/core/format.ts";
import type { ClaimRef, IncidentProperties } from "../../../src/core/incident.ts";

describe("formatDateSpan", () => {
  it("writes one day in words, without shifting it in a time zone west of UTC", () => {
    expect(formatDateSpan("2022-01-20", "2022-01-20", "day", "en")).toBe("20 January 2022");
  });

  it("writes days within one month as a tight range", () => {
    expect(formatDateSpan("2022-01-20", "2022-01-30", "day", "en")).toBe("20–30 January 2022");
  });

  it("writes days across months with both months", () => {
    expect(formatDateSpan("2022-01-20", "2022-03-03", "day", "en")).toBe("20 January – 3 March 2022");
  });

  it("says when only the month is known", () => {
    expect(formatDateSpan("2025-04-01", "2025-04-30", "month", "en")).toBe("April 2025 (month only)");
  });

  it("says when only the year is known", () => {
    expect(formatDateSpan("2023-01-01", "2023-12-31", "year", "en")).toBe("2023 (year only)");
  });

  it("writes a span of months at month precision", () => {
    expect(formatDateSpan("2019-02-01", "2019-03-31", "month", "en")).toBe(
      "February – March 2019 (month only)",
    );
  });

  it("writes Arabic with Levantine month names and Arabic-Indic digits", () => {
    expect(formatDateSpan("2022-01-20", "2022-01-30", "day", "ar")).toBe("٢٠–٣٠ كانون الثاني ٢٠٢٢");
    expect(formatDateSpan("2025-04-01", "2025-04-30", "month", "ar")).toBe("نيسان ٢٠٢٥ (الشهر فقط)");
  });
});

describe("formatPublished", () => {
  it("writes a publication date at its own precision without a note", () => {
    expect(formatPublished("2022-01-25", "day", "en")).toBe("25 January 2022");
    expect(formatPublished("2025-04", "month", "en")).toBe("April 2025");
    expect(formatPublished("2024", "year", "en")).toBe("2024");
  });
});

describe("formatShortDate", () => {
  it("abbreviates the first day for list rows, at the incident's precision", () => {
    const day = { date_start: "2022-01-20", date_precision: "day" } as IncidentProperties;
    const month = { date_start: "2025-04-01", date_precision: "month" } as IncidentProperties;
    expect(formatShortDate(day, "en")).toBe("20 Jan 2022");
    expect(formatShortDate(month, "en")).toBe("Apr 2025");
  });
});

describe("formatLocationPrecision", () => {
  it("gives the precision class with its radius", () => {
    expect(formatLocationPrecision("village", 5, "en")).toBe("village, within ~5 km");
    expect(formatLocationPrecision("district", 10, "ar")).toBe("منطقة، ضمن نحو ١٠ كم");
  });

  it("says an exact location has no radius", () => {
    expect(formatLocationPrecision("exact", 0, "en")).toBe("exact location");
  });
});

describe("isApproximate", () => {
  it("marks any location with a radius as approximate, and an exact one as not", () => {
    expect(isApproximate({ location_precision: "town", radius_km: 2 })).toBe(true);
    expect(isApproximate({ location_precision: "exact", radius_km: 0 })).toBe(false);
  });
});

describe("formatFigure", () => {
  it("groups digits in the active locale", () => {
    expect(formatFigure(1234, "en")).toBe("1,234");
    expect(formatFigure(1234, "ar")).toBe("١٬٢٣٤");
  });
});

describe("formatClaimFigures", () => {
  it("lists the figures a claim gives and skips the ones it does not", () => {
    expect(formatClaimFigures({ killed: 3, injured: 9, captured: null }, "en")).toBe("3 killed, 9 injured");
    expect(formatClaimFigures({ killed: null, injured: null, captured: 4 }, "ar")).toBe(
      "المأسورون أو المعتقلون: ٤",
    );
  });

  it("is empty when a claim gives no figures", () => {
    expect(formatClaimFigures({ killed: null, injured: null, captured: null }, "en")).toBe("");
  });
});

describe("pickText", () => {
  it("returns the requested language when it is there", () => {
    expect(pickText({ en: "Raid", ar: "مداهمة" }, "ar")).toEqual({
      text: "مداهمة",
      lang: "ar",
      fallback: false,
    });
  });

  it("falls back to the other language and says so", () => {
    expect(pickText({ en: "Raid", ar: " " }, "ar")).toEqual({ text: "Raid", lang: "en", fallback: true });
  });
});

describe("groupClaimsByClaimant", () => {
  it("groups claims by claimant in order of first appearance", () => {
    const claim = (id: string, claimant: string) =>
      ({ id, claimant: { id: claimant, name: { en: claimant, ar: claimant }, color: "#000" } }) as ClaimRef;
    const groups = groupClaimsByClaimant([claim("a", "sdf"), claim("b", "sohr"), claim("c", "sdf")]);
    expect(groups.map((g) => [g.claimant.id, g.claims.map((c) => c.id)])).toEqual([
      ["sdf", ["a", "c"]],
      ["sohr", ["b"]],
    ]);
  });
});
