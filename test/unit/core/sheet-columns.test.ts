import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REQUIRED_COLUMNS, SHEET_COLUMNS, type SheetName } from "../../../src/core/sheet-columns.ts";
import { SHEET_FILES, sheetSpec } from "../../../src/pipeline/sheet/sheet-columns.ts";

/** The column tables of data/README.md: per sheet section, each column named in a row's first cell, and "yes"/"no". */
function documentedColumns(): Map<string, { name: string; required: boolean }[]> {
  const sheets = new Map<string, { name: string; required: boolean }[]>();
  let current: { name: string; required: boolean }[] | null = null;
  for (const line of readFileSync("data/README.md", "utf8").split("\n")) {
    const heading = /^## (\S+\.csv)/.exec(line);
    if (heading) {
      current = [];
      sheets.set(heading[1] as string, current);
      continue;
    }
    if (line.startsWith("## ")) current = null;
    const row = /^\|([^|]*)\|\s*(yes|no)\s*\|/.exec(line);
    if (!current || !row) continue;
    for (const [, name] of (row[1] as string).matchAll(/`([^`]+)`/g)) {
      current.push({ name: name as string, required: row[2] === "yes" });
    }
  }
  return sheets;
}

describe("the sheet columns", () => {
  const documented = documentedColumns();

  it("are those documented in data/README.md, in its order, with the same required ones", () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(SHEET_COLUMNS).sort());
    for (const [sheet, columns] of Object.entries(SHEET_COLUMNS)) {
      const doc = documented.get(sheet) ?? [];
      expect(doc.map((c) => c.name)).toEqual(columns);
      expect(doc.filter((c) => c.required).map((c) => c.name)).toEqual(
        columns.filter((c) => REQUIRED_COLUMNS[sheet as SheetName].includes(c)),
      );
    }
  });

  it("give the pipeline every documented column, each either required or optional", () => {
    expect([...SHEET_FILES].sort()).toEqual(Object.keys(SHEET_COLUMNS).sort());
    for (const file of SHEET_FILES) {
      const { required, optional } = sheetSpec(file);
      expect([...required, ...optional].sort()).toEqual([...SHEET_COLUMNS[file]].sort());
      expect(required.filter((c) => optional.includes(c))).toEqual([]);
      expect(required).toEqual(REQUIRED_COLUMNS[file]);
    }
  });
});
