import { afterEach, describe, expect, inject, it } from "vitest";
import { type AppDriver, given, pickIsolatedIncident, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const ARABIC = /[\u0600-\u06FF]/;
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("the map explorer in Arabic", () => {
  it("sets the page right-to-left in Arabic", async () => {
    app = await given.app(baseUrl);
    await app.when.switchLanguage();
    expect(await app.get.htmlDirAndLang()).toEqual({ dir: "rtl", lang: "ar" });
  });

  it("mirrors the layout: the list moves to the right of the map", async () => {
    app = await given.app(baseUrl);
    const listBefore = await app.get.box(".list-pane");
    const mapBefore = await app.get.box(".map-pane");
    await app.when.switchLanguage();
    const list = await app.get.box(".list-pane");
    const map = await app.get.box(".map-pane");
    expect(listBefore && mapBefore && listBefore.x < mapBefore.x).toBe(true);
    expect(list && map && list.x > map.x).toBe(true);
  });

  it("shows Arabic titles in the list and Arabic text in the panel", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.switchLanguage();
    const rows = await app.get.rowTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(ARABIC);
    await app.when.clickListItem(incident.properties.id);
    expect(await app.get.panelTitle()).toBe(incident.properties.title.ar);
    expect(await app.get.panelText()).toContain(incident.properties.summary.ar);
  });

  it("writes the date in Arabic words and digits", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.switchLanguage();
    await app.when.clickListItem(incident.properties.id);
    const date = await app.get.text("incident-date");
    expect(date).toMatch(/[\u0660-\u0669]/);
    expect(date).not.toMatch(/[A-Za-z0-9]/);
  });

  it("switches back to English", async () => {
    app = await given.app(baseUrl);
    await app.when.switchLanguage();
    await app.when.switchLanguage();
    expect(await app.get.htmlDirAndLang()).toEqual({ dir: "ltr", lang: "en" });
    expect(await app.get.countText()).toMatch(/incidents/);
  });
});
