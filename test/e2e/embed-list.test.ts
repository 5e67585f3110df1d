import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type EmbeddedMap, given, openEmbedded, type SharedBrowser } from "./driver/index.ts";

/**
 * An embed's incidents are reachable without the map: the list folds into a button in the title bar that says how
 * many incidents there are, opens with the keyboard, and opening an incident from it and pressing Escape brings
 * focus back where the reader was.
 */
const baseUrl = inject("baseUrl");
let browser: SharedBrowser;

beforeAll(async () => {
  browser = await given.browser();
});
afterAll(async () => browser?.close());

for (const [size, lang] of [
  [{ width: 640, height: 480 }, "en"],
  [{ width: 320, height: 480 }, "ar"],
] as const) {
  describe(`the list of an embed of ${size.width}×${size.height} in ${lang === "en" ? "English" : "Arabic"}`, () => {
    let embed: EmbeddedMap;
    beforeAll(async () => {
      embed = await openEmbedded(browser, `${baseUrl}?embed=1&lang=${lang}`, size);
    });
    afterAll(async () => embed?.close());

    it("is a button in the title bar, named with the number of incidents, reached with Tab", async () => {
      const count = await embed.get.listedCount();
      expect(count).toBeGreaterThan(0);
      // In the page's own digits (Arabic-Indic in Arabic): read back as Western ones to compare.
      const name = (await embed.get.text("embed-list-button")).replace(/[٠-٩]/g, (d) =>
        String(d.charCodeAt(0) - 0x0660),
      );
      expect(name).toContain(String(count));
      expect(await embed.get.attribute("embed-list-button", "aria-expanded")).toBe("false");
      await embed.when.focusPage();
      await embed.when.tabUntil((at) => at.testId === "embed-list-button");
    });

    it("opens with Enter and shows the incidents as rows, and Tab goes into them", async () => {
      await embed.when.press("Enter");
      await embed.when.waitForShown("embed-list-drawer");
      expect(await embed.get.attribute("embed-list-button", "aria-expanded")).toBe("true");
      const viewport = await embed.get.box('[data-testid="embed-list-drawer"] .list-viewport');
      expect(viewport?.height ?? 0).toBeGreaterThanOrEqual(144);
      await embed.when.press("Tab");
      expect((await embed.get.focusAt()).row).toBe(true);
      await embed.when.press("ArrowDown");
      await expect.poll(() => embed.get.focusedRow()).toBe(1);
    });

    it("opens the incident with Enter, and Escape gives focus back to the list's button", async () => {
      const id = await embed.get.focusedRowId();
      await embed.when.press("Enter");
      await embed.when.waitForShown("incident-panel");
      await expect.poll(() => embed.get.focusedElementId()).toBe("incident-title");
      expect((await embed.get.address()).searchParams.get("id")).toBe(id);
      await embed.when.press("Escape");
      await embed.when.waitForGone("incident-panel");
      await expect.poll(() => embed.get.focusedTestId()).toBe("embed-list-button");
    });

    it("closes with Escape from inside the list, focus back on its button", async () => {
      await embed.when.pressKeys("Enter", "Tab");
      expect((await embed.get.focusAt()).row).toBe(true);
      await embed.when.press("Escape");
      await embed.when.waitForHidden("embed-list-drawer");
      expect(await embed.get.focusedTestId()).toBe("embed-list-button");
    });

    it("folds away when Tab moves on past the list, to the Filters button", async () => {
      await embed.when.pressKeys("Enter", "Tab");
      expect((await embed.get.focusAt()).row).toBe(true);
      await embed.when.press("Tab");
      expect(await embed.get.focusedTestId()).toBe("embed-filters-button");
      await embed.when.waitForHidden("embed-list-drawer");
    });
  });
}
