import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  csvBlocks,
  csvRecord,
  csvRecords,
  recordCells,
} from "../../../../src/pipeline/import/csv-records.ts";
import { cutText as cut } from "../sheets.ts";

// Cells that stress CSV: quotes, commas, line breaks of every kind, Arabic, spaces at the ends, empty.
const cell = fc.constantFrom(
  "",
  "plain",
  "a,b",
  'say "hi"',
  "two\nlines",
  "cr\r\nlf",
  "عربي، نص",
  " pad ",
  '"',
);
const rows = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 });
const newline = fc.constantFrom("\n", "\r\n");

function sheetText(cells: string[][], nl: string, bom: boolean): string {
  return `${bom ? "\uFEFF" : ""}${cells.map(csvRecord).join(nl)}${nl}`;
}

describe("CSV read a part at a time", () => {
  it("gives the same records wherever the text is cut, and each record's cells as written", () => {
    fc.assert(
      fc.property(rows, newline, fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), (cells, nl, bom, at) => {
        const text = sheetText(cells, nl, bom);
        const stream = csvRecords(cut(text, at));
        const records = [...stream.records];
        expect(records.map(recordCells)).toEqual(cells);
        expect(stream.form).toEqual({ bom, crlf: nl === "\r\n" });
      }),
      { numRuns: 300 },
    );
  });

  it("cuts blocks only between records, so Papa reads the same rows block by block as from the whole text", () => {
    fc.assert(
      fc.property(rows, newline, fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), (cells, nl, bom, at) => {
        const text = sheetText(cells, nl, bom);
        const whole = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" }).data;
        const stream = csvBlocks(cut(text, at));
        const byBlock: string[][] = [];
        for (const block of stream.blocks) {
          const parsed = Papa.parse<string[]>(block, {
            newline: stream.form.newline,
            skipEmptyLines: "greedy",
          });
          byBlock.push(...parsed.data);
        }
        expect(byBlock).toEqual(whole);
        expect(byBlock).toEqual(cells.filter((r) => r.some((c) => c.trim() !== "")));
      }),
      { numRuns: 300 },
    );
  });
});
