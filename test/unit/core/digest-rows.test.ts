import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDigestWithoutRows } from "../../../src/core/digest-rows.ts";

/** Rows as the digest stores them, with text that trips naive scanners: quotes, brackets, escapes, Arabic. */
const cell = fc.oneof(
  fc.string(),
  fc.constantFrom('"rows":[', "]]", "[[", '\\"', "\\", "}{", "هجوم على سجن الصناعة", "\u2028", ""),
);
const row = fc.array(cell, { minLength: 1, maxLength: 7 });

function digestText(rows: string[][], space: boolean): string {
  const digest = {
    format: "incident-atlas-digest/1",
    count: rows.length,
    meta: { note: 'a "rows": [1, 2] lookalike', nested: { rows: [[9]] } },
    ids: rows.map((_, i) => `inc-${i}`),
    rows,
    columns: { day_start: rows.map((_, i) => i) },
  };
  return space ? JSON.stringify(digest, null, 2) : JSON.stringify(digest);
}

describe("parseDigestWithoutRows", () => {
  it("cuts the rows out: the rest parses to the digest without them, each row to its row", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.boolean(), (rows, space) => {
        const text = digestText(rows, space);
        const cut = parseDigestWithoutRows(text);
        expect(cut).not.toBeNull();
        if (!cut) return;
        expect(cut.value).toEqual({ ...JSON.parse(text), rows: [] });
        expect(cut.starts.length).toBe(rows.length);
        expect(rows.map((_, i) => JSON.parse(cut.text.slice(cut.starts[i], cut.ends[i])))).toEqual(rows);
      }),
    );
  });

  it("finds the top-level rows after a nested rows key, and refuses a nested one found last", () => {
    const cut = parseDigestWithoutRows('{"meta":{"rows":[[1]]},"rows":[["a"],["b]\\\\"]],"count":2}');
    expect(cut?.value).toEqual({ meta: { rows: [[1]] }, rows: [], count: 2 });
    expect(cut && Array.from(cut.starts, (s, i) => cut.text.slice(s, cut.ends[i]))).toEqual([
      '["a"]',
      '["b]\\\\"]',
    ]);
    // The last "rows" is meta's: cutting it leaves the top-level rows in place, so this is not the shape.
    expect(parseDigestWithoutRows('{"rows":[["a"]],"meta":{"rows":[["b"]]}}')).toBeNull();
  });

  it("gives up (null) on text that is not shaped like a digest, so the caller parses it whole", () => {
    for (const text of [
      '{"count":1}',
      '{"rows":{"a":1}}',
      '{"rows":[1,2]}',
      '{"rows":[["unclosed]]}',
      '{"rows":[["a"]',
      '{"rows":[["a"]],}',
      '{"title":"never closed \\"rows\\":[["a"]]}',
    ]) {
      expect(parseDigestWithoutRows(text), text).toBeNull();
    }
  });
});
