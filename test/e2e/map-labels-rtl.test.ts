import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compareLabels, given, labelPixels, type SharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let browser: SharedBrowser;

beforeAll(async () => {
  browser = await given.browser({ viewport: { width: 1440, height: 900 } });
});
afterAll(async () => browser?.close());

/** A place of the bundled basemap whose English name has parentheses (public/basemap/places.geojson). */
const PALMYRA = { nameEn: "Palmyra (Tadmur)", center: [38.284, 34.5624] as [number, number] };

describe("the basemap's place labels", () => {
  it("draws a parenthesised name the same in the Arabic page as in the English one", async () => {
    const english = await browser.open(baseUrl);
    const inEnglish = await labelPixels(english, PALMYRA.nameEn, PALMYRA.center);
    await english.close();
    const arabic = await browser.open(`${baseUrl}?lang=ar`);
    const inArabic = await labelPixels(arabic, PALMYRA.nameEn, PALMYRA.center);
    await arabic.close();

    const { ink, sameSize, differing } = compareLabels(inEnglish, inArabic);
    expect(ink).toBeGreaterThan(200);
    expect(sameSize).toBe(true);
    expect(differing).toBe(0);
  });
});
