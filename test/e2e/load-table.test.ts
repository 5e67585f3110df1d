import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, idsMatching, type SharedBrowser, servedData } from "./driver/index.ts";

/**
 * The load path: the app starts from the incident table (data/table/table.json + table.bin) and fetches an
 * incident's text from its detail shard when something shows it; the published GeoJSON is never needed.
 * Here the shards, the search index or the table itself are held back or damaged by the test.
 */

const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
/** The incident the list shows first (the list's own order, from the reference filter). */
const firstListed = data.features.find((f) => f.properties.id === idsMatching(data, {})[0])?.properties;
if (!firstListed) throw new Error("no incident in the served data");
let browser: SharedBrowser;
let app: AppDriver | undefined;

beforeAll(async () => {
  browser = await given.browser();
});
afterAll(async () => {
  await app?.close();
  await browser.close();
});

/** Holds every request matching `pattern` until `release()`. */
function hold(pattern: string): { prepare(page: Page): Promise<void>; release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    async prepare(page) {
      await page.route(pattern, async (route: Route) => {
        await gate;
        await route.continue();
      });
    },
    release: () => release(),
  };
}

async function open(prepare: (page: Page) => Promise<void>, query = ""): Promise<AppDriver> {
  await app?.close();
  app = await browser.open(`${baseUrl}${query}`, { prepare });
  return app;
}

/** Opens the app with `table.json` or `table.bin` answered by `fulfil`, and returns the error screen's text. */
async function errorShownFor(file: string, fulfil: (route: Route) => Promise<void>): Promise<string> {
  await app?.close();
  app = await browser.open(baseUrl, {
    waitForList: false,
    prepare: async (page) => {
      await page.route(`**/data/table/${file}`, fulfil);
    },
  });
  const detail = app.page.getByTestId("data-error-detail");
  await detail.waitFor();
  return (await detail.textContent()) ?? "";
}

describe("loading the incident table", () => {
  it("lists, counts and draws every incident without fetching the published GeoJSON", async () => {
    const page = (await open(async () => undefined)).page;
    expect(await app?.get.listedCount()).toBe(data.features.length);
    expect(await page.locator(".list-rows .row-title").first().textContent()).toBe(firstListed.title.en);
    expect(app?.requests.some((url) => url.endsWith("/data/table/table.bin"))).toBe(true);
    expect(app?.requests.some((url) => url.includes("incidents.geojson"))).toBe(false);
  });

  it("shows the panel as loading while the incident's text is on its way, then its claims", async () => {
    const held = hold("**/data/table/shard-*.json");
    const page = (await open(held.prepare, `?id=${encodeURIComponent(firstListed.id)}`)).page;
    const pending = page.getByTestId("incident-panel-pending");
    await pending.waitFor();
    expect(await pending.getByRole("status").textContent()).toContain("Loading");
    // Nothing of a claim is shown before its claimant is known.
    expect(await page.getByTestId("claim").count()).toBe(0);
    held.release();
    await page.getByTestId("incident-panel").waitFor();
    expect(await app?.get.claimTexts()).toHaveLength(firstListed.claims.length);
  });

  it("says the text search is being prepared, then lists what matches", async () => {
    const held = hold("**/data/table/search-*");
    const page = (await open(held.prepare)).page;
    // The longest word of the first incident's title: found at least there.
    const word = firstListed.title.en.split(/[^\p{L}]+/u).reduce((a, b) => (b.length > a.length ? b : a), "");
    const expected = idsMatching(data, { q: word });
    expect(expected.length).toBeGreaterThan(0);
    await page.getByTestId("filter-q").fill(word);
    await page.locator(".list-empty", { hasText: "Preparing the text search" }).waitFor();
    expect(await page.getByTestId("filter-empty").count()).toBe(0);
    held.release();
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-testid="incident-count"]')?.getAttribute("data-count")) === n,
      expected.length,
    );
    expect(await app?.get.listedIds()).toEqual(expected);
  });

  it("refuses a table of another version and says how to rebuild it", async () => {
    const text = await errorShownFor("table.json", async (route) => {
      const response = await route.fetch();
      const header = (await response.json()) as { version: number };
      await route.fulfill({ response, body: JSON.stringify({ ...header, version: header.version + 1 }) });
    });
    expect(text).toContain("version");
    expect(text).toContain("npm run data:build");
  });

  it("says the table is truncated when its columns stop short", async () => {
    const text = await errorShownFor("table.bin", async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      await route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 2)) });
    });
    expect(text).toContain("truncated");
    expect(app?.page.getByTestId("data-retry")).toBeTruthy();
  });

  it("names the missing file when the table is not deployed", async () => {
    const text = await errorShownFor("table.json", (route) => route.fulfill({ status: 404, body: "" }));
    expect(text).toContain("table.json");
    expect(text).toContain("404");
  });
});
