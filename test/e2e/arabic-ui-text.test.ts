import { describe, expect, inject, it } from "vitest";
import { ar } from "../../src/i18n/ar.ts";
import { en } from "../../src/i18n/en.ts";
import { useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

describe("the page's own words in Arabic", () => {
  it("writes the scale bar in Arabic words and digits", async () => {
    const app = await openApp("?lang=ar");
    expect(await app.get.textAt(".maplibregl-ctrl-scale")).toMatch(/^[٠-٩٬٫]+ (كم|م)$/);
  });

  it("gives the map its name in the page's language, also after a switch", async () => {
    const app = await openApp("?lang=ar");
    expect(await app.get.attributeAt(".maplibregl-canvas", "aria-label")).toBe(ar.mapLabel);
    await app.when.switchLanguage();
    expect(await app.get.attributeAt(".maplibregl-canvas", "aria-label")).toBe(en.mapLabel);
  });

  it("tells a screen-reader user how to use the list without English words", async () => {
    const app = await openApp("?lang=ar");
    const hint = await app.get.textAt("#list-hint");
    expect(hint).toBe(ar.listHint);
    expect(hint).not.toMatch(/[A-Za-z]/);
  });

  it("describes the page in the page's language", async () => {
    const app = await openApp("?lang=ar");
    expect(await app.get.attributeAt('meta[name="description"]', "content")).toBe(ar.metaDescription);
  });

  it("points the Play arrow the way the timeline runs, in both languages", async () => {
    for (const query of ["", "?lang=ar"]) {
      const app = await openApp(query);
      const bars = await app.get.boxes(".timeline-bin");
      const first = bars[0];
      const last = bars.at(-1);
      if (!first || !last) throw new Error("no timeline bars");
      const arrow = (await app.get.text("timeline-play")).trim().charAt(0);
      expect(arrow).toBe(first.x < last.x ? "▶" : "◀");
      await app.close();
    }
  });
});
