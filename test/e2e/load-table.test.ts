import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type AppDriver,
  type AppOptions,
  alteredFiles,
  given,
  heldRequests,
  idsMatching,
  missingFiles,
  type SharedBrowser,
  servedData,
} from "./driver/index.ts";

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

async function open(prepare?: AppOptions["prepare"], query = ""): Promise<AppDriver> {
  await app?.close();
  app = await browser.open(`${baseUrl}${query}`, prepare ? { prepare } : {});
  return app;
}

/** Opens the app with the table's files answered as `prepare` says, and returns the error screen's text. */
async function errorShownFor(prepare: AppOptions["prepare"]): Promise<string> {
  await app?.close();
  app = await browser.open(baseUrl, { waitForList: false, prepare });
  await app.when.waitForShown("data-error-detail");
  return app.get.text("data-error-detail");
}

describe("loading the incident table", () => {
  it("lists, counts and draws every incident without fetching the published GeoJSON", async () => {
    const shown = await open();
    expect(await shown.get.listedCount()).toBe(data.features.length);
    expect(await shown.get.firstRowTitle()).toBe(firstListed.title.en);
    expect(app?.requests.some((url) => url.endsWith("/data/table/table.bin"))).toBe(true);
    expect(app?.requests.some((url) => url.includes("incidents.geojson"))).toBe(false);
  });

  it("shows the panel as loading while the incident's text is on its way, then its claims", async () => {
    const held = heldRequests("**/data/table/shard-*.json");
    const shown = await open(held.prepare, `?id=${encodeURIComponent(firstListed.id)}`);
    await shown.when.waitForShown("incident-panel-pending");
    expect(await shown.get.textAt('[data-testid="incident-panel-pending"] [role="status"]')).toContain(
      "Loading",
    );
    // Nothing of a claim is shown before its claimant is known.
    expect(await shown.get.count("claim")).toBe(0);
    held.release();
    await shown.when.waitForShown("incident-panel");
    expect(await app?.get.claimTexts()).toHaveLength(firstListed.claims.length);
  });

  it("opens a row the reader pressed Enter on while its text was on its way, once the text arrives", async () => {
    const held = heldRequests("**/data/table/shard-*.json");
    const shown = await open(held.prepare);
    await shown.when.focusList();
    // The row is still loading when Enter is pressed.
    expect(await shown.get.attributeAt('.list-rows [tabindex="0"]', "aria-busy")).toBe("true");
    await shown.when.press("Enter");
    held.release();
    await expect.poll(() => shown.get.panelIsOpen()).toBe(true);
    expect(await shown.get.panelTitle()).toBe(firstListed.title.en);
  });

  it("says the text search is being prepared, then lists what matches", async () => {
    const held = heldRequests("**/data/table/search-*");
    const shown = await open(held.prepare);
    // The longest word of the first incident's title: found at least there.
    const word = firstListed.title.en.split(/[^\p{L}]+/u).reduce((a, b) => (b.length > a.length ? b : a), "");
    const expected = idsMatching(data, { q: word });
    expect(expected.length).toBeGreaterThan(0);
    await shown.when.fill("filter-q", word);
    await shown.when.waitForListMessage("Preparing the text search");
    expect(await shown.get.count("filter-empty")).toBe(0);
    held.release();
    await shown.when.waitForCount(expected.length);
    expect(await app?.get.listedIds()).toEqual(expected);
  });

  it("draws the first render without who took part, then filters by actor once that has arrived", async () => {
    const held = heldRequests("**/data/table/relations.bin");
    const shown = await open(held.prepare);
    expect(await shown.get.listedCount()).toBe(data.features.length);
    const actor = firstListed.perpetrators[0]?.id as string;
    const expected = idsMatching(data, { actors: [actor] });
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(data.features.length);
    await shown.when.pickActor(actor);
    held.release();
    await shown.when.waitForCount(expected.length);
    expect(await app?.get.listedIds()).toEqual(expected);
  });

  it("refuses a table of another version and says how to rebuild it", async () => {
    const text = await errorShownFor(
      alteredFiles("**/data/table/table.json", (body) => {
        const header = JSON.parse(body.toString("utf8")) as { version: number };
        return JSON.stringify({ ...header, version: header.version + 1 });
      }),
    );
    expect(text).toContain("version");
    expect(text).toContain("npm run data:build");
  });

  it("says the table is truncated when its columns stop short", async () => {
    const text = await errorShownFor(
      alteredFiles("**/data/table/table.bin", (body) => body.subarray(0, Math.floor(body.length / 2))),
    );
    expect(text).toContain("truncated");
    expect(await app?.get.count("data-retry")).toBe(1);
  });

  it("names the missing file when the table is not deployed", async () => {
    const text = await errorShownFor(missingFiles("**/data/table/table.json"));
    expect(text).toContain("table.json");
    expect(text).toContain("404");
  });
});
