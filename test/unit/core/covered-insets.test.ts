import { describe, expect, it } from "vitest";
import { coveredInsets, isInFreeArea, NO_INSETS, sameInsets } from "../../../src/core/covered-insets.ts";

const frame = { left: 0, top: 0, right: 600, bottom: 400 };

describe("coveredInsets", () => {
  it("leaves the map unpadded when nothing lies over it", () => {
    expect(coveredInsets(frame, [])).toEqual(NO_INSETS);
  });

  it("ignores an overlay outside the map (a panel beside it)", () => {
    expect(coveredInsets(frame, [{ left: 600, top: 0, right: 900, bottom: 400 }])).toEqual(NO_INSETS);
  });

  it("pads the bottom for a sheet over the lower part of the map", () => {
    expect(coveredInsets(frame, [{ left: 0, top: 250, right: 600, bottom: 420 }])).toEqual({
      ...NO_INSETS,
      bottom: 150,
    });
  });

  it("pads the side for a tall panel at the end of the map", () => {
    expect(coveredInsets(frame, [{ left: 380, top: 0, right: 600, bottom: 400 }])).toEqual({
      ...NO_INSETS,
      right: 220,
    });
  });

  it("pushes a small corner box to the side where it costs the least map", () => {
    // A collapsed legend, wider than tall, at the top left: the top strip is cheaper than the left one.
    expect(coveredInsets(frame, [{ left: 10, top: 10, right: 110, bottom: 40 }])).toEqual({
      ...NO_INSETS,
      top: 40,
    });
    // The same legend open (tall and narrow): the left strip is cheaper.
    expect(coveredInsets(frame, [{ left: 10, top: 10, right: 200, bottom: 330 }])).toEqual({
      ...NO_INSETS,
      left: 200,
    });
  });

  it("keeps the deepest overlay of each side", () => {
    const insets = coveredInsets(frame, [
      { left: 0, top: 380, right: 600, bottom: 400 },
      { left: 0, top: 300, right: 600, bottom: 400 },
      { left: 560, top: 10, right: 590, bottom: 30 },
    ]);
    expect(insets).toEqual({ top: 0, right: 40, bottom: 100, left: 0 });
  });

  it("always leaves part of a small map free", () => {
    const insets = coveredInsets(frame, [
      { left: 0, top: 0, right: 600, bottom: 200 },
      { left: 0, top: 150, right: 600, bottom: 400 },
    ]);
    expect(400 - insets.top - insets.bottom).toBeGreaterThanOrEqual(120);
    expect(insets.top).toBeGreaterThan(0);
    expect(insets.bottom).toBeGreaterThan(0);
  });

  it("measures from the frame's own corner on the page", () => {
    const placed = { left: 100, top: 50, right: 700, bottom: 450 };
    expect(coveredInsets(placed, [{ left: 100, top: 300, right: 700, bottom: 450 }])).toEqual({
      ...NO_INSETS,
      bottom: 150,
    });
  });
});

describe("isInFreeArea", () => {
  const insets = { top: 40, right: 0, bottom: 150, left: 0 };

  it("accepts a point in the free part and rejects one under an overlay", () => {
    expect(isInFreeArea({ x: 300, y: 120 }, frame, insets)).toBe(true);
    expect(isInFreeArea({ x: 300, y: 300 }, frame, insets)).toBe(false);
    expect(isInFreeArea({ x: 300, y: 20 }, frame, insets)).toBe(false);
  });

  it("wants a point's whole symbol inside when given a margin", () => {
    expect(isInFreeArea({ x: 300, y: 245 }, frame, insets)).toBe(true);
    expect(isInFreeArea({ x: 300, y: 245 }, frame, insets, 10)).toBe(false);
  });
});

describe("sameInsets", () => {
  it("compares all four sides", () => {
    expect(sameInsets(NO_INSETS, { top: 0, right: 0, bottom: 0, left: 0 })).toBe(true);
    expect(sameInsets(NO_INSETS, { top: 0, right: 1, bottom: 0, left: 0 })).toBe(false);
  });
});

describe("coveredInsets with stacked overlays", () => {
  it("adds a credits line sitting on a sheet to the sheet's padding", () => {
    const insets = coveredInsets(frame, [
      { left: 0, top: 220, right: 600, bottom: 260 }, // the credits, moved up above the sheet
      { left: 0, top: 260, right: 600, bottom: 400 }, // the sheet
    ]);
    expect(insets).toEqual({ ...NO_INSETS, bottom: 180 });
  });

  it("costs nothing for an overlay already inside the padding", () => {
    const insets = coveredInsets(frame, [
      { left: 380, top: 0, right: 600, bottom: 400 },
      { left: 560, top: 10, right: 590, bottom: 70 },
    ]);
    expect(insets).toEqual({ ...NO_INSETS, right: 220 });
  });
});
