/**
 * Which strips of the map are covered by things drawn over it (the detail sheet, the legend, the filter drawer,
 * the map's own buttons and credits), as insets from each side: the selected incident is eased into what is left
 * (see src/map/selection-in-view.ts), so it is never under an overlay.
 */

/** A box in page pixels. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Pixels taken off each side of the map, as MapLibre's `PaddingOptions`. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/** Share of the map's width and of its height that always stays free, however much is drawn over it. */
export const MIN_FREE_SHARE = 0.3;

type Side = keyof Insets;

/**
 * The padding that keeps `overlays` off the visible map `frame`. Overlays are taken largest first; each is pushed to
 * the one side of what is still free where that costs the least map area (a wide strip to the top or bottom, a tall
 * one to its side), and that side's padding grows to its far edge. So a credits line sitting on top of a sheet adds
 * its height to the sheet's, and an overlay already inside the padding costs nothing. At least MIN_FREE_SHARE of
 * each dimension stays free, so a big overlay on a small map narrows the free area instead of closing it.
 * @example coveredInsets({ left: 0, top: 0, right: 600, bottom: 400 }, [{ left: 0, top: 250, right: 600, bottom: 400 }])
 * // { top: 0, right: 0, bottom: 150, left: 0 }
 */
export function coveredInsets(frame: Box, overlays: readonly Box[]): Insets {
  const width = frame.right - frame.left;
  const height = frame.bottom - frame.top;
  if (width <= 0 || height <= 0) return { ...NO_INSETS };
  const free: Box = { ...frame };
  const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
  for (const overlay of [...overlays].sort((a, b) => area(b) - area(a))) {
    const left = Math.max(free.left, overlay.left);
    const right = Math.min(free.right, overlay.right);
    const top = Math.max(free.top, overlay.top);
    const bottom = Math.min(free.bottom, overlay.bottom);
    if (right <= left || bottom <= top) continue;
    const freeWidth = free.right - free.left;
    const freeHeight = free.bottom - free.top;
    const depth: Insets = {
      top: bottom - free.top,
      bottom: free.bottom - top,
      left: right - free.left,
      right: free.right - left,
    };
    const cost = (side: Side) => depth[side] * (side === "top" || side === "bottom" ? freeWidth : freeHeight);
    const sides: Side[] = ["top", "bottom", "left", "right"];
    const best = sides.reduce((a, b) => (cost(b) < cost(a) ? b : a));
    if (best === "top") free.top = bottom;
    else if (best === "bottom") free.bottom = top;
    else if (best === "left") free.left = right;
    else free.right = left;
  }
  const insets: Insets = {
    top: free.top - frame.top,
    right: frame.right - free.right,
    bottom: frame.bottom - free.bottom,
    left: free.left - frame.left,
  };
  fitWithin(insets, "top", "bottom", height);
  fitWithin(insets, "left", "right", width);
  return roundInsets(insets);
}

/** Scales two opposite insets down so that they leave at least MIN_FREE_SHARE of `size`. */
function fitWithin(insets: Insets, a: Side, b: Side, size: number): void {
  const most = size * (1 - MIN_FREE_SHARE);
  const taken = insets[a] + insets[b];
  if (taken <= most) return;
  const scale = most / taken;
  insets[a] *= scale;
  insets[b] *= scale;
}

function roundInsets(insets: Insets): Insets {
  return {
    top: Math.round(insets.top),
    right: Math.round(insets.right),
    bottom: Math.round(insets.bottom),
    left: Math.round(insets.left),
  };
}

/** True when the two paddings are the same to the pixel. */
export function sameInsets(a: Insets, b: Insets): boolean {
  return a.top === b.top && a.right === b.right && a.bottom === b.bottom && a.left === b.left;
}

/**
 * True when `point` (page pixels) lies in the part of `frame` the insets leave free, at least `margin` pixels
 * inside it (a symbol's radius, so the whole point shows).
 */
export function isInFreeArea(
  point: { x: number; y: number },
  frame: Box,
  insets: Insets,
  margin = 0,
): boolean {
  return (
    point.x >= frame.left + insets.left + margin &&
    point.x <= frame.right - insets.right - margin &&
    point.y >= frame.top + insets.top + margin &&
    point.y <= frame.bottom - insets.bottom - margin
  );
}
