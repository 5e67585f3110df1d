import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import {
  type EmbeddedMap,
  given,
  openEmbedded,
  type Rect,
  type SharedBrowser,
  servedData,
} from "./driver/index.ts";

/**
 * An embed with an incident open, in an article on another origin, at the iframe sizes newsrooms use, in English
 * and Arabic: the map keeps the frame, the incident stays in sight beside or above the panel, the filters stay
 * one keypress away.
 */
const baseUrl = inject("baseUrl");
const SIZES = [
  { width: 640, height: 480 },
  { width: 320, height: 480 },
  { width: 480, height: 320 },
  { width: 700, height: 500 },
  { width: 1200, height: 600 },
];
/** The selected incident's symbol radius and halo: all of it must be clear of overlays. */
const POINT_RADIUS = 8;

let browser: SharedBrowser;
let data: IncidentCollection;
let chosen: IncidentFeature;

beforeAll(async () => {
  browser = await given.browser();
  data = await servedData(baseUrl);
  // The incident farthest east: the hardest to bring into view beside a panel at the reading end.
  chosen = [...data.features].sort(
    (a, b) => b.geometry.coordinates[0] - a.geometry.coordinates[0],
  )[0] as IncidentFeature;
});

afterAll(async () => browser?.close());

function inside(point: { x: number; y: number }, rect: Rect, margin = 0): boolean {
  return (
    point.x >= rect.left + margin &&
    point.x <= rect.right - margin &&
    point.y >= rect.top + margin &&
    point.y <= rect.bottom - margin
  );
}

function overlaps(point: { x: number; y: number }, rect: Rect, radius: number): boolean {
  return (
    point.x + radius > rect.left &&
    point.x - radius < rect.right &&
    point.y + radius > rect.top &&
    point.y - radius < rect.bottom
  );
}

for (const size of SIZES) {
  for (const lang of ["en", "ar"] as const) {
    describe(`an embed of ${size.width}×${size.height} in ${lang === "en" ? "English" : "Arabic"}`, () => {
      let embed: EmbeddedMap;

      beforeAll(async () => {
        const { id, event_type } = chosen.properties;
        const query = `?type=${event_type}&id=${encodeURIComponent(id)}&lang=${lang}&embed=1&lock=1&controls=0`;
        embed = await openEmbedded(browser, `${baseUrl}${query}`, size);
        await embed.when.waitForShown("incident-panel");
        await embed.when.settle();
      });

      afterAll(async () => embed?.close());

      it("draws the map canvas over the whole of its box, and the map is the largest part of the frame", async () => {
        const layout = await embed.get.embedLayout();
        for (const side of ["left", "top", "right", "bottom"] as const) {
          expect(Math.abs(layout.canvas[side] - layout.map[side])).toBeLessThanOrEqual(1);
        }
        const mapArea = (layout.map.right - layout.map.left) * (layout.map.bottom - layout.map.top);
        expect(mapArea / (layout.viewport.width * layout.viewport.height)).toBeGreaterThanOrEqual(0.6);
        expect(layout.largest).toBe("map");
      });

      it("shows the selected incident in the map, clear of the panel, the legend and the map's controls", async () => {
        const layout = await embed.get.embedLayout();
        const point = await embed.get.screenPointOf(chosen.geometry.coordinates as [number, number]);
        expect(inside(point, layout.map, POINT_RADIUS)).toBe(true);
        const under = layout.overlays.filter((overlay) => overlaps(point, overlay.rect, POINT_RADIUS));
        expect(under.map((overlay) => overlay.name)).toEqual([]);
        expect(layout.overlays.some((overlay) => overlay.name === "legend")).toBe(true);
      });

      it("starts with the legend folded", async () => {
        expect(await embed.get.isUnfolded("legend")).toBe(false);
      });

      it("opens the filters from one button with the keyboard, and Escape closes only them", async () => {
        expect(await embed.get.text("embed-filters-button")).toMatch(/1|١/);
        await embed.when.focus("embed-filters-button");
        await embed.when.press("Enter");
        await embed.when.waitForShown("embed-filters-drawer");
        expect(await embed.get.attribute("embed-filters-button", "aria-expanded")).toBe("true");
        expect(
          await embed.get.shows('[data-testid="embed-filters-drawer"] [data-testid="filter-count"]'),
        ).toBe(true);
        await embed.when.press("Tab");
        expect(await embed.get.holdsFocus("embed-filters-drawer")).toBe(true);
        await embed.when.press("Escape");
        await embed.when.waitForHidden("embed-filters-drawer");
        expect(await embed.get.focusedTestId()).toBe("embed-filters-button");
        expect(await embed.get.isShown("incident-panel")).toBe(true);
      });

      it("never scrolls sideways", async () => {
        const { viewport } = await embed.get.embedLayout();
        expect(viewport.scrollWidth).toBeLessThanOrEqual(viewport.width);
      });

      it("logs no error and asks nothing of any host but the article's and the map's", async () => {
        expect(embed.article.errors).toEqual([]);
        const allowed = new Set([new URL(embed.server.url).origin, new URL(baseUrl).origin]);
        const elsewhere = embed.article.requests.filter(
          (url) => !url.startsWith("data:") && !url.startsWith("blob:") && !allowed.has(new URL(url).origin),
        );
        expect(elsewhere).toEqual([]);
        expect(embed.server.log.map((entry) => entry.path)).toEqual(["/"]);
      });
    });
  }
}
