/**
 * What the browser tests ask of the map's incident layers (src/map/incident-layer.ts), read through the app's
 * test hook `window.__atlasMap` (see page-map.ts).
 *
 * The map's one source holds the data worker's answer for the view: aggregates (`kind: "aggregate"`, `count`,
 * extent `west`/`south`/`east`/`north`) on "incident-clusters", incidents (`kind: "incident"`, `position`) on
 * "incident-points"; the selection (`id`) on "incident-selected-point".
 */
import type { IncidentFeature } from "../../../src/core/incident.ts";
import { idleMoment } from "./page-map.ts";
import type { AppDriver } from "./types.ts";

/** Layer ids from src/map/incident-layer.ts (INCIDENT_LAYERS); duplicated so the tests need no app import. */
const LAYERS = {
  points: "incident-points",
  aggregates: "incident-clusters",
  aggregateCount: "incident-cluster-count",
} as const;

export interface DrawnIncidents {
  /** Counts of the aggregates drawn, largest first. */
  aggregates: number[];
  /** Table positions of the incidents drawn one by one, ascending. */
  positions: number[];
  /** Incidents drawn: the aggregates' counts plus the single incidents. */
  total: number;
}

type RenderedFeature = {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: [number, number] };
};
type MapHook = {
  queryRenderedFeatures(options: { layers: string[] }): RenderedFeature[];
  project(lngLat: [number, number]): { x: number; y: number };
  getCanvas(): HTMLCanvasElement;
  getZoom(): number;
};
type WithMap = { __atlasMap?: MapHook };

/** One reading of what the map draws in view; a feature split over tiles is counted once. */
async function readDrawn(app: AppDriver): Promise<DrawnIncidents> {
  return app.page.evaluate((layers) => {
    const map = (window as unknown as WithMap).__atlasMap;
    if (!map) throw new Error("no map");
    const aggregates = new Map<string, number>();
    const positions = new Set<number>();
    for (const f of map.queryRenderedFeatures({ layers: [layers.points, layers.aggregates] })) {
      const p = f.properties;
      if (p.kind === "aggregate")
        aggregates.set(`${p.count} ${p.west} ${p.south} ${p.east} ${p.north}`, Number(p.count));
      else positions.add(Number(p.position));
    }
    const counts = [...aggregates.values()].sort((a, b) => b - a);
    return {
      aggregates: counts,
      positions: [...positions].sort((a, b) => a - b),
      total: counts.reduce((a, b) => a + b, 0) + positions.size,
    };
  }, LAYERS);
}

/**
 * What the map draws in view once it has settled: the worker answers a moment after a filter change or a move,
 * so this reads until two readings, each after the map went idle, agree.
 */
export async function drawnIncidents(app: AppDriver): Promise<DrawnIncidents> {
  let previous: string | null = null;
  for (let attempt = 0; attempt < 30; attempt++) {
    await app.when.waitForMap();
    const drawn = await readDrawn(app);
    const key = JSON.stringify(drawn);
    if (key === previous) return drawn;
    previous = key;
    await idleMoment(app.page.mainFrame());
  }
  throw new Error("what the map draws kept changing");
}

/**
 * The aggregates drawn and the count labels drawn on them, each as "count@lon,lat", sorted: every aggregate
 * should have its label.
 */
export async function aggregateLabels(app: AppDriver): Promise<{ aggregates: string[]; labels: string[] }> {
  await drawnIncidents(app);
  return app.page.evaluate((layers) => {
    const map = (window as unknown as WithMap).__atlasMap;
    const keys = (layer: string) =>
      [
        ...new Set(
          (map?.queryRenderedFeatures({ layers: [layer] }) ?? []).map(
            (f) =>
              `${f.properties.count}@${f.geometry.coordinates[0].toFixed(5)},${f.geometry.coordinates[1].toFixed(5)}`,
          ),
        ),
      ].sort();
    return { aggregates: keys(layers.aggregates), labels: keys(layers.aggregateCount) };
  }, LAYERS);
}

/**
 * Clicks the biggest aggregate in view and waits until the map has moved and drawn its new view. Returns its
 * count and the zoom before the click; throws when no aggregate is drawn.
 */
export async function clickBiggestAggregate(app: AppDriver): Promise<{ count: number; zoomBefore: number }> {
  await drawnIncidents(app);
  const hit = await app.page.evaluate((layer) => {
    const map = (window as unknown as WithMap).__atlasMap;
    if (!map) return null;
    const rect = map.getCanvas().getBoundingClientRect();
    let best: { x: number; y: number; count: number; zoom: number } | null = null;
    for (const f of map.queryRenderedFeatures({ layers: [layer] })) {
      const count = Number(f.properties.count);
      const p = map.project(f.geometry.coordinates);
      // Only one whose centre shows (inside the canvas, under no panel or legend) can be clicked.
      if (p.x < 0 || p.y < 0 || p.x > rect.width || p.y > rect.height) continue;
      if (document.elementFromPoint(rect.left + p.x, rect.top + p.y) !== map.getCanvas()) continue;
      if (!best || count > best.count)
        best = { x: rect.left + p.x, y: rect.top + p.y, count, zoom: map.getZoom() };
    }
    return best;
  }, LAYERS.aggregates);
  if (!hit) throw new Error("no aggregate is drawn");
  await app.page.mouse.click(hit.x, hit.y);
  await drawnIncidents(app);
  return { count: hit.count, zoomBefore: hit.zoom };
}

/**
 * How far east of `center` (in screen px, at most `maxPx`) the uncertainty layer is hit, and how many px east
 * `km` kilometres along the parallel lie: the circle covers the radius when the first is at least the second.
 */
export async function uncertaintyReach(
  app: AppDriver,
  center: [number, number],
  km: number,
  maxPx = 2000,
): Promise<{ reachPx: number; radiusPx: number }> {
  await drawnIncidents(app);
  return app.page.evaluate(
    ({ center, km, maxPx }) => {
      const map = (window as unknown as WithMap).__atlasMap as MapHook & {
        queryRenderedFeatures(point: [number, number], options: { layers: string[] }): RenderedFeature[];
      };
      const c = map.project(center);
      const kmPerDegree = (2 * Math.PI * 6371.0088 * Math.cos((center[1] * Math.PI) / 180)) / 360;
      const edge = map.project([center[0] + km / kmPerDegree, center[1]]);
      let reachPx = 0;
      for (let dx = 1; dx <= maxPx; dx++) {
        const hits = map.queryRenderedFeatures([c.x + dx, c.y], { layers: ["incident-uncertainty"] });
        if (hits.length === 0) break;
        reachPx = dx;
      }
      return { reachPx, radiusPx: edge.x - c.x };
    },
    { center, km, maxPx },
  );
}

/** The accessible names of the map's zoom buttons and credits toggle, as MapLibre's controls carry them. */
export async function mapButtonLabels(
  app: AppDriver,
): Promise<{ zoomIn: string | null; zoomOut: string | null; attribution: string | null }> {
  return app.page.evaluate(() => {
    const label = (selector: string) => document.querySelector(selector)?.getAttribute("aria-label") ?? null;
    return {
      zoomIn: label(".maplibregl-ctrl-zoom-in"),
      zoomOut: label(".maplibregl-ctrl-zoom-out"),
      attribution: label(".maplibregl-ctrl-attrib-button"),
    };
  });
}

/**
 * Ids of every incident the map draws in view, sorted: the single incidents by their table position (the app's
 * own ids file), and the members of each aggregate, taken as the `candidates` inside its extent (grid cells do not
 * overlap, and an extent lies inside its cell, so no other cell's incident is inside it). An aggregate whose count
 * differs from the candidates inside its extent adds "aggregate of N: M inside", so a comparison fails and says why.
 */
export async function drawnIds(app: AppDriver, candidates: readonly IncidentFeature[]): Promise<string[]> {
  await drawnIncidents(app);
  const drawn = await app.page.evaluate(async (layers) => {
    const map = (window as unknown as WithMap).__atlasMap;
    if (!map) throw new Error("no map");
    const ids = (await (await fetch(new URL("data/table/ids.json", document.baseURI))).json()) as string[];
    const aggregates = new Map<string, { count: number; extent: [number, number, number, number] }>();
    const singles = new Set<string>();
    const members = new Set<string>();
    for (const f of map.queryRenderedFeatures({ layers: [layers.points, layers.aggregates] })) {
      const p = f.properties;
      if (p.kind !== "aggregate") {
        singles.add(ids[Number(p.position)] ?? `position ${p.position}`);
        continue;
      }
      // A small filtered set's aggregates name their incidents' positions.
      if (typeof p.members === "string") {
        for (const position of p.members.split(","))
          members.add(ids[Number(position)] ?? `position ${position}`);
        continue;
      }
      const extent = [p.west, p.south, p.east, p.north].map(Number) as [number, number, number, number];
      aggregates.set(extent.join(), { count: Number(p.count), extent });
    }
    return { singles: [...singles, ...members], aggregates: [...aggregates.values()] };
  }, LAYERS);
  const ids = [...drawn.singles];
  for (const { count, extent } of drawn.aggregates) {
    const [west, south, east, north] = extent;
    // The table holds coordinates within 20 m of the true ones (data/README.md, "Stored types"): the extent is
    // made of those, so a true point may lie up to that far outside it.
    const slack = 0.0002;
    const inside = candidates.filter((f) => {
      const lon = f.geometry.coordinates[0] as number;
      const lat = f.geometry.coordinates[1] as number;
      return lon >= west - slack && lon <= east + slack && lat >= south - slack && lat <= north + slack;
    });
    if (inside.length === count) ids.push(...inside.map((f) => f.properties.id));
    else ids.push(`aggregate of ${count}: ${inside.length} inside`);
  }
  return ids.sort();
}
