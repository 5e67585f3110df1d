import fc from "fast-check";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { findSegmentStarts } from "../../../src/pipeline/machinery/segment-starts.ts";
import { createBothWays } from "./both-ways.ts";
import { caseSheets } from "./sheets.ts";

const encoder = new TextEncoder();
const readOf = (bytes: Uint8Array) => (at: number, into: Uint8Array) => {
  const piece = bytes.subarray(at, at + into.length);
  into.set(piece);
  return piece.length;
};
const cutsOf = (text: string, every: number, pieceBytes?: number) => {
  const bytes = encoder.encode(text);
  return findSegmentStarts(readOf(bytes), bytes.length, every, pieceBytes);
};

describe("findSegmentStarts", () => {
  it("cuts after a line break, once every so many bytes, never in the last line", () => {
    expect(cutsOf("id\na\nb\nc\n", 1)).toEqual([3, 5]);
    expect(cutsOf("id\r\na\r\nb\r\nc\r\n", 1)).toEqual([4, 7]);
    expect(cutsOf("id\na\nb\nc\n", 4)).toEqual([5]);
    expect(cutsOf("id\na", 1)).toEqual([]);
  });

  it("never cuts inside a quoted cell or next to an empty line", () => {
    // Bytes: 0 i, 3 "a⏎x", 9 b, 11 empty line, 12 c, 14 d.
    expect(cutsOf('id\n"a\nx"\nb\n\nc\nd\n', 1)).toEqual([3, 9]);
    expect(cutsOf('id\n"a\nx"\nb\n\nc\nd\n', 1, 2)).toEqual([3, 9]);
  });

  it("cuts random well-formed sheets only where a record starts", () => {
    const cell = fc.oneof(
      fc.constantFrom("", '"', '""', ",", "\n", "\r\n", "غويران", "a b"),
      fc.string({ unit: fc.constantFrom("a", "ب", '"', ",", "\n", "\r") }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.nat(40),
        fc.integer({ min: 1, max: 16 }),
        (rows, crlf, every, pieceBytes) => {
          const newline = crlf ? "\r\n" : "\n";
          const text = `${Papa.unparse([["a", "b", "c"], ...rows], { newline })}${newline}`;
          const bytes = encoder.encode(text);
          // Byte offsets where Papa starts a record.
          const starts = new Set<number>();
          let chars = 0;
          const records = Papa.parse<string[]>(text, { newline }).data;
          let offset = 0;
          for (const record of records) {
            starts.add(offset);
            const line = Papa.unparse([record], { newline });
            chars += line.length + newline.length;
            offset = encoder.encode(text.slice(0, chars)).length;
          }
          for (const cut of findSegmentStarts(readOf(bytes), bytes.length, every, pieceBytes)) {
            expect(starts.has(cut), `cut at ${cut} of ${JSON.stringify(text)}`).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

const { bothWays, remove } = createBothWays("atlas-split-");
afterAll(remove);

// valid-minimal's incidents, repeated under new ids, each with a claim: enough rows for several stretches.
const base = caseSheets("valid-minimal");
const [incidentHeader = [], ...incidentRows] = Papa.parse<string[]>(base["incidents.csv"] ?? "", {
  skipEmptyLines: true,
}).data;
const [claimHeader = [], ...claimRows] = Papa.parse<string[]>(base["claims.csv"] ?? "", {
  skipEmptyLines: true,
}).data;
const COPIES = 6;
const manyIncidents = Array.from({ length: COPIES }, (_, k) =>
  incidentRows.map((r) => [`${r[0]}-${k}`, ...r.slice(1)]),
).flat();
const manyClaims = Array.from({ length: COPIES }, (_, k) =>
  claimRows.map((r) => [`${r[0]}-${k}`, `${r[1]}-${k}`, ...r.slice(2)]),
).flat();

describe("buildFromDir with incidents.csv cut between two threads", { timeout: 120_000 }, () => {
  it("reads a valid sheet in parts and gives the output of one thread", () => {
    const text = `${Papa.unparse([incidentHeader, ...manyIncidents], { newline: "\n" })}\n`;
    const claims = `${Papa.unparse([claimHeader, ...manyClaims], { newline: "\n" })}\n`;
    const { one, two } = bothWays({ ...base, "incidents.csv": text, "claims.csv": claims });
    expect(one.errors).toEqual([]);
    expect(two.timings.incidentParts).toBeGreaterThan(0);
    expect(two.counts).toEqual(one.counts);
    expect(two.warnings).toEqual(one.warnings);
    expect(two.output?.text()).toEqual(one.output?.text());
  });

  it("gives random sheets (repeated ids, broken cells, quoted line breaks, stray quotes) one thread's result", () => {
    const idColumn = incidentHeader.indexOf("id");
    let split = 0;
    let repeated = 0;
    const cell = fc.oneof(
      fc.constantFrom("", '"', "a,b", "\n", "x\r\ny", "-1", "٣٠٠", "Bad Id", "2022-13-01", "attack"),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(manyIncidents.length - 1), fc.nat(incidentHeader.length - 1), cell), {
          maxLength: 6,
        }),
        fc.array(fc.tuple(fc.nat(manyIncidents.length - 1), fc.nat(manyIncidents.length - 1)), {
          maxLength: 3,
        }),
        fc.boolean(),
        fc.boolean(),
        (edits, repeats, crlf, raw) => {
          const rows = manyIncidents.map((r) => [...r]);
          for (const [r, c, value] of edits) (rows[r] as string[])[c] = value;
          for (const [from, to] of repeats)
            (rows[to] as string[])[idColumn] = (rows[from] as string[])[idColumn] as string;
          const newline = crlf ? "\r\n" : "\n";
          // Raw: cells joined as they are, so a quote or line break in one makes a malformed sheet.
          const text = raw
            ? `${[incidentHeader, ...rows].map((r) => r.join(",")).join(newline)}${newline}`
            : `${Papa.unparse([incidentHeader, ...rows], { newline })}${newline}`;
          const claims = `${Papa.unparse([claimHeader, ...manyClaims], { newline })}${newline}`;
          const { one, two } = bothWays({ ...base, "incidents.csv": text, "claims.csv": claims });
          expect(two.errors).toEqual(one.errors);
          expect(two.warnings).toEqual(one.warnings);
          expect(two.counts).toEqual(one.counts);
          expect(two.output?.text()).toEqual(one.output?.text());
          if (two.timings.incidentParts > 0) split++;
          if (two.errors.some((e) => e.message.startsWith("is already the id"))) repeated++;
        },
      ),
      { numRuns: 12 },
    );
    // Most runs were read in parts (a stray quote can make the cut wrong: those were read again whole).
    expect(split).toBeGreaterThan(3);
    expect(repeated).toBeGreaterThan(0);
  });
});
