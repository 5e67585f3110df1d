import { afterEach, describe, expect, inject, it } from "vitest";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import { type AppDriver, byDate, given, pickIsolatedIncident, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** `n` copies of the served incidents with new ids, spread over the days after the original dates. */
function enlarged(data: IncidentCollection, n: number): IncidentCollection {
  const features: IncidentFeature[] = [];
  for (let i = 0; i < n; i++) {
    const source = data.features[i % data.features.length] as IncidentFeature;
    features.push({
      ...source,
      properties: { ...source.properties, id: `${source.properties.id}-copy-${i}` },
    });
  }
  return { ...data, features };
}

describe("the incident list", () => {
  it("lists the incidents by date", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl);
    const expected = byDate(data).map((f) => f.properties.date_start);
    const shown = await app.get.rowIds();
    const dates = shown.map((id) => data.features.find((f) => f.properties.id === id)?.properties.date_start);
    expect(dates).toEqual(expected.slice(0, dates.length));
  });

  it("flies to and highlights on the map the incident chosen in the list", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.clickListItem(incident.properties.id);
    await app.when.waitForMap();

    expect(await app.get.panelTitle()).toBe(incident.properties.title.en);
    expect(await app.get.mapShows(incident.geometry.coordinates)).toBe(true);
    expect(await app.get.highlightedOnMap()).toEqual([incident.properties.id]);
    expect(await app.get.currentRowId()).toBe(incident.properties.id);
  });

  it("highlights in the list the incident selected on the map", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.clickIncidentOnMap(incident.properties.id, incident.geometry.coordinates);
    expect(await app.get.currentRowId()).toBe(incident.properties.id);
  });

  it("moves with the arrow keys and opens the focused incident with Enter", async () => {
    const data = await servedData(baseUrl);
    const second = byDate(data)[1] as IncidentFeature;
    app = await given.app(baseUrl);
    await app.when.focusList();
    await app.when.press("ArrowDown");
    await expect.poll(() => app?.get.focusedRow()).toBe(1);
    expect(await app.get.focusedRowId()).toBe(second.properties.id);
    await app.when.press("Enter");
    expect(await app.get.panelTitle()).toBe(second.properties.title.en);
  });

  it("closes the panel with Escape and gives focus back to the list", async () => {
    const incident = byDate(await servedData(baseUrl))[0] as IncidentFeature;
    app = await given.app(baseUrl);
    await app.when.focusList();
    await app.when.press("Enter");
    await expect.poll(() => app?.get.panelIsOpen()).toBe(true);
    await app.when.press("Escape");
    await expect.poll(() => app?.get.panelIsOpen()).toBe(false);
    await app.when.waitForRowFocus();
    expect(await app.get.focusedRowId()).toBe(incident.properties.id);
  });

  it("keeps only the rows in view in the page when the list is long", async () => {
    const data = enlarged(await servedData(baseUrl), 5000);
    app = await given.app(baseUrl, { data });
    expect(await app.get.listedCount()).toBe(5000);
    const rows = await app.get.renderedRowCount();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
  });

  it("reaches the last incident of a long list with End", async () => {
    const data = enlarged(await servedData(baseUrl), 5000);
    const last = byDate(data).at(-1) as IncidentFeature;
    app = await given.app(baseUrl, { data });
    await app.when.focusList();
    await app.when.press("End");
    const dateOf = (id: string) => data.features.find((f) => f.properties.id === id)?.properties.date_start;
    // The last row has focus, and it holds an incident of the last day (ties on the day may come in any order).
    await expect
      .poll(async () => {
        const focused = await app?.get.focusedListRow();
        return focused ? { row: focused.row, date: dateOf(focused.id) } : null;
      })
      .toEqual({ row: 4999, date: last.properties.date_start });
  });
});
