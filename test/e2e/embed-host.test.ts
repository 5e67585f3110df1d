import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import { type AppDriver, given, servedData } from "./driver.ts";
import { byDate } from "./pick-incident.ts";
import {
  chooseView,
  downloadFrom,
  embedCodeFor,
  type Frame,
  incidentsOf,
  type LocalServer,
  listedCount,
  mapZoomIn,
  openShareDialog,
  type Page,
  parseSnippet,
  requestsOutside,
  serveArticle,
  setDates,
  storageUse,
  tickFilter,
  waitForCount,
  waitForMapIn,
} from "./share-driver.ts";

/**
 * A journalist sets up a view in the full app, copies the embed code from the share dialog, and pastes it
 * into an article served from another origin. One browser for the whole file: the app page, the article
 * and the pages opened from links are tabs of the same profile.
 */
const baseUrl = inject("baseUrl");
const EMBED_KEYS = ["embed", "lock", "controls", "timeline"];

let data: IncidentCollection;
let app: AppDriver;
let article: LocalServer;
let articlePage: Page;
let embed: Frame;
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
  const main = app.page.mainFrame();
  await tickFilter(main, "filter-type", view.type);
  await setDates(main, view.from, view.to);
  await waitForCount(main, expected.length);
  await app.when.waitForMap();
  await app.when.clickListItem(chosen.properties.id);
  await app.page.getByTestId("incident-panel").waitFor();
  await app.when.waitForMap();

  await openShareDialog(main);
  const code = await embedCodeFor(main, {
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
  articlePage = await app.page.context().newPage();
  await articlePage.setViewportSize({ width: 900, height: 700 });
  await articlePage.goto(article.url);
  const frameUrl = new URL(snippet.src);
  await articlePage.waitForFunction(() => document.querySelector("iframe") !== null);
  const deadline = Date.now() + 30_000;
  while (!articlePage.frames().some((f) => f.url().startsWith(frameUrl.origin)) && Date.now() < deadline) {
    await articlePage.waitForTimeout(50);
  }
  const found = articlePage.frames().find((f) => f.url().startsWith(frameUrl.origin));
  if (!found) throw new Error("the embed's frame never loaded");
  embed = found;
  await embed.getByTestId("incident-count").waitFor({ state: "attached" });
  await waitForMapIn(embed);
  articleState = await articleLocation(articlePage);
});

function articleLocation(page: Page): Promise<{ href: string; historyLength: number }> {
  return page.evaluate(() => ({ href: window.location.href, historyLength: window.history.length }));
}

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
    expect(await articlePage.locator("iframe").getAttribute("sandbox")).toBe(
      snippet.attributes.get("sandbox"),
    );
    const typeName = data.meta.event_types.find((t) => t.id === view.type)?.name.ar ?? view.type;
    expect(snippet.title).toContain(typeName);
    expect(snippet.title).toContain(chosen.properties.title.ar);
  });

  it("shows the incidents of the view, with its filters as chips that cannot be removed", async () => {
    expect(await listedCount(embed)).toBe(expected.length);
    expect(await embed.getByTestId("filter-count").textContent()).not.toBe("");
    const chips = embed.locator(".chip-list .chip");
    expect(await chips.count()).toBe(2); // the date range and the event type
    const typeName = data.meta.event_types.find((t) => t.id === view.type)?.name.ar ?? view.type;
    expect((await chips.allTextContents()).join(" ")).toContain(typeName);
    expect(await embed.locator(".chip-list button").count()).toBe(0);
    expect(await embed.getByTestId("clear-filters").count()).toBe(0);
  });

  it("hides the filter controls and the timeline as chosen", async () => {
    expect(await embed.getByTestId("filter-bar").count()).toBe(0);
    expect(await embed.getByTestId("timeline").count()).toBe(0);
    expect(await embed.getByTestId("share-button").count()).toBe(0);
  });

  it("opens with the pre-selected incident, in the chosen language", async () => {
    await embed.getByTestId("incident-panel").waitFor();
    expect(await embed.locator("#incident-title").textContent()).toBe(chosen.properties.title.ar);
    expect(await embed.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(
      ["ar", "rtl"],
    );
  });

  it("keeps the legend, the attribution, the source credit and the full-map link in sight", async () => {
    for (const target of [
      embed.getByTestId("legend"),
      embed.locator(".maplibregl-ctrl-attrib"),
      embed.getByTestId("embed-credit"),
      embed.getByTestId("open-full-map"),
    ]) {
      expect(await target.isVisible()).toBe(true);
      const box = await target.boundingBox();
      const frameBox = await articlePage.locator("iframe").boundingBox();
      expect(box && frameBox).toBeTruthy();
      if (!box || !frameBox) continue;
      expect(box.x).toBeGreaterThanOrEqual(frameBox.x - 0.5);
      expect(box.y).toBeGreaterThanOrEqual(frameBox.y - 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height + 0.5);
    }
  });

  it("links to the same view in the full map, without the embed options", async () => {
    const href = (await embed.getByTestId("open-full-map").getAttribute("href")) ?? "";
    const link = new URL(href, snippet.src);
    const source = new URL(snippet.src);
    expect(link.origin + link.pathname).toBe(source.origin + source.pathname);
    for (const key of EMBED_KEYS) expect(link.searchParams.has(key)).toBe(false);
    const rest = (url: URL) =>
      [...url.searchParams.entries()].filter(([key]) => !EMBED_KEYS.includes(key)).sort();
    expect(rest(link)).toEqual(rest(source));
    expect(link.hash).toBe(await embed.evaluate(() => window.location.hash));

    // A reader clicks it: the sandbox lets the link open a tab, and the tab is an ordinary page.
    const opened = app.page.context().waitForEvent("page");
    await embed.getByTestId("open-full-map").click();
    const full = await opened;
    try {
      await full.waitForLoadState("domcontentloaded");
      expect(new URL(full.url()).origin).toBe(link.origin);
      const frame = full.mainFrame();
      await frame.getByTestId("incident-count").waitFor();
      expect(await full.locator(".app.embed").count()).toBe(0);
      expect(await full.getByTestId("filter-bar").isVisible()).toBe(true);
      expect(await listedCount(frame)).toBe(expected.length);
      expect(await full.locator("#incident-title").textContent()).toBe(chosen.properties.title.ar);
    } finally {
      await full.close();
    }
  });

  it("lets a plain wheel scroll the article instead of zooming the map, with MapLibre's notice", async () => {
    // The reader closes the details first, so the wheel lands on the map itself.
    await embed.getByTestId("panel-close").click();
    await waitForMapIn(embed);
    const before = await embed.evaluate(() => window.location.hash);
    const zoom = await mapZoomIn(embed);
    // MapLibre shows its notice for a moment only: record whether it appeared.
    await embed.evaluate(() => {
      const notice = document.querySelector(".maplibregl-cooperative-gesture-screen");
      const seen = window as unknown as { noticeText?: string };
      new MutationObserver(() => {
        if (notice?.classList.contains("maplibregl-show")) seen.noticeText = notice.textContent ?? "";
      }).observe(notice as Element, { attributes: true });
    });
    const box = await embed.getByTestId("map").boundingBox();
    if (!box) throw new Error("the embed's map has no box");
    await articlePage.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await articlePage.mouse.wheel(0, 300);
    await embed.waitForFunction(
      () => (window as unknown as { noticeText?: string }).noticeText !== undefined,
    );
    await articlePage.waitForFunction(() => window.scrollY > 0);
    expect(await embed.evaluate(() => (window as unknown as { noticeText?: string }).noticeText)).not.toBe(
      "",
    );
    await articlePage.waitForTimeout(400);
    expect(await mapZoomIn(embed)).toBe(zoom);
    expect(await embed.evaluate(() => window.location.hash)).toBe(before);

    // A wheel with Ctrl held is meant for the map: it zooms, and the hash follows.
    const moved = await embed.getByTestId("map").boundingBox();
    if (!moved) throw new Error("the embed's map has no box");
    // The article has scrolled: aim at the middle of the part of the map still on screen.
    const shownTop = Math.max(moved.y, 0);
    const shownBottom = Math.min(moved.y + moved.height, articlePage.viewportSize()?.height ?? 700);
    await articlePage.mouse.move(moved.x + moved.width / 2, (shownTop + shownBottom) / 2);
    await articlePage.keyboard.down("Control");
    await articlePage.mouse.wheel(0, -400);
    await articlePage.keyboard.up("Control");
    await embed.waitForFunction((h) => window.location.hash !== h, before);
    expect(await mapZoomIn(embed)).toBeGreaterThan(zoom);
  });

  it("sets no cookie and stores nothing in the browser", async () => {
    // Use the embed first: switch its language, as a reader might.
    await embed.getByTestId("lang-switch").click();
    await embed.waitForFunction(() => document.documentElement.lang === "en");
    expect(await storageUse(embed)).toEqual({
      cookie: "",
      localStorage: 0,
      sessionStorage: 0,
      indexedDb: [],
    });
    expect(await storageUse(app.page.mainFrame())).toEqual({
      cookie: "",
      localStorage: 0,
      sessionStorage: 0,
      indexedDb: [],
    });
    expect(await app.page.context().cookies()).toEqual([]);
  });

  it("leaves the article's address and Back button alone while the reader selects, zooms and switches language", async () => {
    // By now the reader has closed the incident, zoomed and switched the language inside the embed.
    expect(await embed.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await articleLocation(articlePage)).toEqual(articleState);
  });

  it("asks no host but the map's for anything, while the app and the embed are used end to end", async () => {
    // Downloads from the full app's share dialog, still open from the set-up.
    await downloadFrom(app.page, "export-png");
    await downloadFrom(app.page, "export-csv", 5);
    await downloadFrom(app.page, "export-geojson");
    // A reader comes back to the article: the page and the embed load again.
    await articlePage.reload();
    await articlePage.frameLocator("iframe").getByTestId("incident-count").waitFor({ state: "attached" });

    expect(app.requests.some((url) => url.startsWith(new URL(baseUrl).origin))).toBe(true);
    expect(app.requests).toContain(article.url);
    expect(requestsOutside(app.requests, baseUrl, { url: article.url, allowed: [article.url] })).toEqual([]);
    expect(article.log.every((entry) => entry.path === "/" && entry.status === 200)).toBe(true);
    expect(await storageUse(app.page.mainFrame())).toEqual({
      cookie: "",
      localStorage: 0,
      sessionStorage: 0,
      indexedDb: [],
    });
    expect(await app.page.context().cookies()).toEqual([]);
  });
});
