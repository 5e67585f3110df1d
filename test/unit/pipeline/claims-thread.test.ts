import fc from "fast-check";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { diagnoseSheetBytes } from "../../../src/pipeline/sheet/sheet-encoding.ts";
import { createBothWays } from "./both-ways.ts";
import { caseBytes, caseNames, caseSheets } from "./sheets.ts";

const { bothWays, remove } = createBothWays("atlas-threads-");
afterAll(remove);

describe("buildFromDir with claims.csv on a helper thread", { timeout: 60_000 }, () => {
  it("gives every fixture the same messages, counts and output as one thread", () => {
    for (const name of caseNames()) {
      const sheets = caseBytes(name);
      const { one, two } = bothWays(sheets);
      // An incidents.csv that cannot be read (not UTF-8, not comma-separated) stops the helper as soon as its start
      // is read (then claims.csv is read here too), or has its bad byte in a stretch the helper read: either way
      // the same one error.
      const unreadable = one.errors.some(
        (e) => e.file === "incidents.csv" && e.message.includes("none of its"),
      );
      if (diagnoseSheetBytes(sheets["incidents.csv"] ?? new Uint8Array()) === null && !unreadable) {
        expect(two.timings.threads, name).toBe(2);
      }
      expect(one.timings.threads, name).toBe(1);
      expect(two.errors, name).toEqual(one.errors);
      expect(two.warnings, name).toEqual(one.warnings);
      expect(two.counts, name).toEqual(one.counts);
      expect(two.output?.text(), name).toEqual(one.output?.text());
    }
    // Two builds with a thread per fixture case: more cases than the file's other tests need time for.
  }, 180_000);

  it("gives random claims sheets (unknown incidents, broken cells, quotes) the same result as one thread", () => {
    const base = caseSheets("valid-minimal");
    const [header = [], ...rows] = Papa.parse<string[]>(base["claims.csv"] ?? "", {
      skipEmptyLines: true,
    }).data;
    const cell = fc.oneof(
      fc.constantFrom(
        "",
        "nowhere-2020",
        "raqqa-arrests-2023",
        '"',
        "a,b",
        "\n",
        "-1",
        "٣٠٠",
        "asserts",
        "x y",
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(rows.length - 1), fc.nat(header.length - 1), cell), { maxLength: 6 }),
        fc.boolean(),
        (edits, crlf) => {
          const edited = rows.map((r) => [...r]);
          for (const [r, c, value] of edits) (edited[r] as string[])[c] = value;
          const text = `${Papa.unparse([header, ...edited], { newline: crlf ? "\r\n" : "\n" })}\n`;
          const { one, two } = bothWays({ ...base, "claims.csv": text });
          expect(two.timings.threads).toBe(2);
          expect(two.errors).toEqual(one.errors);
          expect(two.warnings).toEqual(one.warnings);
          expect(two.output?.text()).toEqual(one.output?.text());
        },
      ),
      { numRuns: 8 },
    );
  });
});
