import type { Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The deployment lost the files whose URL matches `glob`: the server answers 404. */
function missing(glob: string) {
  return async (page: Page) => {
    await page.route(glob, (route) => route.fulfill({ status: 404, body: "not found" }));
  };
}

/** The server answers `glob` with an HTML page, as a host that rewrites unknown paths to index.html does. */
function servedAsHtml(glob: string) {
  return async (page: Page) => {
    await page.route(glob, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Home</title>" }),
    );
  };
}

async function notice(app: AppDriver, kind: string): Promise<string> {
  const item = app.page.getByTestId(`missing-${kind}`);
  await item.waitFor({ timeout: 30_000 });
  return (await item.textContent()) ?? "";
}

describe("the map explorer when one of the site's own files is missing", () => {
  it("names a missing basemap file in the page and keeps the list", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl, { prepare: missing("**/basemap/places.geojson") });
    const text = await notice(app, "basemap");
    expect(text).toContain("basemap/places.geojson");
    expect(text).toContain("404");
    expect(await app.page.getByTestId("missing-files").getAttribute("role")).toBe("alert");
    expect(await app.page.getByTestId("missing-files").textContent()).toContain("dist/");
    expect(await app.get.listedCount()).toBe(data.features.length);
  });

  it("says so in Arabic", async () => {
    app = await given.app(`${baseUrl}?lang=ar`, { prepare: missing("**/basemap/places.geojson") });
    const text = await notice(app, "basemap");
    expect(text).toContain("basemap/places.geojson");
    expect(text).toContain("الخريطة الأساسية");
  });

  it("names a missing map worker and keeps the list", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl, { prepare: missing("**/assets/maplibre-gl-worker-*.js") });
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
    app = await given.app(baseUrl, { prepare: missing("**/assets/data.worker-*.js") });
    const text = await notice(app, "data-worker");
    expect(text).toMatch(/assets\/data\.worker-[\w-]+\.js/);
    expect(await app.page.getByTestId("data-error").count()).toBe(0);
    expect(await app.get.listedCount()).toBe(data.features.length);
  });
});
