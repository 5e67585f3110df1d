/**
 * Each event type's shape: the second cue beside its colour (WCAG 1.4.1), the same on the map, in the legend
 * and in the list. Pure geometry, so the map's canvas icons and the page's SVG draw one definition.
 */
export type TypeShape =
  | "circle"
  | "triangle"
  | "triangle-down"
  | "square"
  | "diamond"
  | "star"
  | "hexagon"
  | "pentagon"
  | "cross";

const SHAPES_BY_TYPE: Readonly<Record<string, TypeShape>> = {
  attack: "triangle",
  "armed-clash": "cross",
  airstrike: "triangle-down",
  raid: "square",
  shelling: "star",
  bombing: "hexagon",
  killing: "diamond",
  arrest: "circle",
  "prison-break": "pentagon",
};

/** A type the vocabulary does not know is drawn as a circle, like arrests; its colour is the fallback grey. */
export function shapeOfType(typeId: string): TypeShape {
  return SHAPES_BY_TYPE[typeId] ?? "circle";
}

/** Corners of a regular polygon of `n` sides around (cx, cy), the first at `startDeg` (0 = straight up). */
function regular(n: number, cx: number, cy: number, r: number, startDeg: number): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = ((startDeg + (360 * i) / n) * Math.PI) / 180;
    points.push([cx + r * Math.sin(a), cy - r * Math.cos(a)]);
  }
  return points;
}

/**
 * The shape's outline as polygon corners within the circle of radius `r` around (cx, cy) (y grows downwards),
 * or null for the circle itself. Sizes are evened out so that no shape looks much bigger than another.
 */
export function shapePoints(shape: TypeShape, cx: number, cy: number, r: number): [number, number][] | null {
  switch (shape) {
    case "circle":
      return null;
    case "triangle":
      return regular(3, cx, cy + r * 0.15, r * 1.1, 0);
    case "triangle-down":
      return regular(3, cx, cy - r * 0.15, r * 1.1, 180);
    case "square":
      return regular(4, cx, cy, r * 1.08, 45);
    case "diamond":
      return regular(4, cx, cy, r * 1.15, 0);
    case "hexagon":
      return regular(6, cx, cy, r, 30);
    case "pentagon":
      return regular(5, cx, cy, r * 1.02, 0);
    case "star": {
      const outer = regular(5, cx, cy + r * 0.05, r * 1.15, 0);
      const inner = regular(5, cx, cy + r * 0.05, r * 0.5, 36);
      return outer.flatMap((p, i) => [p, inner[i] as [number, number]]);
    }
    case "cross": {
      // A plus sign of arms a third as wide as the shape.
      const a = r * 0.36;
      const b = r;
      const rel: [number, number][] = [
        [-a, -b],
        [a, -b],
        [a, -a],
        [b, -a],
        [b, a],
        [a, a],
        [a, b],
        [-a, b],
        [-a, a],
        [-b, a],
        [-b, -a],
        [-a, -a],
      ];
      return rel.map(([x, y]) => [cx + x, cy + y]);
    }
  }
}

/** The same outline as an SVG `points` attribute (rounded to a tenth of a unit). */
export function svgPoints(points: readonly [number, number][]): string {
  return points.map(([x, y]) => `${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}`).join(" ");
}
