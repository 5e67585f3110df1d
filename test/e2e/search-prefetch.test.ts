import { describe, expect, inject, it } from "vitest";
import { given, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

/** Positions in the page's request log of the search index's dictionary. */
function indexRequests(requests: string[]): number[] {
  return requests.flatMap((url, at) => (new URL(url).pathname.endsWith("/search-tokens.txt") ? [at] : []));
}

describe("the text search's index arrives before the first search", () => {
  it("on the full page it is fetched when the reader starts using the page, before any search", async () => {
    const app = await openApp();
    await app.when.waitForMap();
    await app.when.pageIdle();
    // A reader who only looks at the map downloads nothing more.
    expect(indexRequests(app.requests)).toHaveLength(0);
    await app.when.movePointer();
    await expect.poll(() => indexRequests(app.requests).length, { timeout: 10_000 }).toBe(1);
    // The first search then needs nothing more of the dictionary.
    await app.when.search("raqqa");
    expect(indexRequests(app.requests)).toHaveLength(1);
    expect(await app.get.listedCount()).toBeGreaterThan(0);
  });

  it("an embed leaves it on the server until its reader goes to the search box", async () => {
    const browser = await given.browser();
    try {
      const app = await browser.open(`${baseUrl}?embed=1`, { waitForList: false });
      await app.when.waitForMap();
      await app.when.pageIdle();
      await app.when.openEmbedFilters();
      const beforeFocus = app.requests.length;
      await app.when.focusSearch();
      await expect.poll(() => indexRequests(app.requests).length, { timeout: 10_000 }).toBe(1);
      expect(indexRequests(app.requests)[0]).toBeGreaterThanOrEqual(beforeFocus);
    } finally {
      await browser.close();
    }
  });
});
