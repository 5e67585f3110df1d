import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { given, type SharedBrowser } from "./driver.ts";
import { type EmbeddedMap, focusedIn, openEmbedded } from "./embed-driver.ts";
import { focusAt, tabUntil } from "./keyboard-driver.ts";

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
      const button = embed.frame.getByTestId("embed-list-button");
      const count = Number(await embed.frame.getByTestId("incident-count").getAttribute("data-count"));
      expect(count).toBeGreaterThan(0);
      // In the page's own digits (Arabic-Indic in Arabic): read back as Western ones to compare.
      const name = ((await button.textContent()) ?? "").replace(/[٠-٩]/g, (d) =>
        String(d.charCodeAt(0) - 0x0660),
      );
      expect(name).toContain(String(count));
      expect(await button.getAttribute("aria-expanded")).toBe("false");
      await embed.frame.locator("body").focus();
      await tabUntil(embed.article, (at) => at.testId === "embed-list-button", { frame: embed.frame });
    });

    it("opens with Enter and shows the incidents as rows, and Tab goes into them", async () => {
      await embed.article.page.keyboard.press("Enter");
      const drawer = embed.frame.getByTestId("embed-list-drawer");
      await drawer.waitFor();
      expect(await embed.frame.getByTestId("embed-list-button").getAttribute("aria-expanded")).toBe("true");
      const viewport = await drawer.locator(".list-viewport").boundingBox();
      expect(viewport?.height ?? 0).toBeGreaterThanOrEqual(144);
      await embed.article.page.keyboard.press("Tab");
      expect((await focusAt(embed.frame)).row).toBe(true);
      await embed.article.page.keyboard.press("ArrowDown");
      await expect
        .poll(() => embed.frame.evaluate(() => document.activeElement?.getAttribute("data-row")))
        .toBe("1");
    });

    it("opens the incident with Enter, and Escape gives focus back to the list's button", async () => {
      const id = await embed.frame.evaluate(() => document.activeElement?.getAttribute("data-incident-id"));
      await embed.article.page.keyboard.press("Enter");
      await embed.frame.getByTestId("incident-panel").waitFor();
      await expect
        .poll(() => embed.frame.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName))
        .toBe("incident-title");
      expect(new URL(embed.frame.url()).searchParams.get("id")).toBe(id);
      await embed.article.page.keyboard.press("Escape");
      await embed.frame.getByTestId("incident-panel").waitFor({ state: "detached" });
      await expect.poll(() => focusedIn(embed.frame)).toBe("embed-list-button");
    });

    it("closes with Escape from inside the list, focus back on its button", async () => {
      await embed.article.page.keyboard.press("Enter");
      await embed.article.page.keyboard.press("Tab");
      expect((await focusAt(embed.frame)).row).toBe(true);
      await embed.article.page.keyboard.press("Escape");
      await embed.frame.getByTestId("embed-list-drawer").waitFor({ state: "hidden" });
      expect(await focusedIn(embed.frame)).toBe("embed-list-button");
    });

    it("folds away when Tab moves on past the list, to the Filters button", async () => {
      await embed.article.page.keyboard.press("Enter");
      await embed.article.page.keyboard.press("Tab");
      expect((await focusAt(embed.frame)).row).toBe(true);
      await embed.article.page.keyboard.press("Tab");
      expect(await focusedIn(embed.frame)).toBe("embed-filters-button");
      await embed.frame.getByTestId("embed-list-drawer").waitFor({ state: "hidden" });
    });
  });
}
