import type { Map as MapLibreMap } from "maplibre-gl";

/**
 * The part of MapLibre's internal Style this patch reads and writes. Internal API: when a MapLibre release no
 * longer has it, `skipStalePlacementFrames` changes nothing and the map works as before, one frame slower.
 */
interface PlacingStyle {
  _updatePlacement?: (
    transform: unknown,
    showCollisionBoxes: boolean,
    fadeDuration: number,
    ...rest: unknown[]
  ) => boolean;
  pauseablePlacement?: { isDone(): boolean };
  placement?: { stale: boolean; hasTransitions(now: number): boolean };
  __atlasSkipsStaleFrame?: boolean;
}

/**
 * With `fadeDuration: 0` MapLibre places every symbol afresh and in full on each frame. Yet when a frame's
 * symbols are new (a filter change re-tiles the cluster counts), it still marks the finished placement stale,
 * which asks for one more frame that draws exactly the same picture before the map goes idle. In software
 * WebGL that frame is ~40–80 ms of every filter change, so on a full placement the stale mark is dropped.
 */
export function skipStalePlacementFrames(map: MapLibreMap): void {
  const patch = () => {
    const style = (map as unknown as { style?: PlacingStyle }).style;
    const update = style?._updatePlacement;
    if (!style || style.__atlasSkipsStaleFrame || typeof update !== "function") return;
    style.__atlasSkipsStaleFrame = true;
    style._updatePlacement = (transform, showCollisionBoxes, fadeDuration, ...rest) => {
      const dirty = update.call(style, transform, showCollisionBoxes, fadeDuration, ...rest);
      const placement = style.placement;
      if (!dirty || fadeDuration !== 0 || !placement?.stale || !style.pauseablePlacement?.isDone())
        return dirty;
      placement.stale = false;
      return placement.hasTransitions(performance.now());
    };
  };
  patch();
  // A new style (the online basemap, or back to the bundled one) is a new Style object.
  map.on("styledata", patch);
}
