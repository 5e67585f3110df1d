import { describe, expect, inject, it } from "vitest";
import { useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

/**
 * Windows high contrast, as Chromium emulates it: the marks the explorer draws as coloured backgrounds (timeline
 * bars, brush handles, list swatches) must still stand out from the page's background.
 */
describe("forced colours", () => {
  it("keeps the timeline bars, the brush handles and the list swatches visible", async () => {
    const app = await openApp();
    await app.when.useForcedColors();
    const marks = await app.get.markContrasts([
      ".timeline-bar-contained",
      ".timeline-handle::before",
      ".row-swatch",
    ]);
    expect(marks.map((m) => m.selector).sort()).toEqual(
      [".row-swatch", ".timeline-bar-contained", ".timeline-handle::before"].sort(),
    );
    for (const mark of marks) {
      expect(mark.contrast, `${mark.selector} (${mark.color} on ${mark.background})`).toBeGreaterThanOrEqual(
        3,
      );
    }
  });
});
