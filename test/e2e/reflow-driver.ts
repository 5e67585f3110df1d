/**
 * How much room the map and the list get, as a reader sees it: the boxes of the map, of the canvas MapLibre
 * draws in, and of the list's scrolling viewport (the list inside the embed's drawer when that is the one shown).
 * On top of driver.ts, the only importer of playwright-core.
 */
import type { AppDriver } from "./driver.ts";

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
    // The shown list viewport: hidden ones (display:none, a closed drawer) have no box.
    const lists = [...document.querySelectorAll(".list-viewport")].filter(
      (e) => e.getClientRects().length > 0,
    );
    return {
      map: size(document.querySelector('[data-testid="map"]')),
      canvas: size((window as unknown as WithCanvas).__atlasMap?.getCanvas()),
      list: size(lists[0]),
      page: {
        width: document.documentElement.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
      },
    };
  });
}
