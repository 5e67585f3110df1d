import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type AppDriver,
  contrast,
  edgePixels,
  focusRing,
  given,
  parseRgb,
  type Rgb,
  type SharedBrowser,
  tabUntil,
} from "./driver/index.ts";

/** WCAG 2.4.7 and 1.4.11: the keyboard's focus shows, whole, at 3:1 or more against what it is drawn on. */
const baseUrl = inject("baseUrl");
let browser: SharedBrowser;
let app: AppDriver;

beforeAll(async () => {
  browser = await given.browser();
});
afterAll(async () => browser?.close());

/** Colours closer than this (per channel) count as the same: anti-aliasing and the PNG's rounding. */
const SAME = 24;
const near = (a: Rgb, b: Rgb) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= SAME);

for (const lang of ["en", "ar"] as const) {
  describe(`the focus ring in ${lang === "en" ? "English" : "Arabic"}`, () => {
    beforeAll(async () => {
      app = await browser.open(`${baseUrl}?lang=${lang}`);
      await app.when.waitForMap();
    });
    afterAll(async () => app?.close());

    it("on the Share button stands out 3:1 from the header and is not cut off", async () => {
      await tabUntil(app, (at) => at.testId === "share-button");
      const ring = await focusRing(app);
      expect(ring.style).toBe("solid");
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(contrast(parseRgb(ring.color), parseRgb(ring.against))).toBeGreaterThanOrEqual(3);
      expect(ring.clippedBy).toEqual([]);
    });

    it("on the language button stands out 3:1 from the header", async () => {
      await tabUntil(app, (at) => at.testId === "lang-switch");
      const ring = await focusRing(app);
      expect(contrast(parseRgb(ring.color), parseRgb(ring.against))).toBeGreaterThanOrEqual(3);
      expect(ring.clippedBy).toEqual([]);
    });

    it("on the map is drawn whole inside it, in a colour that stands out 3:1 from the map it covers", async () => {
      const before = await edgePixels(app, '[data-testid="map"]', 1);
      await tabUntil(app, (at) => at.classes.includes("maplibregl-canvas"));
      const ring = await focusRing(app);
      expect(ring.style).toBe("solid");
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(ring.clippedBy).toEqual([]);
      // On screen: the band just inside the map's edge is now the ring's colour (where no control covers it),
      // and that colour differs 3:1 from what the band showed before.
      const color = parseRgb(ring.color);
      const after = await edgePixels(app, '[data-testid="map"]', 1);
      const ringShown = after.filter((pixel) => near(pixel, color));
      expect(ringShown.length / after.length).toBeGreaterThanOrEqual(0.6);
      const changed = before.filter((_, i) => near(after[i] ?? [0, 0, 0], color));
      const strong = changed.filter((pixel) => contrast(pixel, color) >= 3);
      expect(strong.length / changed.length).toBeGreaterThanOrEqual(0.9);
    });
  });
}
