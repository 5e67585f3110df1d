import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildFromDir } from "../../src/pipeline/node/load.ts";
import {
  type AppDriver,
  compareWithPublished,
  foreignRequests,
  given,
  listedProblems,
  openCheckPage,
  openSheetFiles,
  openSheetFolder,
  type SharedBrowser,
  showRowOf,
} from "./driver/index.ts";

/**
 * A maintainer without Node opens the sheet on the "Check a sheet" page: the page lists what data:check prints,
 * and for a good sheet previews the map and hands over the GeoJSON data:build writes. Nothing leaves the tab.
 */
const baseUrl = inject("baseUrl");
const ROOT = join(import.meta.dirname, "../..");
const TEN_MISTAKES = join(ROOT, "test/fixtures/sheets/ten-mistakes");
const CURATED = join(ROOT, "data");

let browser: SharedBrowser;
let app: AppDriver | undefined;

beforeAll(async () => {
  browser = await given.browser();
});
afterAll(async () => {
  await app?.close();
  await browser.close();
});

async function freshPage(query = ""): Promise<AppDriver> {
  await app?.close();
  app = await openCheckPage(browser, baseUrl, query);
  return app;
}

describe("the Check a sheet page", () => {
  it("lists the ten mistakes with data:check's messages, in its order, grouped by file", async () => {
    const checker = await freshPage();
    await openSheetFiles(checker, TEN_MISTAKES);
    const expected = readFileSync(join(ROOT, "test/fixtures/expected/ten-mistakes.errors.txt"), "utf8")
      .trim()
      .split("\n");
    const listed = await listedProblems(checker);
    expect(listed.map((p) => p.message)).toEqual(expected);
    expect(listed.every((p) => p.severity === "error" && p.message.startsWith(`${p.file} `))).toBe(true);
    expect(await checker.get.text("check-summary")).toContain("Errors: 10");
    expect(await checker.get.count("check-preview")).toBe(0);
  });

  it("reads the sheets from an opened folder, by their names in it", async () => {
    const checker = await freshPage();
    await openSheetFolder(checker, TEN_MISTAKES);
    expect((await listedProblems(checker)).map((p) => p.message)).toHaveLength(10);
    expect(await checker.get.text("check-summary")).toContain("Errors: 10");
  });

  it("shows the offending row of a problem with its cell marked, from the keyboard", async () => {
    const checker = await freshPage();
    await openSheetFiles(checker, TEN_MISTAKES);
    // The third message: incidents.csv row 2, column date_start.
    expect(await showRowOf(checker, 2)).toEqual({ column: "date_start", value: "2022-13-01" });
  });

  it("makes no request at all after loading, while it checks a sheet", async () => {
    const current = await freshPage();
    const before = current.requests.length;
    await openSheetFiles(current, TEN_MISTAKES);
    expect(current.requests.slice(before)).toEqual([]);
  });

  it("previews the map with the curated sheet's 19 incidents, from memory, asking no other host", async () => {
    const current = await freshPage();
    await openSheetFiles(current, CURATED);
    await current.when.waitForShown("check-preview");
    await current.when.waitForCount(19);
    expect(current.requests.filter((url) => url.includes("/data/table/"))).toEqual([]);
    expect(foreignRequests(current.requests, baseUrl)).toEqual([]);
  });

  it("downloads the GeoJSON data:build writes for the same sheet", async () => {
    const checker = await freshPage();
    await openSheetFiles(checker, CURATED);
    const [file] = await checker.when.download("check-download");
    const built = buildFromDir(CURATED, { threads: 1 });
    expect(file?.name).toBe("incidents.geojson");
    expect(file?.bytes.toString("utf8")).toBe(built.output?.text());
  });

  it("finds nothing changed when the sheet is the one the site was built from", async () => {
    const checker = await freshPage();
    await openSheetFiles(checker, CURATED);
    expect(await compareWithPublished(checker)).toBe("none");
  });

  it("counts the incidents another sheet adds and removes, reading only this site's published table", async () => {
    const current = await freshPage();
    await openSheetFiles(current, join(ROOT, "test/fixtures/sheets/valid-minimal"));
    const before = current.requests.length;
    // What the two sheets' builds say, feature by feature in Node.
    const features = (dir: string) =>
      new Map(
        (buildFromDir(dir, { threads: 1 }).collection?.features ?? []).map((f) => [
          f.properties.id,
          JSON.stringify(f),
        ]),
      );
    const published = features(CURATED);
    const minimal = features(join(ROOT, "test/fixtures/sheets/valid-minimal"));
    const shared = [...minimal.keys()].filter((id) => published.has(id));
    expect(await compareWithPublished(current)).toEqual({
      added: minimal.size - shared.length,
      removed: published.size - shared.length,
      changed: shared.filter((id) => published.get(id) !== minimal.get(id)).length,
    });
    // The preview map may still be fetching its basemap meanwhile: all from this site too.
    const asked = current.requests.slice(before);
    expect(asked.some((url) => url.endsWith("/data/table/table.json"))).toBe(true);
    expect(foreignRequests(asked, baseUrl)).toEqual([]);
  });

  it("speaks Arabic right to left, the problems keeping data:check's words", async () => {
    const checker = await freshPage("?lang=ar");
    await openSheetFiles(checker, TEN_MISTAKES);
    expect(await checker.get.htmlDirAndLang()).toEqual({ lang: "ar", dir: "rtl" });
    expect(await checker.get.text("check-privacy")).toContain("لا تُرفع ملفاتك");
    // The first problem listed.
    expect(await checker.get.attribute("check-message", "dir")).toBe("ltr");
    expect(await checker.get.text("check-message")).toMatch(/^actors\.csv row 4, column color:/);
  });

  it("is linked from the map's Share dialog, in the map's language", async () => {
    await app?.close();
    app = await browser.open(`${baseUrl}?lang=ar`);
    await app.when.openShareDialog();
    await app.when.click("check-sheet-link");
    await app.when.waitForShown("check-drop");
    expect((await app.get.address()).pathname.endsWith("/check.html")).toBe(true);
    expect((await app.get.htmlDirAndLang()).dir).toBe("rtl");
  });
});
