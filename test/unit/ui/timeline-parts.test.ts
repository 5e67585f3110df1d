import { describe, expect, it } from "vitest";
import { brushKeyTarget } from "../../../src/ui/filters/brush-keys.ts";
import { SPAN_LANES, spanLinesOf } from "../../../src/ui/filters/span-lines.ts";

describe("brushKeyTarget", () => {
  it("moves a handle one bar with an arrow, ten with Shift, the way time runs", () => {
    expect(brushKeyTarget("ArrowRight", false, false, 5, 20)).toBe(6);
    expect(brushKeyTarget("ArrowRight", true, false, 5, 20)).toBe(15);
    // In Arabic time runs right to left: right is earlier.
    expect(brushKeyTarget("ArrowRight", false, true, 5, 20)).toBe(4);
    expect(brushKeyTarget("ArrowLeft", false, true, 5, 20)).toBe(6);
    expect(brushKeyTarget("ArrowUp", false, true, 5, 20)).toBe(6);
    expect(brushKeyTarget("PageDown", false, false, 15, 20)).toBe(5);
  });

  it("jumps to the ends with Home and End, and ignores other keys", () => {
    expect(brushKeyTarget("Home", false, false, 5, 20)).toBe(0);
    expect(brushKeyTarget("End", false, false, 5, 20)).toBe(20);
    expect(brushKeyTarget("Enter", false, false, 5, 20)).toBeNull();
  });
});

describe("spanLinesOf", () => {
  // Four bars of ten days each, days 0..39.
  const edges = Int32Array.from([0, 10, 20, 30, 40]);

  it("places a span by its days along the timeline and stacks overlapping ones in lanes", () => {
    const dayStart = [0, 5, 25];
    const dayEnd = [19, 14, 34];
    const lines = spanLinesOf([0, 1, 2], edges, dayStart, dayEnd);
    expect(lines).toEqual([
      { i: 0, start: 0, end: 0.5, lane: 0 },
      { i: 1, start: 0.125, end: 0.375, lane: 1 },
      { i: 2, start: 0.625, end: 0.875, lane: 0 },
    ]);
  });

  it("leaves out spans that fit in no lane", () => {
    const count = SPAN_LANES + 2;
    const lines = spanLinesOf(
      Array.from({ length: count }, (_, i) => i),
      edges,
      Array(count).fill(0),
      Array(count).fill(39),
    );
    expect(lines.map((line) => line.lane)).toEqual(Array.from({ length: SPAN_LANES }, (_, lane) => lane));
  });
});
