import { describe, expect, it } from "vitest";
import { formatMessage } from "../../../src/core/format-message.ts";
import { ar } from "../../../src/i18n/ar.ts";
import { en } from "../../../src/i18n/en.ts";

const COUNTS = [0, 1, 2, 3, 11, 100];

describe("formatMessage", () => {
  it("fills placeholders and writes numbers in the language's digits", () => {
    expect(formatMessage("{a} and {b}", { a: "x", b: 1234 }, "en")).toBe("x and 1,234");
    expect(formatMessage("{a} و{b}", { a: "س", b: 1234 }, "ar")).toBe("س و١٬٢٣٤");
  });

  it("leaves an unknown placeholder, a missing value and a malformed choice visible", () => {
    expect(formatMessage("{a} {b}", { a: 1 }, "en")).toBe("1 {b}");
    expect(formatMessage("{n, plural, one {#}", { n: 1 }, "en")).toBe("{n, plural, one {#}");
    expect(formatMessage("{n, plural, lots {#}}", { n: 1 }, "en")).toBe("{n, plural, lots {#}}");
    expect(formatMessage("{n, plural, one {#} other {#}}", { n: "one" }, "en")).toBe(
      "{n, plural, one {#} other {#}}",
    );
  });

  it("prefers an exact =n branch, and keeps placeholders inside a branch", () => {
    const template = "{n, plural, =0 {none on {day}} one {# on {day}} other {# on {day}}}";
    expect(formatMessage(template, { n: 0, day: "Monday" }, "en")).toBe("none on Monday");
    expect(formatMessage(template, { n: 1, day: "Monday" }, "en")).toBe("1 on Monday");
  });

  it("counts incidents in English with one and other", () => {
    expect(COUNTS.map((count) => formatMessage(en.incidentCount, { count }, "en"))).toEqual([
      "0 incidents",
      "1 incident",
      "2 incidents",
      "3 incidents",
      "11 incidents",
      "100 incidents",
    ]);
  });

  it("counts incidents in Arabic with all six forms", () => {
    expect(COUNTS.map((count) => formatMessage(ar.incidentCount, { count }, "ar"))).toEqual([
      "لا حوادث",
      "حادثة واحدة",
      "حادثتان",
      "٣ حوادث",
      "١١ حادثة",
      "١٠٠ حادثة",
    ]);
  });

  it("counts sources in both languages", () => {
    const credit = (template: string, lang: "en" | "ar") =>
      COUNTS.map((count) => formatMessage(template, { count }, lang).split(" · ").pop());
    expect(credit(en.embedCredit, "en")).toEqual([
      "0 sources",
      "1 source",
      "2 sources",
      "3 sources",
      "11 sources",
      "100 sources",
    ]);
    expect(credit(ar.embedCredit, "ar")).toEqual([
      "لا مصادر",
      "مصدر واحد",
      "مصدران",
      "٣ مصادر",
      "١١ مصدرًا",
      "١٠٠ مصدر",
    ]);
  });

  it("agrees the filter count, the timeline's bar and the export line with their number", () => {
    const of = (total: number, lang: "en" | "ar") =>
      formatMessage(lang === "en" ? en.filters.count : ar.filters.count, { shown: 1, total }, lang);
    expect(COUNTS.map((total) => of(total, "en"))).toEqual([
      "1 of 0 incidents",
      "1 of 1 incident",
      "1 of 2 incidents",
      "1 of 3 incidents",
      "1 of 11 incidents",
      "1 of 100 incidents",
    ]);
    expect(COUNTS.map((total) => of(total, "ar"))).toEqual([
      "١ من أصل ٠ حادثة",
      "١ من أصل حادثة واحدة",
      "١ من أصل حادثتين",
      "١ من أصل ٣ حوادث",
      "١ من أصل ١١ حادثة",
      "١ من أصل ١٠٠ حادثة",
    ]);
    const bar = (count: number) =>
      formatMessage(ar.filters.barTitle, { date: "آذار", count, spanning: 0 }, "ar");
    expect(bar(3)).toBe("آذار: ٣ حوادث (منها ٠ تمتد على أكثر من عمود)");
    expect(bar(5)).toBe("آذار: ٥ حوادث (منها ٠ تمتد على أكثر من عمود)");
    expect(formatMessage(en.share.exportCount, { count: 1 }, "en")).toBe("1 incident in this view.");
    expect(formatMessage(ar.share.exportCount, { count: 2 }, "ar")).toBe("حادثتان في هذا العرض.");
  });
});
