import { describe, expect, it } from "vitest";
import {
  type AggregateProperties,
  aggregateView,
  gridLevel,
  type IncidentPointProperties,
  type MapFeatures,
  type MapViewRequest,
  mercatorY,
} from "../../../src/core/aggregate.ts";
import type { IncidentTable } from "../../../src/core/incident-table.ts";
import { createRandom } from "../../bench/synthetic-incidents.ts";
import { type Point, tableOf } from "./aggregation-table.ts";

const all = (table: IncidentTable) => Uint32Array.from({ length: table.count }, (_, p) => p);
const WORLD: MapViewRequest["bounds"] = [-180, -85.06, 180, 85.06];

/** Incidents drawn: aggregate counts plus incident symbols. */
function drawnCount(view: MapFeatures): number {
  let sum = 0;
  for (const f of view.features) sum += f.properties.kind === "aggregate" ? f.properties.count : 1;
  return sum;
}

const aggregates = (view: MapFeatures) =>
  view.features.flatMap((f) => (f.properties.kind === "aggregate" ? [f.properties] : []));
const incidents = (view: MapFeatures) =>
  view.features.flatMap((f) => (f.properties.kind === "incident" ? [f.properties] : []));

/** Random incidents over the whole world, Mercator's poles and the antimeridian included. */
function randomPoints(count: number, seed: number): Point[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => ({
    lon: Math.fround(random() * 360 - 180),
    lat: Math.fround(random() * 170 - 85),
    approximate: random() < 0.3,
    radiusKm: Math.fround(random() * 20),
    type: Math.floor(random() * 5),
  }));
}

/**
 * The oracle: the cell of each position at `zoom`, computed on its own, grouped; an aggregate is identified by
 * its count and extent, a lone incident by its position.
 */
function expectedCells(table: IncidentTable, visible: Uint32Array, zoom: number): string[] {
  const n = 2 ** gridLevel(zoom);
  const cells = new Map<string, number[]>();
  for (const p of visible) {
    const lon = table.lon[p] as number;
    const cx = Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
    const cy = Math.min(n - 1, Math.floor(mercatorY(table.lat[p] as number) * n));
    const key = `${cx}/${cy}`;
    cells.set(key, [...(cells.get(key) ?? []), p]);
  }
  return [...cells.values()].map((members) => describeCell(table, members)).sort();
}

function describeCell(table: IncidentTable, members: number[]): string {
  if (members.length === 1) return `incident ${members[0]}`;
  const lons = members.map((p) => table.lon[p] as number);
  const lats = members.map((p) => table.lat[p] as number);
  return `${members.length} [${Math.min(...lons)} ${Math.min(...lats)} ${Math.max(...lons)} ${Math.max(...lats)}]`;
}

function drawnCells(view: MapFeatures): string[] {
  return view.features
    .map(({ properties: f }) =>
      f.kind === "incident"
        ? `incident ${f.position}`
        : `${f.count} [${f.west} ${f.south} ${f.east} ${f.north}]`,
    )
    .sort();
}

describe("aggregateView", () => {
  it("draws nothing for no incidents", () => {
    const table = tableOf([]);
    const view = aggregateView(table, new Uint32Array(0), { zoom: 6, bounds: [36, 32, 42, 37] });
    expect(view).toMatchObject({ type: "FeatureCollection", features: [], total: 0, inView: 0 });
  });

  it("draws nothing when no incident passes the filter", () => {
    const table = tableOf(randomPoints(100, 1));
    const view = aggregateView(table, new Uint32Array(0), { zoom: 3, bounds: WORLD });
    expect(view.features).toEqual([]);
    expect(view.total).toBe(0);
  });

  it("conserves the filtered count at every zoom when the whole world is in view", () => {
    const table = tableOf(randomPoints(3000, 2));
    const visible = all(table).filter((p) => p % 3 !== 0);
    for (let zoom = 0; zoom <= 15; zoom += 0.5) {
      const view = aggregateView(table, visible, { zoom, bounds: WORLD });
      expect(drawnCount(view), `zoom ${zoom}`).toBe(visible.length);
      expect(view.total).toBe(visible.length);
    }
  });

  it("puts every filtered incident in exactly one cell of the zoom's grid", () => {
    const table = tableOf(randomPoints(2000, 3));
    const visible = all(table).filter((p) => p % 4 !== 1);
    for (const zoom of [0, 2, 4.4, 4.6, 7, 10.49]) {
      const view = aggregateView(table, visible, { zoom, bounds: WORLD });
      expect(drawnCells(view), `zoom ${zoom}`).toEqual(expectedCells(table, visible, zoom));
    }
  });

  it("never draws an incident the filter hides", () => {
    const table = tableOf(randomPoints(500, 4));
    const visible = all(table).filter((p) => p % 2 === 0);
    const view = aggregateView(table, visible, { zoom: 12, bounds: WORLD });
    expect(incidents(view).map((f) => f.position)).toEqual([...visible]);
  });

  it("counts incidents on the antimeridian and beyond Mercator's latitude limit", () => {
    const table = tableOf([
      { lon: 180, lat: 0 },
      { lon: -180, lat: 0 },
      { lon: 179.99, lat: 85.05 },
      { lon: -179.99, lat: -85.05 },
      { lon: 0, lat: 90 },
      { lon: 0, lat: -90 },
      { lon: 0, lat: 89.9 },
    ]);
    for (const zoom of [0, 5, 10, 13]) {
      const view = aggregateView(table, all(table), { zoom, bounds: WORLD });
      expect(drawnCount(view), `zoom ${zoom}`).toBe(7);
    }
  });

  it("draws both sides of a view across the antimeridian", () => {
    const table = tableOf([
      { lon: 179.5, lat: 1 },
      { lon: -179.5, lat: -1 },
      { lon: 0, lat: 0 },
    ]);
    // MapLibre reports such a view with an east edge past 180.
    const view = aggregateView(table, all(table), { zoom: 8, bounds: [179, -2, 181, 2] });
    expect(view.inView).toBe(2);
    expect(drawnCount(view)).toBe(2);
    const west = aggregateView(table, all(table), { zoom: 8, bounds: [-181, -2, -179, 2] });
    expect(west.inView).toBe(2);
  });

  it("puts an incident on a cell border in the cell east of it, and the equator in the cell south of it", () => {
    // At zoom 0 the grid has 8 columns, 45° wide: −45, 0 and 45 are borders; the equator is a row border
    // (and latitude 50 is in the row north of the equator's).
    const table = tableOf([
      { lon: 0, lat: 50 },
      { lon: 44, lat: 50 },
      { lon: Math.fround(-0.001), lat: 50 },
      { lon: 10, lat: 0 },
      { lon: 10, lat: -1 },
      { lon: 10, lat: Math.fround(0.001) },
    ]);
    const view = aggregateView(table, all(table), { zoom: 0, bounds: WORLD });
    expect(drawnCells(view)).toEqual(
      [
        "2 [0 50 44 50]", // lon 0 and 44: one column
        "incident 2", // just west of 0
        "2 [10 -1 10 0]", // the equator and south of it: one row
        "incident 5", // just north of the equator
      ].sort(),
    );
  });

  it("draws an aggregate at the mean of its incidents, with their extent", () => {
    const table = tableOf([
      { lon: 38, lat: 35 },
      { lon: 38.5, lat: 35.5 },
      { lon: 39, lat: 36 },
    ]);
    // At zoom 3, one cell of 5.625° × ~4.6° holds all three.
    const [aggregate] = aggregateView(table, all(table), { zoom: 3, bounds: [30, 30, 45, 40] }).features;
    expect(aggregate?.properties).toEqual({
      kind: "aggregate",
      count: 3,
      members: "0,1,2",
      west: 38,
      south: 35,
      east: 39,
      north: 36,
    } satisfies AggregateProperties);
    const [lon, lat] = (aggregate?.geometry.coordinates ?? []) as [number, number];
    expect(lon).toBeCloseTo(38.5, 5);
    expect(lat).toBeCloseTo(35.5, 5);
  });

  it("names an aggregate's incidents only while the filtered set is small", () => {
    const table = tableOf([
      { lon: 38, lat: 35 },
      { lon: 38.5, lat: 35.5 },
    ]);
    const request = { zoom: 3, bounds: [30, 30, 45, 40] as [number, number, number, number] };
    const [small] = aggregateView(table, all(table), request).features;
    expect(small?.properties).toMatchObject({ kind: "aggregate", members: "0,1" });
    const [large] = aggregateView(table, all(table), request, { membersUpTo: 1 }).features;
    expect(large?.properties).not.toHaveProperty("members");
  });

  it("gives an aggregate of incidents at one place a zero extent", () => {
    const table = tableOf([
      { lon: 40.5, lat: 35.25 },
      { lon: 40.5, lat: 35.25 },
    ]);
    const [aggregate] = aggregates(aggregateView(table, all(table), { zoom: 8, bounds: [40, 35, 41, 36] }));
    expect(aggregate).toMatchObject({ count: 2, west: 40.5, east: 40.5, south: 35.25, north: 35.25 });
  });

  it("draws a cell of one incident as that incident, with what the map needs to draw it", () => {
    const table = tableOf([
      { lon: 38, lat: 35, approximate: true, radiusKm: 10, type: 3 },
      { lon: 41, lat: 37 },
    ]);
    const view = aggregateView(table, all(table), { zoom: 6, bounds: [36, 33, 43, 38] });
    expect(aggregates(view)).toEqual([]);
    const first = incidents(view).find((f) => f.position === 0);
    expect(first).toMatchObject({
      kind: "incident",
      position: 0,
      t: 3,
      approximate: true,
      radiusKm: 10,
    } satisfies Partial<IncidentPointProperties>);
    expect(incidents(view).find((f) => f.position === 1)?.approximate).toBe(false);
  });

  it("gives the uncertainty radius in pixels at zoom 0, longer by 1/cos(latitude)", () => {
    const table = tableOf([
      { lon: 0, lat: 0, approximate: true, radiusKm: 10 },
      { lon: 10, lat: 60, approximate: true, radiusKm: 10 },
    ]);
    const view = aggregateView(table, all(table), { zoom: 12, bounds: WORLD });
    const [equator, north] = incidents(view);
    // The world is 512 px wide at zoom 0 and 2π·6371.0088 km long at the equator.
    expect(equator?.radiusPx0).toBeCloseTo((10 * 512) / (2 * Math.PI * 6371.0088), 9);
    expect((north?.radiusPx0 as number) / (equator?.radiusPx0 as number)).toBeCloseTo(2, 5);
  });

  it("draws each incident in the padded view from zoom 11 on, and none far outside it", () => {
    const table = tableOf([
      { lon: 40.001, lat: 35.001 },
      { lon: 40.002, lat: 35.002 },
      { lon: 40.3, lat: 35.0 }, // east of the view and its padding
      { lon: 40.06, lat: 35.0 }, // east of the view, inside its padding
    ]);
    const view = aggregateView(table, all(table), { zoom: 11, bounds: [39.95, 34.97, 40.05, 35.03] });
    expect(incidents(view).map((f) => f.position)).toEqual([0, 1, 3]);
    expect(view.inView).toBe(2);
    expect(view.total).toBe(4);
  });

  it("aggregates again past zoom 11 when the view holds more incidents than the map should get", () => {
    const random = createRandom(5);
    const table = tableOf(
      Array.from({ length: 300 }, () => ({ lon: 40 + random() * 0.01, lat: 35 + random() * 0.01 })),
    );
    const request: MapViewRequest = { zoom: 12, bounds: [39.99, 34.99, 40.02, 35.02] };
    const view = aggregateView(table, all(table), request, { maxFeatures: 100 });
    expect(aggregates(view).length).toBeGreaterThan(0);
    expect(drawnCount(view)).toBe(300);
  });

  it("keeps the output under the cap, keeping the biggest cells", () => {
    const points = randomPoints(2000, 6);
    // One crowded place: its cell must survive the cap.
    for (let i = 0; i < 50; i++) points.push({ lon: 40, lat: 35 });
    const table = tableOf(points);
    const view = aggregateView(table, all(table), { zoom: 6, bounds: WORLD }, { maxFeatures: 50 });
    expect(view.features).toHaveLength(50);
    expect(Math.max(...aggregates(view).map((a) => a.count))).toBeGreaterThanOrEqual(50);
    expect(view.total).toBe(2050);
  });

  it("counts only the filtered incidents inside the unpadded view as in view", () => {
    const table = tableOf([
      { lon: 38, lat: 35 },
      { lon: 39, lat: 36 },
      { lon: 50, lat: 36 },
      { lon: 38.5, lat: 35.5 },
    ]);
    const visible = Uint32Array.of(0, 2, 3);
    const view = aggregateView(table, visible, { zoom: 6, bounds: [37, 34, 40, 37] });
    expect(view.inView).toBe(2);
    expect(view.total).toBe(3);
  });

  it("chooses a finer grid by a factor of two per zoom level, rounding the zoom", () => {
    expect(gridLevel(0)).toBe(3);
    expect(gridLevel(6.49)).toBe(9);
    expect(gridLevel(6.5)).toBe(10);
    expect(gridLevel(-3)).toBe(0);
  });
});
