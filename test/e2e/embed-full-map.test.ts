import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EMBED_SANDBOX } from "../../src/core/embed-snippet.ts";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import {
  commonestType,
  type EmbeddedMap,
  given,
  openEmbedded,
  type SharedBrowser,
  servedData,
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

beforeAll(async () => {
  browser = await given.browser();
  data = await servedData(baseUrl);
  const type = commonestType(data);
  chosen = data.features.find((f) => f.properties.event_type === type) as IncidentFeature;
  const query = `?id=${encodeURIComponent(chosen.properties.id)}&lang=ar&embed=1`;
  embed = await openEmbedded(browser, `${baseUrl}${query}`, { width: 700, height: 500 }, EMBED_SANDBOX);
  await embed.when.waitForShown("incident-panel");
  await embed.when.settle();
  articleBefore = await embed.article.get.articleLocation();
  zoomBefore = await embed.get.mapZoom();

  // The reader narrows the embed to one event type, from its Filters button…
  await embed.when.click("embed-filters-button");
  await embed.when.tickFilter("filter-type", type);
  await embed.when.waitForCount(data.features.filter((f) => f.properties.event_type === type).length);
  await embed.when.closeEmbedFilters();
  // …and zooms in from the keyboard on the map.
  await embed.when.focusMap();
  await embed.when.press("Equal");
  await embed.when.waitForZoomAbove(zoomBefore);
  await embed.when.settle();
});

afterAll(async () => embed?.close());

describe("an unlocked, sandboxed embed after a reader has filtered and zoomed it", () => {
  it("has zoomed and filtered", async () => {
    expect(await embed.get.mapZoom()).toBeGreaterThan(zoomBefore);
    expect((await embed.get.address()).searchParams.get("type")).toBe(chosen.properties.event_type);
  });

  it("has left the article's address and history length as they were", async () => {
    expect(await embed.article.get.articleLocation()).toEqual(articleBefore);
  });

  it("opens the full map on the same filters, incident, language and camera", async () => {
    const embedHash = await embed.get.hash();
    const embedCount = await embed.get.listedCount();
    const { tab: full } = await embed.when.tabOpenedBy(() => embed.when.click("open-full-map"));
    try {
      await full.when.waitForShown("incident-count");
      const url = await full.get.address();
      expect(url.searchParams.has("embed")).toBe(false);
      expect(url.searchParams.get("type")).toBe(chosen.properties.event_type);
      expect(url.searchParams.get("id")).toBe(chosen.properties.id);
      expect(await full.get.listedCount()).toBe(embedCount);
      expect(await full.get.panelTitle()).toBe(chosen.properties.title.ar);
      expect((await full.get.htmlDirAndLang()).lang).toBe("ar");
      expect(await full.get.isEmbed()).toBe(false);
      // The camera: the zoom and centre the reader left the embed at (the hash is #zoom/lat/lon).
      const [zoom, lat, lon] = embedHash.slice(1).split("/").map(Number);
      const fullZoom = await full.get.mapZoom();
      expect(Math.abs(fullZoom - (zoom as number))).toBeLessThan(0.05);
      const [, fullLat, fullLon] = (await full.get.hash()).slice(1).split("/").map(Number);
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
