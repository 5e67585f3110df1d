import { binIndexOf } from "../../core/timeline.ts";

/** Lanes for the spanning incidents drawn one by one below the bars (core/timeline.ts finds them). */
export const SPAN_LANES = 4;

export interface SpanLine {
  /** The incident's row in the table. */
  i: number;
  /** Start and end along the timeline, 0..1. */
  start: number;
  end: number;
  lane: number;
}

/**
 * Lines for the incidents whose dates span several bars, packed into lanes first-fit; those that fit in no lane
 * are left out (the lighter part of the bars still counts them).
 */
export function spanLinesOf(
  spans: Iterable<number>,
  edges: Int32Array,
  dayStart: ArrayLike<number>,
  dayEnd: ArrayLike<number>,
): SpanLine[] {
  const bins = edges.length - 1;
  const position = (day: number) => {
    const k = binIndexOf(edges, day);
    const width = (edges[k + 1] as number) - (edges[k] as number);
    return (k + (day - (edges[k] as number)) / width) / bins;
  };
  const laneEnds: number[] = [];
  return Array.from(spans).flatMap((i) => {
    const start = position(dayStart[i] as number);
    const end = position((dayEnd[i] as number) + 1);
    const lane = laneEnds.findIndex((e) => e <= start);
    const chosen = lane === -1 ? laneEnds.length : lane;
    if (chosen >= SPAN_LANES) return [];
    laneEnds[chosen] = end;
    return [{ i, start, end, lane: chosen }];
  });
}
