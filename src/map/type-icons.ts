import type { ExpressionSpecification, Map as MapLibreMap } from "maplibre-gl";
import { shapeOfType, shapePoints } from "../core/type-shapes.ts";

/** The rim of every marker, as in the page's type marks (ui/TypeMark.tsx): 3:1 or more on the basemap. */
const RIM = "#1f1f1f";
/** Marker size in CSS px, and the density it is drawn at (sharp on a high-density screen). */
const SIZE = 18;
const PIXEL_RATIO = 2;

/** The map image of an event type code: its shape, filled (exact place) or hollow (approximate place). */
export function typeIconName(code: number, approximate: boolean): string {
  return `incident-type-${code}${approximate ? "-approximate" : ""}`;
}

/** `icon-image` for a feature with the type code `t` and the flag `approximate`. */
export const TYPE_ICON_IMAGE: ExpressionSpecification = [
  "concat",
  "incident-type-",
  ["to-string", ["get", "t"]],
  ["case", ["get", "approximate"], "-approximate", ""],
];

function drawIcon(typeId: string, color: string, approximate: boolean): ImageData {
  const px = SIZE * PIXEL_RATIO;
  const canvas = document.createElement("canvas");
  canvas.width = px;
  canvas.height = px;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas to draw the map's markers");
  const c = px / 2;
  const r = px * 0.34;
  const points = shapePoints(shapeOfType(typeId), c, c, r);
  const path = new Path2D();
  if (points) {
    for (const [i, [x, y]] of points.entries()) {
      if (i === 0) path.moveTo(x, y);
      else path.lineTo(x, y);
    }
    path.closePath();
  } else path.arc(c, c, r, 0, 2 * Math.PI);
  context.lineJoin = "round";
  // The dark rim first, then the mark inside it.
  context.strokeStyle = RIM;
  context.lineWidth = (approximate ? 5 : 3) * PIXEL_RATIO;
  context.stroke(path);
  context.fillStyle = approximate ? "#ffffff" : color;
  context.fill(path);
  if (approximate) {
    context.strokeStyle = color;
    context.lineWidth = 2.5 * PIXEL_RATIO;
    context.stroke(path);
  }
  return context.getImageData(0, 0, px, px);
}

/** Adds the markers of every event type code (`typeIds[code]`, `colors[code]`) to the map's images. */
export function addTypeIcons(map: MapLibreMap, typeIds: readonly string[], colors: readonly string[]): void {
  typeIds.forEach((typeId, code) => {
    const color = colors[code] ?? "#777777";
    for (const approximate of [false, true]) {
      const name = typeIconName(code, approximate);
      if (!map.hasImage(name))
        map.addImage(name, drawIcon(typeId, color, approximate), { pixelRatio: PIXEL_RATIO });
    }
  });
}
