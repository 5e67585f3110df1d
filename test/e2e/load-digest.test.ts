import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, idsMatching, type SharedBrowser, servedData } from "./driver.ts";

/**
 * The load path: the app draws the map, the list and the count from the small digest
 * (data/incidents.digest.json) and reads the full GeoJSON after it. Here the GeoJSON is held back by the test,
 * so the page is seen in the state a reader of a big sheet sees for a few seconds.
 */

const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
/** The incident the list shows first (the list's own order, from the app's pure filter). */
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

/** Holds every request for the GeoJSON until `release()` (the digest and everything else pass). */
function holdGeojson(): { prepare(page: Page): Promise<void>; release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    async prepare(page) {
      await page.route("**/data/incidents.geojson", async (route: Route) => {
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

describe("loading the digest first and the incidents after it", () => {
  it("lists and counts every incident before the full incidents have arrived", async () => {
    const held = holdGeojson();
    const page = (await open(held.prepare)).page;
    expect(await app?.get.listedCount()).toBe(data.features.length);
    expect(await page.locator(".list-rows .row-title").first().textContent()).toBe(firstListed.title.en);
    held.release();
  });

  it("shows an opened incident's title at once and its claims when they arrive", async () => {
    const held = holdGeojson();
    const page = (await open(held.prepare)).page;
    const incident = firstListed;
    await app?.when.clickListItem(incident.id);
    const pending = page.getByTestId("incident-panel-pending");
    await pending.waitFor();
    expect(await pending.locator("#incident-title").textContent()).toBe(incident.title.en);
    expect(await pending.getByRole("status").textContent()).toContain("Loading");
    // Nothing of a claim is shown before its claimant is known.
    expect(await page.getByTestId("claim").count()).toBe(0);
    held.release();
    await page.getByTestId("incident-panel").waitFor();
    expect(await app?.get.claimTexts()).toHaveLength(incident.claims.length);
  });

  it("says the text search is being prepared, then lists what matches", async () => {
    const held = holdGeojson();
    const page = (await open(held.prepare)).page;
    // The longest word of the first incident's title: found at least there.
    const title = firstListed.title.en;
    const word = title.split(/[^\p{L}]+/u).reduce((a, b) => (b.length > a.length ? b : a), "");
    const expected = idsMatching(data, { q: word });
    expect(expected.length).toBeGreaterThan(0);
    await page.getByTestId("filter-q").fill(word);
    // The count and the list say the search is being prepared, not "0 of N" or "nothing matches".
    await page.locator(".list-empty", { hasText: "Preparing the text search" }).waitFor();
    expect(await page.getByTestId("filter-count").textContent()).toContain("Preparing the text search");
    expect(await page.getByTestId("filter-empty").count()).toBe(0);
    held.release();
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-testid="incident-count"]')?.getAttribute("data-count")) === n,
      expected.length,
    );
    expect(await app?.get.listedIds()).toEqual(expected);
  });

  it("works from the GeoJSON alone when no digest was deployed", async () => {
    const page = (
      await open(async (p) => {
        await p.route("**/data/incidents.digest.json", (route) => route.fulfill({ status: 404, body: "" }));
      })
    ).page;
    expect(await app?.get.listedCount()).toBe(data.features.length);
    const incident = firstListed;
    await app?.when.clickListItem(incident.id);
    await page.getByTestId("incident-panel").waitFor();
    expect(await app?.get.claimTexts()).toHaveLength(incident.claims.length);
  });

  it("tells the reader why the claims are missing when the digest and the GeoJSON disagree", async () => {
    const fewer = { ...data, features: data.features.slice(1) };
    const page = (
      await open(async (p) => {
        await p.route("**/data/incidents.geojson", (route) =>
          route.fulfill({ status: 200, contentType: "application/geo+json", body: JSON.stringify(fewer) }),
        );
      })
    ).page;
    const incident = firstListed;
    await app?.when.clickListItem(incident.id);
    const status = page.getByTestId("incident-panel-pending").getByRole("status");
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="incident-panel-pending"] [role="status"]')
        ?.textContent?.includes("data:build"),
    );
    expect(await status.textContent()).toContain("rebuild both with npm run data:build");
  });

  it("tells the reader the digest is from another build when the counts agree but an incident differs", async () => {
    // The served file byte for byte but for one title: same layout, same count, other incidents.
    const text = await (await fetch(new URL("data/incidents.geojson", baseUrl))).text();
    const changed = JSON.stringify(data.features.at(-1)?.properties.title.en);
    const body = text.replace(changed, JSON.stringify(`${JSON.parse(changed)} (edited)`));
    expect(body).not.toBe(text);
    expect((JSON.parse(body) as typeof data).features).toHaveLength(data.features.length);
    const page = (
      await open(async (p) => {
        await p.route("**/data/incidents.geojson", (route) =>
          route.fulfill({ status: 200, contentType: "application/geo+json", body }),
        );
      })
    ).page;
    const incident = firstListed;
    await app?.when.clickListItem(incident.id);
    const status = page.getByTestId("incident-panel-pending").getByRole("status");
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="incident-panel-pending"] [role="status"]')
        ?.textContent?.includes("data:build"),
    );
    expect(await status.textContent()).toContain(
      "incidents.digest.json was built from another incidents.geojson: rebuild both with npm run data:build",
    );
    expect(await page.getByTestId("claim").count()).toBe(0);
  });
});
