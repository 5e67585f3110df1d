import { afterEach, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, missingFiles, servedAsHtml, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function notice(app: AppDriver, kind: string): Promise<string> {
  await app.when.waitForShown(`missing-${kind}`, 30_000);
  return app.get.text(`missing-${kind}`);
}

describe("the map explorer when one of the site's own files is missing", () => {
  it("names a missing basemap file in the page and keeps the list", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl, { prepare: missingFiles("**/basemap/places.geojson") });
    const text = await notice(app, "basemap");
    expect(text).toContain("basemap/places.geojson");
    expect(text).toContain("404");
    expect(await app.get.attribute("missing-files", "role")).toBe("alert");
    expect(await app.get.text("missing-files")).toContain("dist/");
    expect(await app.get.listedCount()).toBe(data.features.length);
  });

  it("says so in Arabic", async () => {
    app = await given.app(`${baseUrl}?lang=ar`, { prepare: missingFiles("**/basemap/places.geojson") });
    const text = await notice(app, "basemap");
    expect(text).toContain("basemap/places.geojson");
    expect(text).toContain("الخريطة الأساسية");
  });

  it("names a missing map worker and keeps the list", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl, { prepare: missingFiles("**/assets/maplibre-gl-worker-*.js") });
    const text = await notice(app, "map-worker");
    expect(text).toMatch(/assets\/maplibre-gl-worker-[\w-]+\.js/);
    expect(text).toContain("404");
    expect(await app.get.listedCount()).toBe(data.features.length);
  });

  it("names a map worker served as an HTML page, in Arabic too", async () => {
    app = await given.app(`${baseUrl}?lang=ar`, {
      prepare: servedAsHtml("**/assets/maplibre-gl-worker-*.js"),
    });
    const text = await notice(app, "map-worker");
    expect(text).toMatch(/assets\/maplibre-gl-worker-[\w-]+\.js/);
    expect(text).toContain("text/html");
    expect(text).toContain("البرنامج المساعد للخريطة");
  });

  it("names a missing data worker instead of blaming the connection, and still lists the incidents", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl, { prepare: missingFiles("**/assets/data.worker-*.js") });
    const text = await notice(app, "data-worker");
    expect(text).toMatch(/assets\/data\.worker-[\w-]+\.js/);
    expect(await app.get.count("data-error")).toBe(0);
    expect(await app.get.listedCount()).toBe(data.features.length);
  });
});
