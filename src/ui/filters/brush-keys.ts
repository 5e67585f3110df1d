/** Shift+arrow and Page Up/Down move a brush handle this many bars. */
const BIG_STEP = 10;

/**
 * Where a brush handle at bar `at` goes for a key: arrows move one bar (Shift: ten), in the direction the
 * timeline runs (`rtl`: right is earlier); Page Up/Down ten; Home and End to the first and last bar. Not
 * clamped. Null for a key the handle does not use.
 */
export function brushKeyTarget(
  key: string,
  shiftKey: boolean,
  rtl: boolean,
  at: number,
  last: number,
): number | null {
  const big = shiftKey ? BIG_STEP : 1;
  switch (key) {
    case "ArrowRight":
      return at + (rtl ? -1 : 1) * big;
    case "ArrowLeft":
      return at + (rtl ? 1 : -1) * big;
    case "ArrowUp":
      return at + big;
    case "ArrowDown":
      return at - big;
    case "PageUp":
      return at + BIG_STEP;
    case "PageDown":
      return at - BIG_STEP;
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}
