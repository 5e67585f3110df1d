import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { IncidentCollection, IncidentFeature, IncidentProperties } from "../../src/core/incident.ts";
import { buildIncidents, type SheetTexts } from "../../src/pipeline/index.ts";
import { loadReference } from "../../src/pipeline/node/load.ts";
import {
  type AppDriver,
  chooseView,
  foreignRequests,
  given,
  incidentsOf,
  pngSize,
  servedData,
} from "./driver/index.ts";

/**
 * A journalist narrows the map to a view, opens an incident, and uses the share dialog: the link, the image
 * and the data must all be that view. One browser for the file; the dialog stays open across the tests.
 */
const baseUrl = inject("baseUrl");

let data: IncidentCollection;
let app: AppDriver;
let expected: IncidentFeature[];
let chosen: IncidentFeature;
/** The ids the list shows, in its order. */
let shown: string[];

const byId = new Map<string, IncidentFeature>();
const sorted = (ids: readonly string[]) => [...ids].sort();

beforeAll(async () => {
  data = await servedData(baseUrl);
  for (const f of data.features) byId.set(f.properties.id, f);
  const view = chooseView(data);
  expected = incidentsOf(data, view.type, view.from, view.to);
  chosen = expected[0] as IncidentFeature;

  app = await given.app(baseUrl);
  await app.when.tickFilter("filter-type", view.type);
  await app.when.typeDates(view.from, view.to);
  await app.when.waitForCount(expected.length);
  await app.when.waitForMap();
  await app.when.clickListItem(chosen.properties.id);
  await app.when.waitForShown("incident-panel");
  await app.when.waitForMap();
  shown = await app.get.allListedIds();
  await app.when.openShareDialog();
});

afterAll(async () => {
  await app?.close();
});

/** What an incident says, as the sheets can carry it (the derived position phrase aside). */
function facts(p: IncidentProperties) {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    dates: [p.date_start, p.date_end, p.date_start_raw, p.date_end_raw, p.date_precision],
    place: [p.place.id, p.place.name.en, p.place.name.ar, p.place.kind],
    location: [p.location_precision, p.radius_km, p.governorate?.id ?? null],
    event_type: p.event_type,
    perpetrators: p.perpetrators.map((a) => a.id),
    targets: p.targets.map((a) => a.id),
    claims: [...p.claims]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((c) => ({
        id: c.id,
        claimant: c.claimant.id,
        source: [c.source.id, c.source.outlet, c.source.published, c.source.url],
        stance: c.stance,
        text: c.text,
        figures: [c.killed, c.injured, c.captured],
      })),
    contested: p.contested,
  };
}

describe("the share dialog", () => {
  it("lists the incidents of the view it was opened on", () => {
    expect(sorted(shown)).toEqual(sorted(expected.map((f) => f.properties.id)));
  });

  it("gives a link that reproduces the view in a new page", async () => {
    const link = await app.get.shareLink();
    expect(new URL(link).searchParams.has("embed")).toBe(false);
    const camera = await app.get.hash();
    expect(new URL(link).hash).toBe(camera);

    const other = await app.when.openTab(link);
    try {
      await other.when.waitForShown("incident-count");
      await other.when.waitForMap();
      expect(await other.get.listedCount()).toBe(shown.length);
      expect(await other.get.allListedIds()).toEqual(shown);
      expect(await other.get.panelTitle()).toBe(chosen.properties.title.en);
      expect(await other.get.chipTexts()).toEqual(await app.get.chipTexts());
      // Last, so the rest of the view is checked either way: the map opens where the link says, even with an
      // incident open (it must not fly to the incident and leave the shared map position).
      expect(await other.get.hash()).toBe(camera);
    } finally {
      await other.close();
    }
  });

  it("downloads a PNG of the map at twice its size on screen, with the caption, that is not blank", async () => {
    const [file] = await app.when.download("export-png");
    if (!file) throw new Error("no PNG was downloaded");
    expect(file.name).toMatch(/\.png$/);
    const size = pngSize(file.bytes);
    expect(size).not.toBeNull();
    if (!size) return;
    const map = await app.get.innerSize("map");
    // src/map/export-image.ts: the page is the map's width (at least 300 px); the caption adds height only.
    expect(size.width).toBe(2 * Math.max(map.width, 300));
    // Caption at its smallest: 4 paddings of 16, one line each of title (20), dates (15), filters (13),
    // legend (13) and three small lines (11: sources, attribution, the data's date), at a line height of 1.35.
    const captionMin = 4 * 16 + 1.35 * (20 + 15 + 13 + 13 + 11 + 11 + 11);
    expect(size.height).toBeGreaterThanOrEqual(Math.floor(2 * (map.height + captionMin)));
    expect(size.height).toBeLessThan(2 * (map.height + captionMin + 300));

    const facts = await app.get.imageFacts(file.bytes);
    // The frame rule around the map spans exactly the map's height at 2×.
    expect(Math.abs(facts.ruleRows - 2 * map.height)).toBeLessThanOrEqual(2);
    expect(facts.mapColours).toBeGreaterThan(20);
    expect(facts.mapTopShare).toBeLessThan(0.95);
    expect(facts.darkAbove).toBeGreaterThan(0); // title, dates, filters in words
    expect(facts.darkBelow).toBeGreaterThan(0); // legend and credits
    // The scale bar in the map's lower start corner: a straight dark line at least half its 120 px at 2×.
    expect(await app.get.longestDarkRun(file.bytes, facts.ruleTop + facts.ruleRows)).toBeGreaterThanOrEqual(
      120,
    );
  });

  it("downloads five CSV sheets that reload through the pipeline to the incidents shown", async () => {
    const files = await app.when.download("export-csv", 5);
    const names = files.map((f) => f.name).sort();
    expect(names).toEqual(["actors.csv", "claims.csv", "incidents.csv", "places.csv", "sources.csv"]);
    const sheets: SheetTexts = {};
    for (const file of files) sheets[file.name as keyof SheetTexts] = file.bytes.toString("utf8");

    const result = buildIncidents(sheets, loadReference());
    expect(result.errors).toEqual([]);
    const reloaded = result.collection?.features ?? [];
    expect(sorted(reloaded.map((f) => f.properties.id))).toEqual(sorted(shown));
    for (const feature of reloaded) {
      const original = byId.get(feature.properties.id);
      if (!original) throw new Error(`${feature.properties.id} is not in the served data`);
      expect(facts(feature.properties)).toEqual(facts(original.properties));
      expect(feature.geometry.coordinates).toEqual(original.geometry.coordinates);
    }
  });

  it("downloads GeoJSON holding the incidents shown, with their claims and sources", async () => {
    const [file] = await app.when.download("export-geojson");
    if (!file) throw new Error("no GeoJSON was downloaded");
    expect(file.name).toMatch(/\.geojson$/);
    const exported = JSON.parse(file.bytes.toString("utf8")) as IncidentCollection;
    expect(exported.type).toBe("FeatureCollection");
    expect(exported.features.map((f) => f.properties.id)).toEqual(shown);
    for (const feature of exported.features) {
      const original = byId.get(feature.properties.id);
      expect(feature.properties).toEqual(original?.properties);
      expect(feature.geometry).toEqual(original?.geometry);
    }
  });

  it("made every request of the session to the host serving the map", () => {
    expect(app.requests.length).toBeGreaterThan(0);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
  });
});
