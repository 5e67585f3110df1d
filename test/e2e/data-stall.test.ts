import { afterEach, describe, expect, inject, it } from "vitest";
import { type AppDriver, given } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("the map explorer when the data never answers", () => {
  it("gives up on a request that stays silent and shows the error screen with Retry", async () => {
    app = await given.app(baseUrl, {
      waitForList: false,
      // The host takes the request for the table and never answers it.
      prepare: async (page) => {
        await page.route("**/data/table/table.json", () => {});
      },
    });
    await app.when.waitForShown("data-error", 45_000);
    expect(await app.get.text("data-error")).toContain("could not be loaded");
    expect(await app.get.text("data-error-detail")).toContain("no answer for 20 s");
    expect(await app.get.isShown("data-retry")).toBe(true);
  });
});
