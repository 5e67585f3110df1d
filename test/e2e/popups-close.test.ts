import { describe, expect, inject, it } from "vitest";
import { useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

describe("filter pop-ups", () => {
  it("closes an open pop-up when another one opens", async () => {
    const app = await openApp();
    // By keyboard: no click elsewhere on the page closes the first.
    await app.when.focus("filter-type");
    await app.when.press("Enter");
    await app.when.waitForShown("filter-type-options");
    await app.when.focus("filter-gov");
    await app.when.press("Enter");
    await app.when.waitForShown("filter-gov-options");
    expect(await app.get.openPopups()).toBe(1);
    expect(await app.get.attribute("filter-type", "aria-expanded")).toBe("false");
    expect(await app.get.attribute("filter-gov", "aria-expanded")).toBe("true");
  });

  it("closes a pop-up when the keyboard leaves it", async () => {
    const app = await openApp();
    await app.when.click("filter-type");
    // Tab past its last control (Done) to the next field of the bar.
    await app.when.focusDoneOfOpenPopup();
    await app.when.press("Tab");
    expect(await app.get.focusedTestId()).toBe("filter-gov");
    await app.when.waitForPopupsClosed();
    expect(await app.get.attribute("filter-type", "aria-expanded")).toBe("false");
  });
});

describe("the share dialog", () => {
  it("closes on Escape while focus is inside the embed preview", async () => {
    const app = await openApp();
    await app.when.click("share-button");
    await app.when.focusInEmbedPreview("lang-switch");
    await app.when.press("Escape");
    await app.when.waitForGone("share-dialog");
    expect(await app.get.focusedTestId()).toBe("share-button");
  });
});
