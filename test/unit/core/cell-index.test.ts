import { describe, expect, it } from "vitest";
import { aggregateView, type MapFeatures, type MapViewRequest } from "../../../src/core/aggregate.ts";
import { buildCellIndex, CELL_INDEX_LEVEL } from "../../../src/core/cell-index.ts";
import type { IncidentTable } from "../../../src/core/incident-table.ts";
import { createRandom } from "../../bench/synthetic-incidents.ts";
import { tableOf } from "./aggregation-table.ts";

/**
 * Incidents as a map of them looks: most in a few towns and along roads of one country, some scattered over the
 * world, on the antimeridian and at Mercator's latitude limits.
 */
function sampleTable(count: number, seed: number): IncidentTable {
  const random = createRandom(seed);
  const towns = Array.from({ length: 40 }, () => [36 + random() * 6, 32.5 + random() * 4.5] as const);
  const lons: number[] = [];
  const lats: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.7) {
      const [lon, lat] = towns[Math.floor(random() * towns.length)] as readonly [number, number];
      lons.push(lon + (random() - 0.5) * 0.05);
      lats.push(lat + (random() - 0.5) * 0.05);
    } else if (r < 0.95) {
      lons.push(-180 + random() * 360);
      lats.push(-85 + random() * 170);
    } else {
      lons.push(random() < 0.5 ? -180 : 180);
      lats.push(random() < 0.5 ? 85.06 : -89);
    }
  }
  return tableOf(lons.map((lon, p) => ({ lon, lat: lats[p] as number, approximate: p % 3 === 0 })));
}

function randomView(random: () => number): MapViewRequest {
  const zoom = Math.floor(random() * 28) / 2; // 0 to 13.5, half steps
  const span = 360 / 2 ** zoom;
  const west = random() < 0.2 ? 170 : 30 + random() * 15 - span / 2; // some across the antimeridian
  const south = Math.max(-85, 30 + random() * 8 - span / 4);
  return { zoom, bounds: [west, south, west + span, Math.min(85, south + span / 2)] };
}

/** What a view draws, in order: each feature's kind, count or position, and extent. */
function described(view: MapFeatures) {
  return {
    total: view.total,
    inView: view.inView,
    features: view.features.map(({ properties: f, geometry }) =>
      f.kind === "incident"
        ? `incident ${f.position}`
        : `${f.count} [${f.west} ${f.south} ${f.east} ${f.north}] ~${geometry.coordinates.map((c) => c.toFixed(6)).join(",")}`,
    ),
  };
}

describe("cell index", () => {
  const table = sampleTable(4000, 7);
  const everyOther = Uint32Array.from({ length: table.count / 2 }, (_, k) => 2 * k);
  // Sets "too large to name their aggregates' incidents" at this size, as 1M incidents are in the app.
  const options = { membersUpTo: 10, maxFeatures: 300 };

  it("holds every filtered incident once, grouped by cell, ascending within each", () => {
    const index = buildCellIndex(table, everyOther);
    expect([...index.positions].sort((a, b) => a - b)).toEqual([...everyOther]);
    let sum = 0;
    for (let c = 0; c < index.cells.size; c++) {
      const own = index.positions.subarray(index.starts[c], index.starts[c + 1]);
      expect(own.length).toBe(index.cells.count[c]);
      expect([...own]).toEqual([...own].sort((a, b) => a - b));
      expect(index.cells.first[c]).toBe(own[0]);
      sum += own.length;
    }
    expect(sum).toBe(everyOther.length);
    expect(index.level).toBe(CELL_INDEX_LEVEL);
  });

  it("draws every view as a pass over every filtered incident does, at every zoom and across the antimeridian", () => {
    const index = buildCellIndex(table, everyOther);
    const random = createRandom(11);
    for (let i = 0; i < 300; i++) {
      const request = randomView(random);
      const direct = aggregateView(table, everyOther, request, options);
      const indexed = aggregateView(table, everyOther, request, options, index);
      expect(described(indexed), JSON.stringify(request)).toEqual(described(direct));
    }
  });

  it("is not used for another filter answer than its own", () => {
    const index = buildCellIndex(table, everyOther);
    const others = Uint32Array.from({ length: table.count / 2 }, (_, k) => 2 * k + 1);
    const request: MapViewRequest = { zoom: 5, bounds: [30, 30, 45, 40] };
    expect(described(aggregateView(table, others, request, options, index))).toEqual(
      described(aggregateView(table, others, request, options)),
    );
  });
});
