import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { buildIncidents } from "../../../src/pipeline/index.ts";
import { caseSheets, reference, TODAY } from "./sheets.ts";

const base = caseSheets("valid-minimal");
const incidentRecords = Papa.parse<string[]>(base["incidents.csv"] ?? "", { skipEmptyLines: true }).data;
const [header = [], ...validRows] = incidentRecords;

// Cells that stress the reader: quotes, commas, newlines, BOMs, Arabic, Arabic-Indic digits, blanks.
const nastyCell = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '"',
    '""',
    ",",
    "\n",
    "\r\n",
    "\uFEFF",
    "",
    " ",
    "٣٠٠",
    "غويران",
    "2022-13-01",
    "-1",
    "1e3",
  ),
  fc.string({ unit: fc.constantFrom("a", "ب", '"', ",", "\n", "-", "1", "٣", " ") }),
);

// Hundreds of builds per property: a few seconds on a quiet machine, more than vitest's 5 s default on a busy one.
describe("buildIncidents with random sheets", { timeout: 120_000 }, () => {
  it("never throws and never loses an incident row: no errors means one feature per row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(validRows.length - 1), fc.nat(header.length - 1), nastyCell), {
          maxLength: 4,
        }),
        fc.array(fc.nat(validRows.length - 1), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        (edits, picks, bom, crlf) => {
          // Rows are copies of valid ones with fresh ids, then random cells are overwritten.
          const rows = picks.map((p, i) => {
            const row = [...(validRows[p] as string[])];
            row[0] = `incident-${i}`;
            return row;
          });
          for (const [r, c, value] of edits) {
            const row = rows[r % rows.length] as string[];
            row[c] = value;
          }
          const text = Papa.unparse([header, ...rows], { newline: crlf ? "\r\n" : "\n" });
          const sheets = { ...base, "incidents.csv": `${bom ? "\uFEFF" : ""}${text}\n` };
          const result = buildIncidents(sheets, reference, { today: TODAY });
          if (result.errors.length === 0) {
            expect(result.collection?.features).toHaveLength(rows.length);
          } else {
            expect(result.collection).toBeNull();
          }
          expect(result.counts.incidents).toBeLessThanOrEqual(rows.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text in any sheet", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(base) as (keyof typeof base)[])),
        fc.string(),
        (file, text) => {
          const result = buildIncidents({ ...base, [file]: text }, reference, { today: TODAY });
          expect(result.collection === null).toBe(result.errors.length > 0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
