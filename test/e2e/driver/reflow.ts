/**
 * How much room the map and the list get, as a reader sees it: the boxes of the map, of the canvas MapLibre
 * draws in, and of the list's scrolling viewport (the list inside the embed's drawer when that is the one shown).
 */
import type { AppDriver } from "./types.ts";

export interface Size {
  width: number;
  height: number;
}

export interface PaneSizes {
  map: Size;
  canvas: Size;
  list: Size;
  /** The page's width and how wide its content is (wider: the page scrolls sideways). */
  page: { width: number; scrollWidth: number };
}

type WithCanvas = { __atlasMap?: { getCanvas(): HTMLCanvasElement } };

export async function paneSizes(app: AppDriver): Promise<PaneSizes> {
  return app.page.evaluate(() => {
    const size = (element: Element | null | undefined) => {
      if (!element) return { width: 0, height: 0 };
      const r = element.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    };
    // The shown list viewport: hidden ones (display:none, a closed drawer) have no box. A folded list still
    // exists; none at all means the selector is stale, and a size of zero must not pass for "folded".
    const all = [...document.querySelectorAll(".list-viewport")];
    if (all.length === 0) throw new Error(".list-viewport matches no element");
    const lists = all.filter((e) => e.getClientRects().length > 0);
    const map = document.querySelector('[data-testid="map"]');
    const canvas = (window as unknown as WithCanvas).__atlasMap?.getCanvas();
    if (!map || !canvas) throw new Error("the page has no map");
    return {
      map: size(map),
      canvas: size(canvas),
      list: size(lists[0]),
      page: {
        width: document.documentElement.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
      },
    };
  });
}
