import { shapeOfType, shapePoints, svgPoints } from "../core/type-shapes.ts";
import "./TypeMark.css";

/** The rim around every type mark: dark enough for 3:1 against the page and the basemap (WCAG 1.4.11). */
export const TYPE_MARK_RIM = "#1f1f1f";

/**
 * An event type's mark as the map draws it (map/type-icons.ts): its shape, filled with its colour (or, for an
 * approximate place, hollow with a coloured line), inside a dark rim. Decorative: the type's name is text beside it.
 */
export function TypeMark({
  typeId,
  color,
  hollow = false,
  size = 20,
  class: className,
}: {
  typeId: string;
  color: string;
  hollow?: boolean;
  size?: number;
  class?: string;
}) {
  const points = shapePoints(shapeOfType(typeId), 10, 10, 7);
  const fill = hollow ? "#ffffff" : color;
  const line = hollow
    ? { stroke: color, "stroke-width": 2.5 }
    : { stroke: TYPE_MARK_RIM, "stroke-width": 1.5 };
  return (
    <svg
      class={className ?? "type-mark"}
      width={size}
      height={size}
      viewBox="0 0 20 20"
      aria-hidden="true"
      data-shape={shapeOfType(typeId)}
    >
      {hollow &&
        (points ? (
          <polygon
            points={svgPoints(points)}
            fill="none"
            stroke={TYPE_MARK_RIM}
            stroke-width={5}
            stroke-linejoin="round"
          />
        ) : (
          <circle cx={10} cy={10} r={7} fill="none" stroke={TYPE_MARK_RIM} stroke-width={5} />
        ))}
      {points ? (
        <polygon points={svgPoints(points)} fill={fill} stroke-linejoin="round" {...line} />
      ) : (
        <circle cx={10} cy={10} r={7} fill={fill} {...line} />
      )}
    </svg>
  );
}
