/**
 * An embed in an iframe of a given size, in an article served from another origin, and what a reader of that
 * article sees of it: the boxes of the map and of everything drawn over it, and where the selected incident is.
 */

import { type Frame, waitForMapIn } from "./frame.ts";
import { createGet } from "./get.ts";
import { frameFrom } from "./page-map.ts";
import { type LocalServer, serveArticle } from "./servers.ts";
import type { AppDriver, SharedBrowser } from "./types.ts";
import { createWhen } from "./when.ts";

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface EmbeddedMap {
  /** The article's tab: its console errors and requests include the frame's. */
  article: AppDriver;
  server: LocalServer;
  frame: Frame;
  /** What the reader does in the embed (keys go to whatever has focus in the article's tab). */
  when: AppDriver["when"];
  /** What the reader sees in the embed. */
  get: AppDriver["get"];
  close(): Promise<void>;
}

/**
 * Opens an article on another origin holding `src` in a `width`×`height` iframe and waits for the map in it.
 * `sandbox`, when given, is the iframe's sandbox attribute (as the share dialog's code writes it).
 */
export async function openEmbedded(
  browser: SharedBrowser,
  src: string,
  size: { width: number; height: number },
  sandbox?: string,
): Promise<EmbeddedMap> {
  const escaped = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  const sandboxAttribute = sandbox === undefined ? "" : ` sandbox="${sandbox}"`;
  const server = await serveArticle(
    `<p style="margin:8px">An article.</p><iframe src="${escaped}" title="Map" width="${size.width}" height="${size.height}"${sandboxAttribute} style="display:block;border:0"></iframe>`,
  );
  const article = await browser.open(server.url, {
    viewport: { width: size.width + 40, height: size.height + 80 },
    waitForList: false,
  });
  const origin = new URL(src).origin;
  const frame = await frameFrom(article.page, origin);
  await frame.getByTestId("incident-count").waitFor({ state: "attached" });
  await waitForMapIn(frame);
  const found = frame;
  return {
    article,
    server,
    frame: found,
    when: createWhen(found, article.page, { failing: false }),
    get: createGet(found),
    async close() {
      await article.close();
      await server.close();
    },
  };
}

type Projecting = {
  __atlasMap?: {
    project(lngLat: [number, number]): { x: number; y: number };
    getCanvas(): HTMLCanvasElement;
    isMoving(): boolean;
  };
};

/** Waits until the map has stopped moving (eases after a sheet opens) and has painted. */
export async function settleEmbed(frame: Frame): Promise<void> {
  await waitForMapIn(frame);
  await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  await waitForMapIn(frame);
}

/** The boxes a reader sees in the frame, in the frame's own pixels. */
export async function embedLayout(frame: Frame): Promise<{
  viewport: { width: number; height: number; scrollWidth: number };
  map: Rect;
  canvas: Rect;
  overlays: { name: string; rect: Rect }[];
  largest: string;
}> {
  return frame.evaluate(() => {
    const rect = (element: Element) => {
      const r = element.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const mapElement = document.querySelector('[data-testid="map"]');
    const canvas = (window as unknown as Projecting).__atlasMap?.getCanvas();
    if (!mapElement || !canvas) throw new Error("no map in the embed");
    // Everything drawn over the map: the page's overlays and MapLibre's controls (buttons, scale, credits).
    const overlays = [...document.querySelectorAll("[data-map-overlay], .maplibregl-ctrl")]
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => ({
        name: (element.getAttribute("data-testid") ?? element.className).slice(0, 40),
        rect: rect(element),
      }));
    // The largest block of the page's layout (the map's box against header, timeline, credit line).
    const blocks = [
      ["map", mapElement],
      ["header", document.querySelector(".app-header")],
      ["timeline", document.querySelector('[data-testid="timeline"]')],
      ["credit", document.querySelector('[data-testid="embed-credit"]')],
      ["panel", document.querySelector(".panel-pane")],
    ] as const;
    let largest = "";
    let most = -1;
    for (const [name, element] of blocks) {
      if (!element) continue;
      const r = element.getBoundingClientRect();
      if (r.width * r.height > most) {
        most = r.width * r.height;
        largest = name;
      }
    }
    return {
      viewport: {
        width: document.documentElement.clientWidth,
        height: document.documentElement.clientHeight,
        scrollWidth: document.documentElement.scrollWidth,
      },
      map: rect(mapElement),
      canvas: rect(canvas),
      overlays,
      largest,
    };
  });
}

/** Where the map draws `lngLat`, in the frame's pixels. */
export async function screenPointOf(
  frame: Frame,
  lngLat: [number, number],
): Promise<{ x: number; y: number }> {
  return frame.evaluate((at) => {
    const map = (window as unknown as Projecting).__atlasMap;
    const canvas = map?.getCanvas();
    if (!map || !canvas) throw new Error("no map in the embed");
    const p = map.project(at);
    const box = canvas.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, lngLat);
}

/** The element that has the keyboard focus in the frame, by test id or class. */
export async function focusedIn(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute("data-testid") ?? active?.className ?? "";
  });
}
