/**
 * What the driver knows of the page's map and rendering. Test hook: the built app sets `window.__atlasMap` to its
 * MapLibre map (src/map/create-map.ts), only so these tests can ask what the map has actually rendered
 * (queryRenderedFeatures) and where an incident sits on screen. Nothing else in the page uses it.
 */

import type { Frame, Page } from "playwright-core";

/** Layer ids from src/map/incident-layer.ts (INCIDENT_LAYERS); duplicated so the driver needs no app import. */
export const LAYERS = {
  points: "incident-points",
  clusters: "incident-clusters",
  clusterCount: "incident-cluster-count",
  selected: "incident-selected-point",
  shapes: "incident-point-shapes",
};

export type MapHandle = {
  queryRenderedFeatures(options: { layers: string[] }): {
    properties: Record<string, unknown>;
    layer: { id: string };
  }[];
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  project(lngLat: [number, number]): { x: number; y: number };
  getZoom(): number;
  getCenter(): { lng: number; lat: number };
  getBounds(): { contains(lngLat: [number, number]): boolean };
  isMoving(): boolean;
  loaded(): boolean;
  once(event: string, listener: () => void): void;
  triggerRepaint(): void;
  getCanvas(): HTMLCanvasElement;
  getSource(id: string): unknown;
  hasImage(id: string): boolean;
};
export type WithMap = { __atlasMap?: MapHandle };

/** Resolves when the map has gone idle with nothing moving (an animation passes through idle-looking frames). */
export async function waitForMapIdle(frame: Frame): Promise<void> {
  await frame.waitForFunction(() =>
    Boolean((window as unknown as WithMap).__atlasMap?.getSource("incidents")),
  );
  // No named inner functions in page callbacks: tsx/esbuild would wrap them in a __name helper the page lacks.
  for (let attempt = 0; attempt < 40; attempt++) {
    await frame.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as WithMap).__atlasMap;
          if (!map) return resolve();
          map.once("idle", () => resolve());
          map.triggerRepaint();
        }),
    );
    // An animation (flyTo/easeTo) passes through idle-looking frames: wait until nothing moves.
    const moving = await frame.evaluate(() => (window as unknown as WithMap).__atlasMap?.isMoving() ?? false);
    if (!moving) return;
    await frame.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as WithMap).__atlasMap;
          if (!map?.isMoving()) return resolve();
          map.once("moveend", () => resolve());
        }),
    );
  }
}

/** Two animation frames: Preact has rendered and the browser has painted what the last event changed. */
export async function nextFrames(frame: Frame): Promise<void> {
  await frame.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/**
 * The address is up to date: the app writes it once a change is painted (state/url-sync.ts), in a timer started
 * from the frame; a frame and a timer started after it have run, so has that write.
 */
export async function addressWritten(frame: Frame): Promise<void> {
  await frame.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(), 0))),
  );
}

/** After a change: the page has rendered and, when there is a map, the map has drawn it. */
export async function settle(frame: Frame): Promise<void> {
  await nextFrames(frame);
  const hasMap = await frame.evaluate(() => Boolean((window as unknown as WithMap).__atlasMap));
  if (hasMap) await waitForMapIdle(frame);
}

/**
 * One reading of the incidents the map draws (see `get.drawnIds`): incidents drawn one by one carry their table
 * position, aggregates of a small filtered set their members' positions; the table's ids file (as the page is
 * served it) names them.
 */
export async function readDrawnIds(frame: Frame): Promise<string[]> {
  return frame.evaluate(async (layers) => {
    const map = (window as unknown as WithMap).__atlasMap;
    if (!map) throw new Error("no map");
    const ids = (await (await fetch("data/table/ids.json")).json()) as string[];
    const drawn = new Set<string>();
    for (const f of map.queryRenderedFeatures({ layers: [layers.points, layers.clusters] })) {
      if (f.properties.kind === "aggregate") {
        if (typeof f.properties.members !== "string")
          throw new Error("an aggregate does not name its incidents");
        for (const p of f.properties.members.split(",")) drawn.add(ids[Number(p)] ?? `?${p}`);
      } else drawn.add(ids[Number(f.properties.position)] ?? `?${f.properties.position}`);
    }
    return [...drawn].sort();
  }, LAYERS);
}

/**
 * Waits until the browser has an idle moment: what the page had queued (a worker's answer being applied, a
 * render it scheduled) has run. The signal between two readings that must agree, instead of a fixed pause.
 */
export async function idleMoment(frame: Frame): Promise<void> {
  await frame.evaluate(
    () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 10_000 })),
  );
}

/** The first frame of `page` whose address starts with `origin`, once it has navigated there. */
export async function frameFrom(page: Page, origin: string): Promise<Frame> {
  const find = () => page.frames().find((f) => f.url().startsWith(origin));
  const now = find();
  if (now) return now;
  return page.waitForEvent("framenavigated", {
    predicate: (f) => f.url().startsWith(origin),
    timeout: 60_000,
  });
}
