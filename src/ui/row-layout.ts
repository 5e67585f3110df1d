/**
 * Where the rows of the virtual incident list lie, when the rows drawn so far were measured and the rest are
 * assumed to have the least height. Pure: no DOM.
 *
 * Built from the measured rows only, not from every row: a filter change at a million incidents then costs a
 * binary search per measured row instead of a pass (and a map lookup) over every listed incident.
 */
export interface RowLayout {
  /** Rows listed. */
  count: number;
  /** Pixels from the list's top to row `row`'s top; `top(count)` is the list's height. */
  top(row: number): number;
  /** The row at `y` px from the list's top (clamped to the first and last row). */
  rowAt(y: number): number;
}

/** First index k in the ascending `values` (of length n) with values[k] ≥ value. */
function lowerBound(values: ArrayLike<number>, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * @param rows table positions listed, ascending (the filter's order)
 * @param measured height by table position, of the rows that have been drawn
 * @param rowHeight the height assumed for a row not measured yet
 * @example rowLayout(Uint32Array.of(3, 8, 9), new Map([[8, 60]]), 44).top(2) // 44 + 60
 */
export function rowLayout(
  rows: ArrayLike<number>,
  measured: ReadonlyMap<number, number>,
  rowHeight: number,
): RowLayout {
  const count = rows.length;
  // Rows (by index in `rows`) whose measured height differs from rowHeight, with the difference.
  const found: [row: number, extra: number][] = [];
  for (const [position, height] of measured) {
    if (height === rowHeight) continue;
    const row = lowerBound(rows, count, position);
    if (row < count && rows[row] === position) found.push([row, height - rowHeight]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const extraRows = new Float64Array(found.length);
  // extraBefore[k]: the extra height of the first k of them.
  const extraBefore = new Float64Array(found.length + 1);
  found.forEach(([row, extra], k) => {
    extraRows[k] = row;
    extraBefore[k + 1] = (extraBefore[k] as number) + extra;
  });

  const top = (row: number): number =>
    row * rowHeight + (extraBefore[lowerBound(extraRows, extraRows.length, row)] as number);

  return {
    count,
    top,
    rowAt(y) {
      let lo = 0;
      let hi = Math.max(0, count - 1);
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (top(mid) <= y) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}
