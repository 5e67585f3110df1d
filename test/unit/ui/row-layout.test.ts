import { describe, expect, it } from "vitest";
import { rowLayout } from "../../../src/ui/row-layout.ts";

const ROW = 44;

/** Row tops the plain way: a running sum over every row (what the list did before). */
function summedTops(rows: number[], measured: Map<number, number>): number[] {
  const tops = [0];
  for (const p of rows) tops.push((tops[tops.length - 1] as number) + (measured.get(p) ?? ROW));
  return tops;
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe("rowLayout: the virtual list's row positions", () => {
  it("puts unmeasured rows at the least height and measured ones at theirs", () => {
    const layout = rowLayout(Uint32Array.of(3, 8, 9, 20), new Map([[8, 60]]), ROW);
    expect([0, 1, 2, 3, 4].map((r) => layout.top(r))).toEqual([0, 44, 104, 148, 192]);
    expect(layout.rowAt(0)).toBe(0);
    expect(layout.rowAt(103)).toBe(1);
    expect(layout.rowAt(104)).toBe(2);
    expect(layout.rowAt(10_000)).toBe(3);
  });

  it("ignores heights measured for incidents the filter does not list now", () => {
    const layout = rowLayout(Uint32Array.of(1, 2), new Map([[5, 300]]), ROW);
    expect(layout.top(2)).toBe(88);
  });

  it("agrees with a running sum over every row, for random filters and measurements", () => {
    const next = random(7);
    for (let trial = 0; trial < 50; trial++) {
      const rows = Array.from({ length: 2000 }, (_, p) => p).filter(() => next() < 0.4);
      const measured = new Map<number, number>();
      for (let k = 0; k < 300; k++)
        measured.set(Math.floor(next() * 2000), ROW + Math.floor(next() * 3) * 22);
      const layout = rowLayout(Uint32Array.from(rows), measured, ROW);
      const tops = summedTops(rows, measured);
      for (let r = 0; r <= rows.length; r++) expect(layout.top(r)).toBe(tops[r]);
      for (let k = 0; k < 50; k++) {
        const y = next() * ((tops[rows.length] as number) + 100);
        const expected = Math.max(
          0,
          Math.min(
            rows.length - 1,
            tops.findLastIndex((top) => top <= y),
          ),
        );
        expect(layout.rowAt(y)).toBe(expected);
      }
    }
  });

  it("has no rows and no height when nothing is listed", () => {
    const layout = rowLayout(new Uint32Array(0), new Map([[1, 80]]), ROW);
    expect(layout.top(0)).toBe(0);
    expect(layout.rowAt(50)).toBe(0);
  });
});
