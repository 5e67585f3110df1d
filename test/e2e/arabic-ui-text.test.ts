import { describe, expect, inject, it } from "vitest";
import { ar } from "../../src/i18n/ar.ts";
import { en } from "../../src/i18n/en.ts";
import { useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

describe("the page's own words in Arabic", () => {
  it("writes the scale bar in Arabic words and digits", async () => {
    const app = await openApp("?lang=ar");
    expect(await app.page.locator(".maplibregl-ctrl-scale").textContent()).toMatch(/^[٠-٩٬٫]+ (كم|م)$/);
  });

  it("gives the map its name in the page's language, also after a switch", async () => {
    const app = await openApp("?lang=ar");
    const canvas = app.page.locator(".maplibregl-canvas");
    expect(await canvas.getAttribute("aria-label")).toBe(ar.mapLabel);
    await app.when.switchLanguage();
    expect(await canvas.getAttribute("aria-label")).toBe(en.mapLabel);
  });

  it("tells a screen-reader user how to use the list without English words", async () => {
    const app = await openApp("?lang=ar");
    const hint = (await app.page.locator("#list-hint").textContent()) ?? "";
    expect(hint).toBe(ar.listHint);
    expect(hint).not.toMatch(/[A-Za-z]/);
  });

  it("describes the page in the page's language", async () => {
    const app = await openApp("?lang=ar");
    const description = app.page.locator('meta[name="description"]');
    expect(await description.getAttribute("content")).toBe(ar.metaDescription);
  });

  it("points the Play arrow the way the timeline runs, in both languages", async () => {
    for (const query of ["", "?lang=ar"]) {
      const app = await openApp(query);
      const bins = app.page.locator(".timeline-bin");
      const first = await bins.first().boundingBox();
      const last = await bins.last().boundingBox();
      if (!first || !last) throw new Error("no timeline bars");
      const arrow = (await app.page.getByTestId("timeline-play").textContent())?.trim().charAt(0);
      expect(arrow).toBe(first.x < last.x ? "▶" : "◀");
      await app.close();
    }
  });
});
