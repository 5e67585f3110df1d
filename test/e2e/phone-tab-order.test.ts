import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, type SharedBrowser, tabUntil } from "./driver/index.ts";

/** On a phone the map sits above the list: Tab goes through them in that order, as a sighted reader scans. */
const baseUrl = inject("baseUrl");
let browser: SharedBrowser;
let app: AppDriver;

beforeAll(async () => {
  browser = await given.browser();
});
afterAll(async () => browser?.close());

for (const size of [
  { width: 390, height: 844 },
  { width: 640, height: 360 },
]) {
  describe(`Tab on a ${size.width}×${size.height} phone`, () => {
    beforeAll(async () => {
      app = await browser.open(baseUrl, { viewport: size });
      await app.when.waitForMap();
    });
    afterAll(async () => app?.close());

    it("goes from Filters through the map and the timeline to the list, down the screen", async () => {
      await app.when.focus("filter-bar-toggle");
      const visited = [await app.get.focusAt(), ...(await tabUntil(app, (at) => at.row))];
      const regions = visited.map((at) => at.region).filter((r, i, all) => r !== all[i - 1]);
      expect(regions).toEqual(["filter-bar", "map", "list"]);
      // Each region is further down the screen than the one before.
      const tops = visited.map((at) => at.regionTop);
      expect(tops).toEqual([...tops].sort((a, b) => a - b));
    });

    it("comes back up from the list to the map with Shift+Tab", async () => {
      await app.when.focusList();
      const [previous] = await tabUntil(app, () => true, { backwards: true });
      expect(previous?.region).toBe("map");
    });
  });
}
