import { afterEach, describe, expect, inject, it } from "vitest";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import { messagesFor } from "../../src/i18n/messages.ts";
import { createSyntheticCollection } from "../bench/synthetic-incidents.ts";
import {
  type AppDriver,
  aggregateLabels,
  clickBiggestAggregate,
  drawnIncidents,
  foreignRequests,
  given,
  mapButtonLabels,
  pickIsolatedIncident,
  servedData,
} from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** `n` incidents: the served ones over and over, each copy with its own id. */
function copies(data: IncidentCollection, n: number): IncidentFeature[] {
  return Array.from({ length: n }, (_, i) => {
    const source = data.features[i % data.features.length] as IncidentFeature;
    return { ...source, properties: { ...source.properties, id: `${source.properties.id}-copy-${i}` } };
  });
}

describe("the map explorer's map", () => {
  it("lists as many incidents as the data holds", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl);
    expect(data.features.length).toBeGreaterThan(0);
    expect(await app.get.listedCount()).toBe(data.features.length);
  });

  it("draws every incident, as its own symbol or inside an aggregate's count", async () => {
    const data = await servedData(baseUrl);
    app = await given.app(baseUrl);
    expect((await drawnIncidents(app)).total).toBe(data.features.length);
  });

  it("draws every incident of a big sheet in aggregates whose counts add up (20,000 incidents)", async () => {
    const data = createSyntheticCollection(20_000);
    // With its bbox, as data:build writes it, so the map opens on all of them.
    const lons = data.features.map((f) => f.geometry.coordinates[0] as number);
    const lats = data.features.map((f) => f.geometry.coordinates[1] as number);
    data.bbox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    app = await given.app(baseUrl, { data });
    const drawn = await drawnIncidents(app);
    expect(drawn.aggregates.length).toBeGreaterThan(0);
    expect(drawn.total).toBe(data.features.length);
  });

  it("labels every aggregate with its count, also after a filter changes the aggregates", async () => {
    const data = await servedData(baseUrl);
    // Many incidents, so the map draws aggregates at the opening view.
    const features = copies(data, 600);
    app = await given.app(baseUrl, { data: { ...data, features } });
    const before = await aggregateLabels(app);
    expect(before.aggregates.length).toBeGreaterThan(0);
    expect(before.labels).toEqual(before.aggregates);

    const actor = data.meta.actors.find((a) =>
      features.some((f) => f.properties.perpetrators.some((p) => p.id === a.id)),
    );
    await app.when.pickActor(actor?.id as string);
    const after = await aggregateLabels(app);
    expect(after.aggregates).not.toEqual(before.aggregates);
    expect(after.labels).toEqual(after.aggregates);
  });

  it("opens the panel with the claims and their sources when an incident is clicked", async () => {
    const data = await servedData(baseUrl);
    const incident = pickIsolatedIncident(data);
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.clickIncidentOnMap(incident.properties.id, incident.geometry.coordinates);

    expect(await app.get.panelTitle()).toBe(incident.properties.title.en);
    const claims = await app.get.claimTexts();
    expect(claims).toHaveLength(incident.properties.claims.length);
    for (const claim of incident.properties.claims) {
      expect(claims.some((text) => text.includes(claim.source.outlet.en))).toBe(true);
    }
    const linked = incident.properties.claims.flatMap((c) => (c.source.url ? [c.source.url] : []));
    const links = await app.get.sourceLinks();
    for (const url of linked) expect(links.map((l) => l.href)).toContain(url);
  });

  it("highlights on the map the incident it selects", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.clickIncidentOnMap(incident.properties.id, incident.geometry.coordinates);
    await app.when.waitForMap();
    expect(await app.get.highlightedOnMap()).toEqual([incident.properties.id]);
  });

  it("shows the incident's title in a label on hover", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.hoverIncidentOnMap(incident.geometry.coordinates);
    expect(await app.get.hoverLabel()).toBe(incident.properties.title.en);
  });

  it("zooms in when an aggregate is clicked", async () => {
    app = await given.app(baseUrl);
    const { zoomBefore } = await clickBiggestAggregate(app);
    expect(await app.get.mapZoom()).toBeGreaterThan(zoomBefore);
  });

  it("names the map's buttons in the page's language, also after switching it", async () => {
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    const labels = (lang: "en" | "ar") => {
      const m = messagesFor(lang);
      return { zoomIn: m.mapZoomIn, zoomOut: m.mapZoomOut, attribution: m.mapAttributionToggle };
    };
    expect(await mapButtonLabels(app)).toEqual(labels("en"));
    await app.when.switchLanguage();
    await app.when.waitForMap();
    expect(await mapButtonLabels(app)).toEqual(labels("ar"));
    await app.when.switchLanguage();
    await app.when.waitForMap();
    expect(await mapButtonLabels(app)).toEqual(labels("en"));
  });

  it("sends no request to any host but the one serving the app", async () => {
    const incident = pickIsolatedIncident(await servedData(baseUrl));
    app = await given.app(baseUrl);
    await app.when.waitForMap();
    await app.when.clickIncidentOnMap(incident.properties.id, incident.geometry.coordinates);
    await app.when.switchLanguage();
    await app.when.waitForMap();
    expect(app.requests.length).toBeGreaterThan(0);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
  });
});
