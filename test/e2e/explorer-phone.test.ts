import { afterEach, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, pickIsolatedIncident, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const PHONE = { width: 360, height: 640 };
/** What a reader must see whole on a phone. */
const PARTS = [
  ".app-header",
  ".brand h1",
  ".lang-switch",
  ".map-pane",
  ".legend summary",
  ".list-header",
  ".row-button",
];
/** Rows scroll inside the list: only their width must fit. */
const SCROLLED = [".row-button"];
/** The panes shown side by side or stacked; the details' pane only while an incident is open. */
const PANES = [".app-header", ".map-pane", ".list-pane"];
const PANES_WITH_DETAILS = [...PANES, ".panel-pane"];
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("the map explorer on a 360×640 phone", () => {
  it("fits the header, map and list without overlap or cut-off text", async () => {
    app = await given.app(baseUrl, { viewport: PHONE });
    expect(await app.get.layoutProblems(PARTS, SCROLLED)).toEqual([]);
    expect(await app.get.overlaps(PANES)).toEqual([]);
  });

  it("fits in Arabic too", async () => {
    app = await given.app(baseUrl, { viewport: PHONE });
    await app.when.switchLanguage();
    expect(await app.get.layoutProblems(PARTS, SCROLLED)).toEqual([]);
    expect(await app.get.overlaps(PANES)).toEqual([]);
  });

  it("opens the details as a bottom sheet under the map", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl, { viewport: PHONE });
    await app.when.clickListItem(incident.properties.id);
    const sheet = await app.get.box(".panel-pane");
    const map = await app.get.box(".map-pane");
    expect(sheet && map && sheet.y >= map.y + map.height - 1).toBe(true);
    expect(sheet && sheet.y + sheet.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(await app.get.layoutProblems([".panel-bar", "#incident-title", ".panel-bar .close"])).toEqual([]);
    expect(await app.get.overlaps(PANES_WITH_DETAILS)).toEqual([]);
  });
});

describe("the layout checks themselves", () => {
  it("report a part they cannot find instead of passing it", async () => {
    app = await given.app(baseUrl, { viewport: PHONE });
    // No incident is open: the details' pane is not in the page.
    expect(await app.get.layoutProblems([".app-header", ".panel-pane"])).toEqual([
      ".panel-pane matches no element",
    ]);
    expect(await app.get.overlaps([".app-header", ".panel-pane"])).toEqual([
      ".panel-pane matches no element",
    ]);
  });
});
