import { cpus } from "node:os";
import { aggregateView, type MapViewRequest } from "../../src/core/aggregate.ts";
import { buildCellIndex } from "../../src/core/cell-index.ts";
import { dayNumberToIsoDay, isoDayToDayNumber } from "../../src/core/day-number.ts";
import { type IncidentTable, ROLE_BITS } from "../../src/core/incident-table.ts";
import { filterTable, tableCodesOf } from "../../src/core/table-filter.ts";
import { type Filters, NO_FILTERS } from "../../src/core/view-state.ts";
import { fixed, formatTable, median, timeRuns } from "./bench-stats.ts";
import { createRandom } from "./synthetic-incidents.ts";

/**
 * `npx tsx test/bench/aggregate-bench.ts`: what the data worker does for the map (issue #13), in Node: the filter
 * (filterTable) and the view's aggregation (aggregateView) at N = 10k … 1M, for the filters of the browser
 * benchmark and for the views a reader opens. Prints medians; asserts nothing about time.
 *
 * The table is generated as columns (feature objects of 1M incidents would not fit the point): ACLED-shaped,
 * places of north and east Syria jittered by ±0.1°, 2014–2025 in date order, 1–3 actors and 1–3 sources each.
 * Options: BENCH_SIZES=10000,1000000, BENCH_RUNS=15.
 */

const sizes = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 15));

const PLACES: [number, number][] = [
  [38.998, 35.95],
  [40.747, 36.507],
  [41.222, 37.052],
  [40.141, 35.336],
  [40.42, 35.15],
  [37.95, 36.528],
  [38.356, 36.891],
  [38.548, 35.837],
  [40.83, 34.69],
  [40.73, 36.06],
];
const ACTORS = 10;
const SOURCES = 40;
const TYPES = 8;

function createTable(n: number, seed = 1): IncidentTable {
  const random = createRandom(seed);
  const first = isoDayToDayNumber("2014-01-01");
  const span = isoDayToDayNumber("2025-12-31") - first;
  const dayStart = new Int32Array(n);
  for (let p = 0; p < n; p++) dayStart[p] = first + Math.floor(random() * span);
  dayStart.sort();
  const dayEnd = new Int32Array(n);
  const endPrefixMax = new Int32Array(n);
  const lon = new Float32Array(n);
  const lat = new Float32Array(n);
  const radiusKm = new Float32Array(n);
  const type = new Uint16Array(n);
  const flags = new Uint8Array(n);
  const actorOffsets = new Uint32Array(n + 1);
  const sourceOffsets = new Uint32Array(n + 1);
  const actorCodes: number[] = [];
  const actorRoles: number[] = [];
  const sourceCodes: number[] = [];
  let maxEnd = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < n; p++) {
    dayEnd[p] = (dayStart[p] as number) + (random() < 0.1 ? Math.floor(random() * 30) : 0);
    maxEnd = Math.max(maxEnd, dayEnd[p] as number);
    endPrefixMax[p] = maxEnd;
    const place = PLACES[Math.floor(random() * PLACES.length)] as [number, number];
    lon[p] = place[0] + (random() - 0.5) * 0.2;
    lat[p] = place[1] + (random() - 0.5) * 0.2;
    const approximate = random() < 0.3;
    flags[p] = approximate ? 1 : 0;
    radiusKm[p] = approximate ? 2 + random() * 20 : 0;
    type[p] = Math.floor(random() * TYPES);
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      actorCodes.push(Math.floor(random() * ACTORS));
      actorRoles.push(random() < 0.6 ? ROLE_BITS.perpetrator : ROLE_BITS.target);
    }
    actorOffsets[p + 1] = actorCodes.length;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) sourceCodes.push(Math.floor(random() * SOURCES));
    sourceOffsets[p + 1] = sourceCodes.length;
  }
  const ref = (id: string) => ({ id, name: { en: id, ar: id } });
  return {
    count: n,
    bbox: [37.8, 34.5, 41.4, 37.2],
    meta: {
      actors: Array.from({ length: ACTORS }, (_, k) => ({
        ...ref(`actor-${k}`),
        color: "#777777",
        aliases: [],
        kind: "armed-group",
        parent: null,
      })),
      sources: Array.from({ length: SOURCES }, (_, k) => ({
        id: `source-${k}`,
        outlet: { en: `s${k}`, ar: `s${k}` },
        published: "2020",
        published_precision: "year" as const,
        language: "en",
        url: null,
        affiliation: { en: "", ar: "" },
      })),
      event_types: Array.from({ length: TYPES }, (_, k) => ({ ...ref(`type-${k}`), color: "#777777" })),
      governorates: [],
    },
    dayStart,
    dayEnd,
    endPrefixMax,
    lon,
    lat,
    radiusKm,
    type,
    governorate: new Uint16Array(n),
    flags,
    datePrecision: new Uint8Array(n),
    actors: {
      offsets: actorOffsets,
      codes: Uint32Array.from(actorCodes),
      roles: Uint8Array.from(actorRoles),
    },
    sources: { offsets: sourceOffsets, codes: Uint32Array.from(sourceCodes) },
    minDay: dayStart[0] ?? 0,
    maxDay: maxEnd,
    shardSize: 1000,
    shardCount: Math.ceil(n / 1000),
    search: { tokenCount: 0, bucketStarts: [0] },
  };
}

/** Views a reader opens: the region, the data's extent, a governorate, a town, a street (1280 × 800 px). */
const VIEWS: [string, MapViewRequest][] = [
  ["region z5", { zoom: 5, bounds: [32.9, 31.4, 46.9, 39.9] }],
  ["country z6.6", { zoom: 6.6, bounds: [36.2, 33.6, 43.0, 37.9] }],
  ["governorate z8.5", { zoom: 8.5, bounds: [38.1, 35.3, 39.9, 36.5] }],
  ["town z10.5", { zoom: 10.5, bounds: [38.77, 35.8, 39.22, 36.1] }],
  ["street z12.5", { zoom: 12.5, bounds: [38.94, 35.92, 39.05, 35.98] }],
];

const firstDay = isoDayToDayNumber("2014-01-01");
const FILTERS: [string, (i: number) => Filters][] = [
  ["show everything", () => NO_FILTERS],
  [
    "date brush 90 d",
    (i) => ({
      ...NO_FILTERS,
      from: dayNumberToIsoDay(firstDay + i * 37),
      to: dayNumberToIsoDay(firstDay + i * 37 + 90),
    }),
  ],
  ["actor", (i) => ({ ...NO_FILTERS, actors: [`actor-${i % ACTORS}`] })],
  ["source", (i) => ({ ...NO_FILTERS, sources: [`source-${i % SOURCES}`] })],
];

console.log(
  `aggregate benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, median of ${runs} runs`,
);
for (const n of sizes) {
  const table = createTable(n);
  const codes = tableCodesOf(table);
  const all = filterTable(table, codes, NO_FILTERS, null);
  const rows: (string | number)[][] = [];
  // The first request of a table projects its latitudes once.
  const t0 = performance.now();
  aggregateView(table, all, VIEWS[1]?.[1] as MapViewRequest);
  rows.push(["first view (projects y)", "country z6.6", fixed(performance.now() - t0, 1), "", "", ""]);

  // A filter change: the filter and the current view's aggregation.
  for (const [name, filters] of FILTERS) {
    const view = VIEWS[1]?.[1] as MapViewRequest;
    let matched = 0;
    let features = 0;
    const filterMs = median(timeRuns(runs, (i) => filterTable(table, codes, filters(i), null)));
    const totalMs = median(
      timeRuns(runs, (i) => {
        const visible = filterTable(table, codes, filters(i), null);
        const result = aggregateView(table, visible, view);
        matched = visible.length;
        features = result.features.length;
        return result.features;
      }),
    );
    rows.push([`filter: ${name}`, "country z6.6", fixed(totalMs, 1), fixed(filterMs, 1), matched, features]);
  }
  // A settled pan or zoom: the aggregation alone, everything shown; a pass over every incident, then from the
  // cell index the worker builds once the filter is still (what the app does), in the same run.
  const buildMs = median(timeRuns(runs, () => buildCellIndex(table, all).positions));
  rows.push(["cell index built (show everything)", "", fixed(buildMs, 1), "", n, ""]);
  const index = buildCellIndex(table, all);
  for (const [name, view] of VIEWS) {
    let features = 0;
    const passMs = median(
      timeRuns(runs, () => {
        const result = aggregateView(table, all, view);
        features = result.features.length;
        return result.features;
      }),
    );
    const indexedMs = median(timeRuns(runs, () => aggregateView(table, all, view, {}, index).features));
    rows.push(["pan/zoom: show everything, one pass", name, fixed(passMs, 1), "", n, features]);
    rows.push([
      "pan/zoom: show everything, cell index",
      name,
      `${fixed(indexedMs, 1)} (${fixed(passMs / indexedMs, 1)}× faster)`,
      "",
      n,
      features,
    ]);
  }
  console.log(`\nN = ${n}`);
  console.log(
    formatTable(["change", "view", "filter + aggregate ms", "filter ms", "matched", "features"], rows),
  );
}
