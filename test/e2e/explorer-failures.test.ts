import { afterEach, describe, expect, inject, it } from "vitest";
import type { IncidentFeature } from "../../src/core/incident.ts";
import { type AppDriver, byDate, given, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("the map explorer when something is missing", () => {
  it("says the data could not be loaded and offers a retry", async () => {
    app = await given.app(baseUrl, { failData: true });
    await app.when.waitForShown("data-error");
    expect(await app.get.text("data-error")).toContain("could not be loaded");
    expect(await app.get.isShown("data-retry")).toBe(true);
  });

  it("loads the incidents when retry succeeds", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl, { failData: true });
    await app.when.waitForShown("data-retry");
    app.when.dataComesBack();
    await app.when.retry();
    await app.when.waitForShown("incident-count");
    expect(await app.get.listedCount()).toBe(data.features.length);
  });

  it("explains that the map needs WebGL when the browser has none", async () => {
    app = await given.app(baseUrl, { webgl: false });
    await app.when.waitForShown("map-unavailable");
    expect(await app.get.text("map-unavailable")).toContain("WebGL");
  });

  it("still offers the list and the details without WebGL", async () => {
    const data = await servedData(baseUrl);
    const incident = byDate(data)[0] as IncidentFeature;
    app = await given.app(baseUrl, { webgl: false });
    expect(await app.get.listedCount()).toBe(data.features.length);
    await app.when.clickListItem(incident.properties.id);
    expect(await app.get.panelTitle()).toBe(incident.properties.title.en);
    expect(await app.get.claimTexts()).toHaveLength(incident.properties.claims.length);
  });
});
