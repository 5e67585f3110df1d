import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import {
  type AppDriver,
  byDate,
  chooseView,
  given,
  incidentsOf,
  type LocalServer,
  parseSnippet,
  requestsOutside,
  type Surface,
  serveArticle,
  servedData,
  type Tab,
} from "./driver/index.ts";

/**
 * A journalist sets up a view in the full app, copies the embed code from the share dialog, and pastes it
 * into an article served from another origin. One browser for the whole file: the app page, the article
 * and the pages opened from links are tabs of the same profile.
 */
const baseUrl = inject("baseUrl");
const EMBED_KEYS = ["embed", "lock", "controls", "timeline"];
const NOTHING_STORED = { cookie: "", localStorage: 0, sessionStorage: 0, indexedDb: [] };

let data: IncidentCollection;
let app: AppDriver;
let article: LocalServer;
let articleTab: Tab;
let embed: Surface;
let snippet: ReturnType<typeof parseSnippet>;
let view: ReturnType<typeof chooseView>;
let expected: IncidentFeature[];
let chosen: IncidentFeature;
/** The article's address and history length once it has loaded: nothing in the embed may change them. */
let articleState: { href: string; historyLength: number };

beforeAll(async () => {
  data = await servedData(baseUrl);
  view = chooseView(data);
  expected = byDate({ ...data, features: incidentsOf(data, view.type, view.from, view.to) });
  chosen = expected[0] as IncidentFeature;

  app = await given.app(baseUrl);
  await app.when.tickFilter("filter-type", view.type);
  await app.when.typeDates(view.from, view.to);
  await app.when.waitForCount(expected.length);
  await app.when.clickListItem(chosen.properties.id);
  await app.when.waitForShown("incident-panel");
  await app.when.waitForMap();

  await app.when.openShareDialog();
  const code = await app.when.chooseEmbedOptions({
    locked: true,
    hideControls: true,
    timeline: false,
    lang: "ar",
    incident: chosen.properties.id,
    width: 480,
    height: 360,
    responsive: false,
  });
  snippet = parseSnippet(code);

  article = await serveArticle(
    `<h1>Reporting from the north-east</h1><p>The map below shows the incidents this story is about.</p>${code}` +
      `<p style="height:3000px">The article goes on.</p>`,
  );
  articleTab = await app.when.openTab(article.url, { width: 900, height: 700 });
  embed = await articleTab.embedFrom(new URL(snippet.src).origin);
  articleState = await articleTab.get.articleLocation();
});

afterAll(async () => {
  await app?.close();
  await article?.close();
});

describe("an embed pasted into an article on another origin", () => {
  it("is the share dialog's snippet: a lazy, referrer-less, sandboxed frame of this deployment, titled with the view", async () => {
    expect(new URL(snippet.src).origin).toBe(new URL(baseUrl).origin);
    expect(new URL(article.url).origin).not.toBe(new URL(baseUrl).origin);
    expect(snippet.attributes.get("loading")).toBe("lazy");
    expect(snippet.attributes.get("referrerpolicy")).toBe("no-referrer");
    expect(snippet.attributes.get("allow")).toBe("fullscreen");
    // The map below runs inside exactly this sandbox: every other test of this file is a test that it is enough.
    expect(snippet.attributes.get("sandbox")).toBe(
      "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox",
    );
    expect(await articleTab.get.embedFrameAttribute("sandbox")).toBe(snippet.attributes.get("sandbox"));
    const typeName = data.meta.event_types.find((t) => t.id === view.type)?.name.ar ?? view.type;
    expect(snippet.title).toContain(typeName);
    expect(snippet.title).toContain(chosen.properties.title.ar);
  });

  it("shows the incidents of the view, with its filters as chips that cannot be removed", async () => {
    expect(await embed.get.listedCount()).toBe(expected.length);
    expect(await embed.get.text("filter-count")).not.toBe("");
    const chips = await embed.get.chipTexts();
    expect(chips).toHaveLength(2); // the date range and the event type
    const typeName = data.meta.event_types.find((t) => t.id === view.type)?.name.ar ?? view.type;
    expect(chips.join(" ")).toContain(typeName);
    expect(await embed.get.removableChips()).toBe(0);
    expect(await embed.get.count("clear-filters")).toBe(0);
  });

  it("hides the filter controls and the timeline as chosen", async () => {
    expect(await embed.get.count("filter-bar")).toBe(0);
    expect(await embed.get.count("timeline")).toBe(0);
    expect(await embed.get.count("share-button")).toBe(0);
  });

  it("opens with the pre-selected incident, in the chosen language", async () => {
    await embed.when.waitForShown("incident-panel");
    expect(await embed.get.panelTitle()).toBe(chosen.properties.title.ar);
    expect(await embed.get.htmlDirAndLang()).toEqual({ lang: "ar", dir: "rtl" });
  });

  it("keeps the legend, the attribution, the source credit and the full-map link in sight", async () => {
    const frameBox = await articleTab.get.embedFrameBox();
    for (const target of [
      '[data-testid="legend"]',
      ".maplibregl-ctrl-attrib",
      '[data-testid="embed-credit"]',
      '[data-testid="open-full-map"]',
    ]) {
      expect(await embed.get.shows(target)).toBe(true);
      const box = await embed.get.box(target);
      expect(box).toBeTruthy();
      if (!box) continue;
      expect(box.x).toBeGreaterThanOrEqual(frameBox.x - 0.5);
      expect(box.y).toBeGreaterThanOrEqual(frameBox.y - 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height + 0.5);
    }
  });

  it("links to the same view in the full map, without the embed options", async () => {
    const href = (await embed.get.attribute("open-full-map", "href")) ?? "";
    const link = new URL(href, snippet.src);
    const source = new URL(snippet.src);
    expect(link.origin + link.pathname).toBe(source.origin + source.pathname);
    for (const key of EMBED_KEYS) expect(link.searchParams.has(key)).toBe(false);
    const rest = (url: URL) =>
      [...url.searchParams.entries()].filter(([key]) => !EMBED_KEYS.includes(key)).sort();
    expect(rest(link)).toEqual(rest(source));
    expect(link.hash).toBe(await embed.get.hash());

    // A reader clicks it: the sandbox lets the link open a tab, and the tab is an ordinary page.
    const { tab: full, address } = await embed.when.tabOpenedBy(() => embed.when.click("open-full-map"));
    try {
      expect(address.origin).toBe(link.origin);
      await full.when.waitForShown("incident-count");
      expect(await full.get.isEmbed()).toBe(false);
      expect(await full.get.isShown("filter-bar")).toBe(true);
      expect(await full.get.listedCount()).toBe(expected.length);
      expect(await full.get.panelTitle()).toBe(chosen.properties.title.ar);
    } finally {
      await full.close();
    }
  });

  it("lets a plain wheel scroll the article instead of zooming the map, with MapLibre's notice", async () => {
    // The reader closes the details first, so the wheel lands on the map itself.
    await embed.when.click("panel-close");
    await embed.when.waitForMap();
    const before = await embed.get.hash();
    const zoom = await embed.get.mapZoom();
    // MapLibre shows its notice for a moment only: record whether it appeared.
    const notice = await embed.when.watchScrollNotice();
    const box = await embed.get.box('[data-testid="map"]');
    if (!box) throw new Error("the embed's map has no box");
    await articleTab.when.wheelOver(box, 300);
    expect(await notice()).not.toBe("");
    await articleTab.when.waitForArticleScrolled();
    // The map has settled after the wheel: had it taken the wheel, it would have zoomed by now.
    await embed.when.waitForMap();
    expect(await embed.get.mapZoom()).toBe(zoom);
    expect(await embed.get.hash()).toBe(before);

    // A wheel with Ctrl held is meant for the map: it zooms, and the hash follows.
    const moved = await embed.get.box('[data-testid="map"]');
    if (!moved) throw new Error("the embed's map has no box");
    // The article has scrolled: aim at the middle of the part of the map still on screen.
    await articleTab.when.wheelOver(moved, -400, true);
    await embed.when.waitForHashChange(before);
    expect(await embed.get.mapZoom()).toBeGreaterThan(zoom);
  });

  it("sets no cookie and stores nothing in the browser", async () => {
    // Use the embed first: switch its language, as a reader might.
    await embed.when.switchLanguage();
    expect(await embed.get.storageUse()).toEqual(NOTHING_STORED);
    expect(await app.get.storageUse()).toEqual(NOTHING_STORED);
    expect(await app.get.cookies()).toEqual([]);
  });

  it("leaves the article's address and Back button alone while the reader selects, zooms and switches language", async () => {
    // By now the reader has closed the incident, zoomed and switched the language inside the embed.
    expect((await embed.get.htmlDirAndLang()).lang).toBe("en");
    expect(await articleTab.get.articleLocation()).toEqual(articleState);
  });

  it("asks no host but the map's for anything, while the app and the embed are used end to end", async () => {
    // Downloads from the full app's share dialog, still open from the set-up.
    await app.when.download("export-png");
    await app.when.download("export-csv", 5);
    await app.when.download("export-geojson");
    // A reader comes back to the article: the page and the embed load again.
    await articleTab.when.reloadArticle();

    expect(app.requests.some((url) => url.startsWith(new URL(baseUrl).origin))).toBe(true);
    expect(app.requests).toContain(article.url);
    expect(requestsOutside(app.requests, baseUrl, { url: article.url, allowed: [article.url] })).toEqual([]);
    expect(article.log.every((entry) => entry.path === "/" && entry.status === 200)).toBe(true);
    expect(await app.get.storageUse()).toEqual(NOTHING_STORED);
    expect(await app.get.cookies()).toEqual([]);
  });
});
