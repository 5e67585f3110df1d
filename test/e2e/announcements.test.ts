import { describe, expect, inject, it } from "vitest";
import { useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

/** Elements a screen reader reads out when their text changes. */
const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';

describe("what a screen reader hears", () => {
  it("announces a filter change once, not once per count on the page", async () => {
    const app = await openApp();
    await app.when.search("Baghuz");
    const { shown } = await app.get.filterCount();
    const liveTexts = await app.get.textsAt(LIVE);
    expect(liveTexts.filter((text) => text.includes(String(shown)))).toHaveLength(1);
  });

  it("keeps one banner landmark with the share dialog open", async () => {
    const app = await openApp();
    await app.when.openShareDialog();
    expect(await app.get.roleCount("banner")).toBe(1);
  });
});
