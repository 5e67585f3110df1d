import { describe, expect, it } from "vitest";
import { metresPerPixel, scaleBar } from "../../../src/core/scale-bar.ts";

describe("metresPerPixel", () => {
  it("is the equator over 512 px at zoom 0, and halves with each zoom level", () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.517, 2);
    expect(metresPerPixel(0, 1)).toBeCloseTo(metresPerPixel(0, 0) / 2, 6);
  });

  it("shrinks with the cosine of the latitude (Syria, near 36° N)", () => {
    expect(metresPerPixel(36, 7) / metresPerPixel(0, 7)).toBeCloseTo(Math.cos((36 * Math.PI) / 180), 9);
  });
});

describe("scaleBar", () => {
  it("picks the longest 1, 2, 3 or 5 × 10ⁿ distance that fits", () => {
    expect(scaleBar(100, 100)).toEqual({ distance: 10, unit: "km", pixels: 100 });
    expect(scaleBar(100, 99)).toEqual({ distance: 5, unit: "km", pixels: 50 });
    expect(scaleBar(30, 100)).toEqual({ distance: 3, unit: "km", pixels: 100 });
    expect(scaleBar(2.5, 100)).toEqual({ distance: 200, unit: "m", pixels: 80 });
  });

  it("draws no bar for a scale it cannot know", () => {
    expect(scaleBar(0, 100)).toBeNull();
    expect(scaleBar(Number.NaN, 100)).toBeNull();
    expect(scaleBar(100, 0)).toBeNull();
  });
});
