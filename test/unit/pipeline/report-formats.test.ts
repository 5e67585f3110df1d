import { describe, expect, it } from "vitest";
import type { RowError } from "../../../src/pipeline/index.ts";
import {
  columnNumber,
  escapeWorkflowData,
  escapeWorkflowProperty,
  formatGithubAnnotation,
  formatProblemsJson,
} from "../../../src/pipeline/sheet/report-formats.ts";

const badDate: RowError = {
  severity: "error",
  file: "incidents.csv",
  row: 14,
  column: "date_start",
  value: "2022-13-01",
  message: "is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13",
  fix: "check the month and the day",
};

const oddRegion: RowError = {
  severity: "warning",
  file: "places.csv",
  row: 3,
  column: "governorate",
  value: "100% raqqa,\r\nsouth",
  message: "is not the governorate the point lies in",
  fix: "check the coordinates",
};

const missingFile: RowError = {
  severity: "error",
  file: "claims.csv",
  row: null,
  column: null,
  value: null,
  message: "is missing",
  fix: "create claims.csv next to the other sheets",
};

describe("formatProblemsJson", () => {
  it("lists errors then warnings with file, row, column, value, message, fix and severity", () => {
    expect(JSON.parse(formatProblemsJson([badDate, missingFile], [oddRegion]))).toEqual([
      {
        file: "incidents.csv",
        row: 14,
        column: "date_start",
        value: "2022-13-01",
        message: "is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13",
        fix: "check the month and the day",
        severity: "error",
      },
      {
        file: "claims.csv",
        row: null,
        column: null,
        value: null,
        message: "is missing",
        fix: "create claims.csv next to the other sheets",
        severity: "error",
      },
      {
        file: "places.csv",
        row: 3,
        column: "governorate",
        value: "100% raqqa,\r\nsouth",
        message: "is not the governorate the point lies in",
        fix: "check the coordinates",
        severity: "warning",
      },
    ]);
  });

  it("keeps a long value whole, unlike the human line", () => {
    const long = { ...badDate, value: "x".repeat(200) };
    expect(JSON.parse(formatProblemsJson([long], []))[0].value).toHaveLength(200);
  });

  it("prints an empty array when there is nothing to report", () => {
    expect(formatProblemsJson([], [])).toBe("[]");
  });
});

describe("escapeWorkflowData and escapeWorkflowProperty", () => {
  it("escapes percent, carriage return and line feed in a message", () => {
    expect(escapeWorkflowData("100%\r\nnext: a, b")).toBe("100%25%0D%0Anext: a, b");
  });

  it("also escapes colon and comma in a property", () => {
    expect(escapeWorkflowProperty("100%\r\nnext: a, b")).toBe("100%25%0D%0Anext%3A a%2C b");
  });
});

describe("formatGithubAnnotation", () => {
  it("marks the file, line and column of a bad cell with the message data:check prints", () => {
    expect(formatGithubAnnotation(badDate, { path: "data/incidents.csv", col: 6 })).toBe(
      '::error file=data/incidents.csv,line=14,col=6,title=incidents.csv row 14%2C column date_start::incidents.csv row 14, column date_start: "2022-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13. Fix: check the month and the day.',
    );
  });

  it("writes a warning as a warning command, with the message's line breaks and percent escaped", () => {
    const line = formatGithubAnnotation(oddRegion, { path: "data/places.csv", col: 4 });
    expect(line).toBe(
      '::warning file=data/places.csv,line=3,col=4,title=places.csv row 3%2C column governorate::places.csv row 3, column governorate: "100%25 raqqa,\\r\\nsouth" is not the governorate the point lies in. Fix: check the coordinates.',
    );
    expect(line).not.toMatch(/[\r\n]/);
  });

  it("leaves out line and column for a problem with a whole file", () => {
    expect(formatGithubAnnotation(missingFile, { path: "data/claims.csv", col: null })).toBe(
      "::error file=data/claims.csv,title=claims.csv::claims.csv: is missing. Fix: create claims.csv next to the other sheets.",
    );
  });

  it("escapes a comma or colon in the file's path", () => {
    expect(formatGithubAnnotation(missingFile, { path: "C:/my,data/claims.csv", col: null })).toContain(
      "file=C%3A/my%2Cdata/claims.csv,",
    );
  });
});

describe("columnNumber", () => {
  it("finds a column in a header the way the sheet reader does (trimmed, BOM dropped)", () => {
    const header = ["\uFEFFid", " title_en ", "date_start"];
    expect(columnNumber(header, "id")).toBe(1);
    expect(columnNumber(header, "title_en")).toBe(2);
    expect(columnNumber(header, "date_start")).toBe(3);
  });

  it("is null for a column the header lacks, or no column", () => {
    expect(columnNumber(["id"], "lat")).toBeNull();
    expect(columnNumber(["id"], null)).toBeNull();
  });
});
