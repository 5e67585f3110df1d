import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EMBED_SANDBOX } from "../../src/core/embed-snippet.ts";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import {
  commonestType,
  type EmbeddedMap,
  given,
  listedCount,
  mapZoomIn,
  openEmbedded,
  type Page,
  type SharedBrowser,
  servedData,
  settleEmbed,
  tickFilter,
  waitForCount,
} from "./driver/index.ts";

/**
 * A reader explores an unlocked embed (sandboxed as the share dialog writes it) in an article on another origin:
 * filters it, zooms in, and then opens the full map. The full map shows what the embed showed; the article's
 * address and Back button never move.
 */
const baseUrl = inject("baseUrl");

let browser: SharedBrowser;
let data: IncidentCollection;
let chosen: IncidentFeature;
let embed: EmbeddedMap;
let articleBefore: { href: string; historyLength: number };
let zoomBefore: number;

function articleLocation(page: Page): Promise<{ href: string; historyLength: number }> {
  return page.evaluate(() => ({ href: window.location.href, historyLength: window.history.length }));
}

beforeAll(async () => {
  browser = await given.browser();
  data = await servedData(baseUrl);
  const type = commonestType(data);
  chosen = data.features.find((f) => f.properties.event_type === type) as IncidentFeature;
  const query = `?id=${encodeURIComponent(chosen.properties.id)}&lang=ar&embed=1`;
  embed = await openEmbedded(browser, `${baseUrl}${query}`, { width: 700, height: 500 }, EMBED_SANDBOX);
  await embed.frame.getByTestId("incident-panel").waitFor();
  await settleEmbed(embed.frame);
  articleBefore = await articleLocation(embed.article.page);
  zoomBefore = await mapZoomIn(embed.frame);

  // The reader narrows the embed to one event type, from its Filters button…
  await embed.frame.getByTestId("embed-filters-button").click();
  await tickFilter(embed.frame, "filter-type", type);
  await waitForCount(embed.frame, data.features.filter((f) => f.properties.event_type === type).length);
  await embed.frame.locator(".embed-filters-done").click();
  await embed.frame.getByTestId("embed-filters-drawer").waitFor({ state: "hidden" });
  // …and zooms in from the keyboard on the map.
  await embed.frame.locator(".maplibregl-canvas").focus();
  await embed.article.page.keyboard.press("Equal");
  await embed.frame.waitForFunction(
    (zoom) =>
      ((window as unknown as { __atlasMap?: { getZoom(): number } }).__atlasMap?.getZoom() ?? 0) > zoom,
    zoomBefore,
  );
  await settleEmbed(embed.frame);
});

afterAll(async () => embed?.close());

describe("an unlocked, sandboxed embed after a reader has filtered and zoomed it", () => {
  it("has zoomed and filtered", async () => {
    expect(await mapZoomIn(embed.frame)).toBeGreaterThan(zoomBefore);
    expect(new URL(embed.frame.url()).searchParams.get("type")).toBe(chosen.properties.event_type);
  });

  it("has left the article's address and history length as they were", async () => {
    expect(await articleLocation(embed.article.page)).toEqual(articleBefore);
  });

  it("opens the full map on the same filters, incident, language and camera", async () => {
    const embedHash = await embed.frame.evaluate(() => window.location.hash);
    const embedCount = await listedCount(embed.frame);
    const opened = embed.article.page.context().waitForEvent("page");
    await embed.frame.getByTestId("open-full-map").click();
    const full = await opened;
    try {
      const frame = full.mainFrame();
      await frame.getByTestId("incident-count").waitFor();
      const url = new URL(full.url());
      expect(url.searchParams.has("embed")).toBe(false);
      expect(url.searchParams.get("type")).toBe(chosen.properties.event_type);
      expect(url.searchParams.get("id")).toBe(chosen.properties.id);
      expect(await listedCount(frame)).toBe(embedCount);
      expect(await full.locator("#incident-title").textContent()).toBe(chosen.properties.title.ar);
      expect(await full.evaluate(() => document.documentElement.lang)).toBe("ar");
      expect(await full.locator(".app.embed").count()).toBe(0);
      // The camera: the zoom and centre the reader left the embed at (the hash is #zoom/lat/lon).
      const [zoom, lat, lon] = embedHash.slice(1).split("/").map(Number);
      const fullZoom = await mapZoomIn(frame);
      expect(Math.abs(fullZoom - (zoom as number))).toBeLessThan(0.05);
      const [, fullLat, fullLon] = (await full.evaluate(() => window.location.hash))
        .slice(1)
        .split("/")
        .map(Number);
      expect(Math.abs((fullLat as number) - (lat as number))).toBeLessThan(0.05);
      expect(Math.abs((fullLon as number) - (lon as number))).toBeLessThan(0.05);
    } finally {
      await full.close();
    }
  });

  it("logs no error", () => {
    expect(embed.article.errors).toEqual([]);
  });
});
