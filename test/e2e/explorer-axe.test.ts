import { afterEach, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, pickIsolatedIncident, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** axe runs with the panel open, so the list, the map chrome, the legend and the details are all checked. */
describe("accessibility of the map explorer (axe-core)", () => {
  it("has no serious or critical violations in English", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.clickListItem(incident.properties.id);
    await app.when.waitForMap();
    expect(await app.get.axeViolations()).toEqual([]);
  });

  it("has no serious or critical violations in Arabic", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.switchLanguage();
    await app.when.clickListItem(incident.properties.id);
    await app.when.waitForMap();
    expect(await app.get.axeViolations()).toEqual([]);
  });

  it("has no serious or critical violations on the data-failure page", async () => {
    app = await given.app(baseUrl, { failData: true });
    await app.when.waitForShown("data-error");
    expect(await app.get.axeViolations()).toEqual([]);
  });
});
