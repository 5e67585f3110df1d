import { describe, expect, inject, it } from "vitest";
import { useSharedBrowser } from "./driver.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

describe("filter pop-ups", () => {
  it("closes an open pop-up when another one opens", async () => {
    const app = await openApp();
    // By keyboard: no click elsewhere on the page closes the first.
    await app.page.getByTestId("filter-type").focus();
    await app.page.keyboard.press("Enter");
    await app.page.getByTestId("filter-type-options").waitFor();
    await app.page.getByTestId("filter-gov").focus();
    await app.page.keyboard.press("Enter");
    await app.page.getByTestId("filter-gov-options").waitFor();
    expect(await app.page.locator(".multi-select-panel").count()).toBe(1);
    expect(await app.page.getByTestId("filter-type").getAttribute("aria-expanded")).toBe("false");
    expect(await app.page.getByTestId("filter-gov").getAttribute("aria-expanded")).toBe("true");
  });

  it("closes a pop-up when the keyboard leaves it", async () => {
    const app = await openApp();
    await app.page.getByTestId("filter-type").click();
    const panel = app.page.locator(".multi-select-panel");
    // Tab past its last control (Done) to the next field of the bar.
    await panel.getByRole("button").focus();
    await app.page.keyboard.press("Tab");
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "filter-gov",
    );
    await panel.waitFor({ state: "detached", timeout: 5000 });
    expect(await app.page.getByTestId("filter-type").getAttribute("aria-expanded")).toBe("false");
  });
});

describe("the share dialog", () => {
  it("closes on Escape while focus is inside the embed preview", async () => {
    const app = await openApp();
    await app.page.getByTestId("share-button").click();
    const preview = app.page.getByTestId("embed-preview");
    await preview.scrollIntoViewIfNeeded();
    const frame = app.page.frameLocator('[data-testid="embed-preview"]');
    await frame.getByTestId("lang-switch").waitFor();
    await frame.getByTestId("lang-switch").focus();
    await app.page.keyboard.press("Escape");
    await app.page.getByTestId("share-dialog").waitFor({ state: "detached" });
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "share-button",
    );
  });
});
