import { afterEach, describe, expect, inject, it } from "vitest";
import { isApproximate } from "../../src/core/format.ts";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import type { Filters } from "../../src/core/view-state.ts";
import { createRandom, createSyntheticCollection } from "../bench/synthetic-incidents.ts";
import {
  type AppDriver,
  clickBiggestAggregate,
  drawnIds,
  drawnIncidents,
  given,
  idsMatching,
  pickIsolatedIncident,
  servedData,
  uncertaintyReach,
} from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * Generated incidents with their bbox, as data:build writes it, so the map opens on all of them. Few sources,
 * so that each is among the options the source filter lists without a search.
 */
function generated(count: number): IncidentCollection {
  const data = createSyntheticCollection(count, { sources: 40 });
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const f of data.features) {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return { ...data, bbox: [west, south, east, north] };
}

type FilterKind = "actor" | "type" | "source" | "dates";
/** The combinations tried, each with values drawn at random. */
const COMBINATIONS: FilterKind[][] = [
  ["actor"],
  ["source", "dates"],
  ["actor", "type"],
  ["type", "source", "dates"],
  ["actor", "source"],
];

/** Filters of the given kinds with values drawn at random (seeded) from the data's own. */
function randomFilters(
  data: IncidentCollection,
  kinds: FilterKind[],
  random: () => number,
): Partial<Filters> {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const filters: Partial<Filters> = {};
  for (const kind of kinds) {
    if (kind === "actor") filters.actors = [pick(data.meta.actors).id];
    if (kind === "type") filters.types = [pick(data.meta.event_types).id];
    if (kind === "source") filters.sources = [pick(data.meta.sources).id];
    if (kind === "dates") {
      const from = 2015 + Math.floor(random() * 9);
      filters.from = `${from}-01-01`;
      filters.to = `${from + 1 + Math.floor(random() * 2)}-06-30`;
    }
  }
  return filters;
}

async function applyFilters(app: AppDriver, filters: Partial<Filters>): Promise<void> {
  for (const id of filters.actors ?? []) await app.when.pickActor(id);
  for (const id of filters.types ?? []) await app.when.pickType(id);
  for (const id of filters.sources ?? []) await app.when.pickSource(id);
  if (filters.from || filters.to) await app.when.setDates(filters.from ?? null, filters.to ?? null);
}

describe("the map's aggregates", () => {
  it("zooms in on a clicked aggregate until its incidents are drawn one by one", async () => {
    app = await given.app(baseUrl);
    const first = await clickBiggestAggregate(app);
    expect(await app.get.mapZoom()).toBeGreaterThan(first.zoomBefore);
    // The map is fitted to the aggregate's incidents: all of them are in view.
    expect((await drawnIncidents(app)).total).toBeGreaterThanOrEqual(first.count);

    let clicks = 1;
    while ((await drawnIncidents(app)).aggregates.length > 0) {
      expect(clicks, "clicks before the incidents separate").toBeLessThan(8);
      const { zoomBefore } = await clickBiggestAggregate(app);
      expect(await app.get.mapZoom()).toBeGreaterThan(zoomBefore);
      clicks++;
    }
    expect((await drawnIncidents(app)).positions.length).toBeGreaterThan(0);
  });

  it("draws as many incidents as the list counts, for random filter combinations (20,000 incidents)", async () => {
    const data = generated(20_000);
    app = await given.app(baseUrl, { data });
    expect((await drawnIncidents(app)).total).toBe(data.features.length);

    const random = createRandom(13);
    for (const kinds of COMBINATIONS) {
      const filters = randomFilters(data, kinds, random);
      await applyFilters(app, filters);
      const expected = idsMatching(data, filters);
      const { shown } = await app.get.filterCount();
      const drawn = await drawnIncidents(app);
      expect({ filters, listed: shown, drawn: drawn.total }).toEqual({
        filters,
        listed: expected.length,
        drawn: expected.length,
      });
      // …and they are the very incidents listed.
      const chosen = new Set(expected);
      const listed = data.features.filter((f) => chosen.has(f.properties.id));
      expect(await drawnIds(app, listed)).toEqual([...expected].sort());
      await app.when.clearAll();
    }
  });

  it("keeps the selected incident highlighted through filter changes and zooms", async () => {
    const data = await servedData(baseUrl);
    const incident = pickIsolatedIncident(data);
    const { id, event_type: type } = incident.properties;
    const [lon, lat] = incident.geometry.coordinates as [number, number];
    app = await given.app(baseUrl);
    await app.when.clickListItem(id);
    await app.when.waitForMap();
    expect(await app.get.highlightedOnMap()).toEqual([id]);

    // A filter that keeps it, then none: the aggregates around it change, its highlight does not.
    await app.when.pickType(type);
    await drawnIncidents(app);
    expect(await app.get.highlightedOnMap()).toEqual([id]);
    await app.when.clearAll();
    await drawnIncidents(app);
    expect(await app.get.highlightedOnMap()).toEqual([id]);

    // Zoomed out, where it is counted inside an aggregate, and back in.
    for (const zoom of [4.5, 6, 13]) {
      await app.when.moveMap(zoom, lat, lon);
      await drawnIncidents(app);
      expect(await app.get.highlightedOnMap(), `zoom ${zoom}`).toEqual([id]);
    }
  });

  it("draws an approximate incident's uncertainty circle over its whole radius once zoomed in", async () => {
    const data = await servedData(baseUrl);
    // One whose circle meets no other incident's circle, so the circle found east of it is its own.
    const km = (a: IncidentFeature, b: IncidentFeature) => {
      const [ax, ay] = a.geometry.coordinates as [number, number];
      const [bx, by] = b.geometry.coordinates as [number, number];
      return Math.hypot((bx - ax) * Math.cos((((ay + by) / 2) * Math.PI) / 180), by - ay) * 111.2;
    };
    const incident = data.features.find(
      (f) =>
        isApproximate(f.properties) &&
        data.features.every((g) => g === f || km(f, g) > f.properties.radius_km + g.properties.radius_km + 5),
    );
    if (!incident) throw new Error("the data has no approximate incident standing apart");
    const [lon, lat] = incident.geometry.coordinates as [number, number];
    const radiusKm = incident.properties.radius_km;
    app = await given.app(baseUrl);
    // Zooms at which the radius is about 60 and 200 px on screen (ground metres per px halve per zoom).
    const metresPerPxAtZ0 = (2 * Math.PI * 6371008.8 * Math.cos((lat * Math.PI) / 180)) / 512;
    for (const px of [60, 200]) {
      const zoom = Math.log2((px * metresPerPxAtZ0) / (radiusKm * 1000));
      await app.when.moveMap(zoom, lat, lon);
      const { reachPx, radiusPx } = await uncertaintyReach(app, [lon, lat], radiusKm);
      expect(reachPx, `zoom ${zoom}`).toBeGreaterThanOrEqual(Math.floor(radiusPx));
      // …and not much beyond it (its outline is 1 px).
      expect(reachPx, `zoom ${zoom}`).toBeLessThanOrEqual(Math.ceil(radiusPx) + 2);
    }
  });
});
