import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { importDataset } from "../../src/pipeline/import/index.ts";
import { buildIncidents } from "../../src/pipeline/index.ts";
import { loadReference, readSheets } from "../../src/pipeline/node/load.ts";
import { createLocator } from "../../src/pipeline/stages/locator.ts";
import { type AppDriver, given } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const IMPORT = join(import.meta.dirname, "../fixtures/import");
const TODAY = "2026-01-15";
const reference = loadReference();

/** The import fixture's curated sheets with the UCDP fixture imported, built as data:build would. */
function importedCollection() {
  const locator = createLocator(reference);
  const imported = importDataset(
    readFileSync(join(IMPORT, "ucdp-ged.csv"), "utf8"),
    readSheets(join(IMPORT, "sheets")),
    {
      dataset: "ucdp",
      file: "ucdp-ged.csv",
      country: "Syria",
      since: null,
      today: TODAY,
      inRegion: (lon, lat) => locator.inRegion(lon, lat),
    },
  );
  const built = buildIncidents(imported.sheets, reference, { today: TODAY });
  if (!built.collection) throw new Error("the imported fixture does not build");
  return built.collection;
}

let app: AppDriver | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("credits for imported event data", () => {
  it("names UCDP GED and its licence in the map's attribution line when the data holds imported rows", async () => {
    app = await given.app(baseUrl, { data: importedCollection() });
    await app.when.waitForMap();
    const line = await app.get.attribution();
    expect(line).toContain("UCDP GED (CC BY 4.0)");
    expect(line).toContain("Natural Earth");
  });

  it("owes no dataset a credit when every row is curated", async () => {
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    expect(await app.get.attribution()).not.toContain("UCDP");
  });
});
