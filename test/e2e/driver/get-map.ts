/** Questions about what the map draws, read through the test hook (see page-map.ts). */

import type { Frame } from "playwright-core";
import { idleMoment, LAYERS, readDrawnIds, type WithMap, waitForMapIdle } from "./page-map.ts";
import type { RenderedIncidents } from "./types.ts";

export function mapQuestions(frame: Frame) {
  return {
    /** The map's attribution line as the reader sees it. */
    async attribution(): Promise<string> {
      return ((await frame.locator(".maplibregl-ctrl-attrib-inner").textContent()) ?? "").trim();
    },
    /** What the map has drawn: incident symbols by id, plus the incidents counted inside aggregates. */
    async renderedIncidents(): Promise<RenderedIncidents> {
      await waitForMapIdle(frame);
      return frame.evaluate(async (layers) => {
        const map = (window as unknown as WithMap).__atlasMap;
        if (!map) return { ids: [], clustered: 0 };
        const ids = (await (await fetch("data/table/ids.json")).json()) as string[];
        const singles = new Set<string>();
        const aggregates = new Map<string, number>();
        for (const f of map.queryRenderedFeatures({ layers: [layers.points, layers.clusters] })) {
          const p = f.properties;
          // A feature split over two tiles is returned twice: its extent and count identify it.
          if (p.kind === "aggregate")
            aggregates.set(`${p.west} ${p.south} ${p.east} ${p.north}`, Number(p.count));
          else singles.add(ids[Number(p.position)] ?? `?${p.position}`);
        }
        return { ids: [...singles], clustered: [...aggregates.values()].reduce((a, b) => a + b, 0) };
      }, LAYERS);
    },
    /**
     * The aggregates the map draws and the count labels it draws on them, each as "extent:count", sorted, once
     * the map is idle: every drawn aggregate should have its label.
     */
    async clusterLabels(): Promise<{ clusters: string[]; labels: string[] }> {
      await waitForMapIdle(frame);
      return frame.evaluate((layers) => {
        const map = (window as unknown as WithMap).__atlasMap;
        const keys = (layer: string) =>
          [
            ...new Set(
              (map?.queryRenderedFeatures({ layers: [layer] }) ?? []).map(
                (f) =>
                  `${f.properties.west},${f.properties.south},${f.properties.east},${f.properties.north}:${f.properties.count}`,
              ),
            ),
          ].sort();
        return { clusters: keys(layers.clusters), labels: keys(layers.clusterCount) };
      }, LAYERS);
    },
    /** The legend's event types as shown: each one's text and the markup of its shape. */
    async legendTypes(): Promise<{ text: string; shape: string }[]> {
      return frame.locator('[data-testid="legend"] .legend-types li').evaluateAll((items) =>
        items.map((li) => ({
          text: li.textContent ?? "",
          shape: li.querySelector("svg")?.innerHTML ?? "",
        })),
      );
    },
    /** Ids drawn with the selection highlight. */
    async highlightedOnMap(): Promise<string[]> {
      return frame.evaluate((layer) => {
        const map = (window as unknown as WithMap).__atlasMap;
        return (map?.queryRenderedFeatures({ layers: [layer] }) ?? []).map((f) => String(f.properties.id));
      }, LAYERS.selected);
    },
    async mapShows(coordinates: [number, number]): Promise<boolean> {
      return frame.evaluate(
        (lngLat) => (window as unknown as WithMap).__atlasMap?.getBounds().contains(lngLat) ?? false,
        coordinates,
      );
    },
    async mapZoom(): Promise<number> {
      return frame.evaluate(() => (window as unknown as WithMap).__atlasMap?.getZoom() ?? Number.NaN);
    },
    async hoverLabel(): Promise<string> {
      const popup = frame.locator(".incident-hover");
      await popup.waitFor();
      return (await popup.textContent()) ?? "";
    },
    /**
     * Ids of every incident the map draws, sorted: symbols drawn on their own plus the members of every
     * cluster drawn (asked of the clustered source). The map takes filter changes at its own pace (one data
     * push in flight, later changes folded into the next), so this reads until two reads a moment apart,
     * each after the map went idle, agree.
     */
    async drawnIds(): Promise<string[]> {
      let previous: string[] | null = null;
      for (let attempt = 0; attempt < 20; attempt++) {
        await waitForMapIdle(frame);
        // A cluster id read just before new data arrives may be gone when its members are asked for.
        const ids = await readDrawnIds(frame).catch(() => null);
        if (ids !== null && previous !== null && previous.join() === ids.join()) return ids;
        previous = ids;
        await idleMoment(frame);
      }
      throw new Error("the incidents drawn by the map kept changing");
    },
    /** The icon each incident drawn one by one is drawn with: its type code, the image's name, and whether the map has it. */
    async markerIcons(): Promise<{ type: number; image: string; available: boolean }[]> {
      return frame.evaluate((layer) => {
        const map = (window as unknown as WithMap).__atlasMap;
        if (!map) throw new Error("no map");
        return map.queryRenderedFeatures({ layers: [layer] }).map((f) => {
          const layout = (f.layer as { layout?: Record<string, unknown> }).layout ?? {};
          const icon = layout["icon-image"] as string | { name?: string } | undefined;
          const image = typeof icon === "string" ? icon : (icon?.name ?? "");
          return { type: Number(f.properties.t), image, available: image !== "" && map.hasImage(image) };
        });
      }, LAYERS.shapes);
    },
  };
}
