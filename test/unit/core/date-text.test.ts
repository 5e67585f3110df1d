import { describe, expect, it } from "vitest";
import { asciiDigits, localDigits, readDate, showDate } from "../../../src/core/date-text.ts";

describe("date fields in the page's language", () => {
  it("shows a day as year-month-day in the UI's digits", () => {
    expect(showDate("2022-01-20", "en")).toBe("2022-01-20");
    expect(showDate("2022-01-20", "ar")).toBe("٢٠٢٢-٠١-٢٠");
    expect(showDate(null, "ar")).toBe("");
  });

  it("reads what it shows, in either language", () => {
    for (const lang of ["en", "ar"] as const) {
      expect(readDate(showDate("2019-03-23", lang))).toEqual({ kind: "day", iso: "2019-03-23" });
    }
  });

  it("reads either digit set and -, / or . between the parts, and pads month and day", () => {
    expect(readDate("٢٠٢٢/١/٥")).toEqual({ kind: "day", iso: "2022-01-05" });
    expect(readDate("۲۰۲۲-۰۱-۰۵")).toEqual({ kind: "day", iso: "2022-01-05" });
    expect(readDate(" 2022.1.5 ")).toEqual({ kind: "day", iso: "2022-01-05" });
  });

  it("says empty for an empty field and invalid for anything that is not a day", () => {
    expect(readDate("  ")).toEqual({ kind: "empty" });
    for (const text of ["2022-02-30", "01/20/2022", "2022-13-01", "2022", "yesterday", "2022-01-20x"]) {
      expect(readDate(text)).toEqual({ kind: "invalid" });
    }
  });

  it("converts digits both ways", () => {
    expect(asciiDigits("٠١٢٣٤٥٦٧٨٩ ۰۹")).toBe("0123456789 09");
    expect(localDigits("0123456789", "ar")).toBe("٠١٢٣٤٥٦٧٨٩");
    expect(localDigits("0123456789", "en")).toBe("0123456789");
  });
});
