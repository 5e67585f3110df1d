import { effect } from "@preact/signals";
import type { Map as MapLibreMap } from "maplibre-gl";
import {
  type Box,
  coveredInsets,
  type Insets,
  isInFreeArea,
  NO_INSETS,
  sameInsets,
} from "../core/covered-insets.ts";
import type { IncidentLayerStore } from "./incident-layer.ts";
import { prefersReducedMotion } from "./reduced-motion.ts";

/**
 * Elements the page draws over the map carry this attribute (the detail sheet, the legend, the filter drawer);
 * MapLibre's own controls are found by their documented class.
 */
export const MAP_OVERLAY_SELECTOR = "[data-map-overlay], .maplibregl-ctrl";

/** Pixels a selected point keeps from the edge of the free area, so its whole symbol and halo show. */
const POINT_MARGIN = 12;

function boxOf(element: Element): Box {
  const { left, top, right, bottom } = element.getBoundingClientRect();
  return { left, top, right, bottom };
}

/**
 * Keeps the selected incident out from under what the page draws over the map: when an overlay opens or grows
 * over it, the map eases it into the free area (MapLibre's `offset`, which lasts for that one move).
 *
 * The covered strips are deliberately not made MapLibre's camera padding. Padding that lasts moves the camera's
 * centre away from the middle of the canvas: either the picture jumps whenever a panel opens (keeping the centre)
 * or the address's #zoom/lat/lon changes on load (keeping the picture), and a shared link would not reopen the
 * view it was copied from. Only a move made for the selection takes the covered strips into account.
 */
/** Whether `node` is an overlay or holds one. */
function holdsOverlay(node: Node): boolean {
  return (
    node instanceof Element &&
    (node.matches(MAP_OVERLAY_SELECTOR) || node.querySelector(MAP_OVERLAY_SELECTOR) !== null)
  );
}

/**
 * Whether a DOM change may add, remove, show or hide an overlay: an overlay or an element holding one shown, hidden
 * or restyled, or added or removed. (An overlay's size is followed by the ResizeObserver.) The list's rows and the
 * timeline's bars, redrawn on every filter change, hold none.
 */
function mayChangeOverlays(record: MutationRecord): boolean {
  if (record.type === "attributes") return holdsOverlay(record.target);
  return [...record.addedNodes].some(holdsOverlay) || [...record.removedNodes].some(holdsOverlay);
}

export function mountSelectionInView(map: MapLibreMap, store: IncidentLayerStore): () => void {
  const container = map.getContainer();
  let applied: Insets = NO_INSETS;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let overlaysStale = true;

  function overlays(): Element[] {
    return [...document.querySelectorAll(MAP_OVERLAY_SELECTOR)].filter(
      (element) => element.getClientRects().length > 0,
    );
  }

  function selectedLngLat(): [number, number] | null {
    const p = store.selectedIndex.peek();
    if (p < 0) return null;
    return [store.table.lon[p] as number, store.table.lat[p] as number];
  }

  // What the selection needs at the next look: "centre" when the map opened with it and no camera of its own (an
  // embed's `id`; a link's camera is kept as it is), "uncover" when it is new. Otherwise only an overlay newly over
  // it, or a new size of the map, moves the map.
  const opensWithSelection = store.selectedIndex.peek() >= 0;
  let mustShow: "centre" | "uncover" | null =
    opensWithSelection && store.view.peek().camera === null ? "centre" : null;
  // A link that names both an incident and a camera shows exactly the view it was copied from (a journalist chose
  // it), panel and all, until the reader selects something else.
  let linkCameraHolds = opensWithSelection && store.view.peek().camera !== null;

  /**
   * Eases the selected incident out from under an overlay, or (`always`) near the middle of the free area. One
   * already off the map is left there (the reader panned away) unless `evenIfOff`: a new selection, or a map whose
   * size changed under it (the panel that opens with a selection narrows the map during the flight to it).
   */
  function keepSelectedInView(always: boolean, evenIfOff: boolean): void {
    const lngLat = selectedLngLat();
    if (!lngLat || map.isMoving()) return;
    const mapBox = boxOf(container);
    const at = map.project(lngLat);
    const point = { x: mapBox.left + at.x, y: mapBox.top + at.y };
    // A selection to show is brought near the middle of the free area; one already shown only out from under.
    const freeSize = Math.min(
      mapBox.right - mapBox.left - applied.left - applied.right,
      mapBox.bottom - mapBox.top - applied.top - applied.bottom,
    );
    const margin = always ? Math.max(POINT_MARGIN, freeSize / 4) : POINT_MARGIN;
    if (isInFreeArea(point, mapBox, applied, margin)) return;
    if (!always && !evenIfOff && !isInFreeArea(point, mapBox, NO_INSETS)) return;
    // The middle of the free area, relative to the middle of the map.
    const offset: [number, number] = [(applied.left - applied.right) / 2, (applied.top - applied.bottom) / 2];
    map.easeTo({ center: lngLat, offset, duration: prefersReducedMotion() ? 0 : 400, essential: true });
  }

  // Any camera call (easeTo) stops MapLibre's handlers: a wheel zoom or a drag would end after one
  // frame (the scale bar resizes as the map zooms). So nothing is changed while the map moves; its moveend looks again.
  let deferred = false;
  const sizeOf = (box: Box) => `${box.right - box.left}×${box.bottom - box.top}`;
  let lastSize = sizeOf(boxOf(container));

  function update(): void {
    timer = null;
    if (overlaysStale) observeOverlays();
    if (map.isMoving()) {
      deferred = true;
      return;
    }
    const mapBox = boxOf(container);
    const size = sizeOf(mapBox);
    const resized = size !== lastSize;
    lastSize = size;
    const insets = coveredInsets(mapBox, overlays().map(boxOf));
    const changed = !sameInsets(insets, applied);
    applied = insets;
    // Only a new selection or a change of what covers the map moves it: never a reader's own pan.
    const show = mustShow;
    mustShow = null;
    if ((changed || show || resized) && !linkCameraHolds)
      keepSelectedInView(show === "centre", show !== null || resized);
  }

  function afterMove(): void {
    if (!deferred) return;
    deferred = false;
    schedule();
  }

  // Measured once the next frame is painted, when the page's layout is clean: measuring in the frame's own
  // animation callback, after a filter change re-rendered the list and the timeline, made the app's code lay the
  // page out itself (a forced layout) instead of leaving it to the frame.
  function schedule(): void {
    if (frame !== 0 || timer !== null) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      timer = setTimeout(update, 0);
    });
  }

  // Sizes of the overlays and the map; a mutation (a sheet opened, the legend unfolded) may add new overlays.
  const resizes = new ResizeObserver(schedule);
  let observed: Element[] = [];
  function observeOverlays(): void {
    overlaysStale = false;
    for (const element of observed) resizes.unobserve(element);
    observed = [container, ...overlays()];
    for (const element of observed) resizes.observe(element);
  }
  // Looked for at the next frame, not in the mutation's callback: finding the overlays measures the page, and a
  // list re-rendering a thousand rows would force that layout again and again within one task.
  const mutations = new MutationObserver((records) => {
    if (!records.some(mayChangeOverlays)) return;
    overlaysStale = true;
    schedule();
  });
  mutations.observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["open", "hidden", "class"],
  });
  observeOverlays();
  schedule();
  map.on("moveend", afterMove);

  let lastSelected = store.selectedIndex.peek();
  const disposeSelected = effect(() => {
    const p = store.selectedIndex.value;
    if (p === lastSelected) return;
    lastSelected = p;
    linkCameraHolds = false;
    // A new selection is already in sight (a click on the map) or flown to (the incident layer): it only needs
    // to come out from under the panel that opens with it.
    mustShow = p >= 0 ? (mustShow ?? "uncover") : null;
    schedule();
  });

  return () => {
    disposeSelected();
    if (frame !== 0) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    mutations.disconnect();
    resizes.disconnect();
    map.off("moveend", afterMove);
  };
}
