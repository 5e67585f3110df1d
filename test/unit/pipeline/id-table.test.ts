import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdTable } from "../../../src/pipeline/machinery/id-table.ts";

describe("IdTable", () => {
  it("answers every get, size and key order exactly as a Map does, through many growths", () => {
    // Few distinct keys, so that sets repeat keys and gets both hit and miss; any text, Arabic and empty included.
    const key = fc.oneof(
      fc.constantFrom("", "inc-1", "inc-2", "حادثة-1", "a", "A"),
      fc.string({ maxLength: 12 }),
      fc.integer({ min: 0, max: 3000 }).map((n) => `inc-${n}`),
    );
    const op = fc.tuple(fc.boolean(), key, fc.nat());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 4000 }), (ops) => {
        const table = new IdTable();
        const map = new Map<string, number>();
        for (const [isSet, k, value] of ops) {
          if (isSet) {
            table.set(k, value);
            map.set(k, value);
          } else {
            expect(table.get(k)).toBe(map.get(k));
          }
        }
        expect(table.size).toBe(map.size);
        expect([...table.keys()]).toEqual([...map.keys()]);
        for (const [k, v] of map) expect(table.get(k)).toBe(v);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps 100,000 ids apart, each with its own row", () => {
    const table = new IdTable();
    for (let i = 0; i < 100_000; i++) table.set(`inc-${i}`, i + 2);
    let wrong = 0;
    for (let i = 0; i < 100_000; i++) if (table.get(`inc-${i}`) !== i + 2) wrong++;
    expect(wrong).toBe(0);
    expect(table.get("inc-100000")).toBeUndefined();
    expect(table.size).toBe(100_000);
  });
});
