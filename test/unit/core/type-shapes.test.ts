import { describe, expect, it } from "vitest";
import { shapeOfType, shapePoints } from "../../../src/core/type-shapes.ts";
import { EVENT_TYPES } from "../../../src/core/vocabulary.ts";

describe("shapeOfType", () => {
  it("gives every event type of the vocabulary a shape of its own", () => {
    const shapes = EVENT_TYPES.map((type) => shapeOfType(type.id));
    expect(new Set(shapes).size).toBe(EVENT_TYPES.length);
  });

  it("draws a type the vocabulary does not know as a circle", () => {
    expect(shapeOfType("not-a-type")).toBe("circle");
    expect(shapePoints("circle", 10, 10, 7)).toBeNull();
  });
});

describe("shapePoints", () => {
  it("keeps every shape's corners near the circle it is drawn in", () => {
    for (const type of EVENT_TYPES) {
      const points = shapePoints(shapeOfType(type.id), 10, 10, 7) ?? [];
      for (const [x, y] of points) expect(Math.hypot(x - 10, y - 10)).toBeLessThanOrEqual(7 * 1.25);
    }
  });
});
