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
    const message = app.page.getByTestId("data-error");
    await message.waitFor({ timeout: 45_000 });
    expect(await message.textContent()).toContain("could not be loaded");
    expect(await app.page.getByTestId("data-error-detail").textContent()).toContain("no answer for 20 s");
    expect(await app.page.getByTestId("data-retry").isVisible()).toBe(true);
  });
});
