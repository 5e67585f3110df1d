import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, type PaneSizes, paneSizes, type SharedBrowser } from "./driver/index.ts";

/**
 * WCAG 1.4.10 (reflow): a page zoomed to 200% (683×384 is 1366×768 at 200%), phones held sideways, and down to
 * 320×256 CSS px. In every view the map keeps a usable size and the list a viewport that shows rows; the page may
 * scroll down, never sideways.
 */
const baseUrl = inject("baseUrl");
const SIZES = [
  { width: 683, height: 384 },
  { width: 844, height: 390 },
  { width: 720, height: 450 },
  { width: 640, height: 360 },
  { width: 320, height: 256 },
];
/** A map a reader can still pan, zoom and click in. */
const USABLE_MAP = 150;
/** Two rows of the list at their least height. */
const USABLE_LIST = 144;

let browser: SharedBrowser;
beforeAll(async () => {
  browser = await given.browser();
});
afterAll(async () => browser?.close());

function expectUsable(sizes: PaneSizes): void {
  expect(sizes.map.height).toBeGreaterThanOrEqual(USABLE_MAP);
  expect(sizes.map.width).toBeGreaterThanOrEqual(USABLE_MAP);
  // MapLibre draws over the whole of the map's box: a canvas of another size means the map did not follow.
  expect(Math.abs(sizes.canvas.height - sizes.map.height)).toBeLessThanOrEqual(1);
  expect(sizes.list.height).toBeGreaterThanOrEqual(USABLE_LIST);
  expect(sizes.list.width).toBeGreaterThanOrEqual(USABLE_MAP);
  expect(sizes.page.scrollWidth).toBeLessThanOrEqual(sizes.page.width);
}

for (const size of SIZES) {
  describe(`the page at ${size.width}×${size.height}`, () => {
    let app: AppDriver;
    beforeAll(async () => {
      app = await browser.open(baseUrl, { viewport: size });
      await app.when.waitForMap();
    });
    afterAll(async () => app?.close());

    it("keeps the map and the list usable", async () => {
      expectUsable(await paneSizes(app));
    });

    it("keeps the map and the list usable with an incident open", async () => {
      const [first] = await app.get.rowIds();
      await app.when.clickListItem(first ?? "");
      await app.when.waitForShown("incident-panel");
      await app.when.waitForMap();
      expectUsable(await paneSizes(app));
    });
  });
}

for (const size of SIZES) {
  describe(`an embed at ${size.width}×${size.height}`, () => {
    let app: AppDriver;
    beforeAll(async () => {
      // The list is folded behind its button: do not wait for it to be shown.
      app = await browser.open(`${baseUrl}?embed=1`, { viewport: size, waitForList: false });
      await app.when.waitForMap();
    });
    afterAll(async () => app?.close());

    it("keeps the map usable and the list one button away, usable once unfolded", async () => {
      const folded = await paneSizes(app);
      expect(folded.list.height).toBe(0);
      await app.when.click("embed-list-button");
      await app.when.waitForShown("embed-list-drawer");
      expectUsable(await paneSizes(app));
    });
  });
}
