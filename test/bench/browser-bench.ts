import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { dayNumberToIsoDay } from "../../src/core/day-number.ts";
import { readTableFiles } from "../../src/core/decode-table.ts";
import type { IncidentCollection } from "../../src/core/incident.ts";
import { type IncidentTable, TABLE_FILES } from "../../src/core/incident-table.ts";
import { searchTerms } from "../../src/core/normalize-text.ts";
import { createSearchReader } from "../../src/core/search-reader.ts";
import { filterTable, tableCodesOf } from "../../src/core/table-filter.ts";
import { createTableFiles } from "../../src/core/table-writer.ts";
import { encodeViewHref } from "../../src/core/url-codec.ts";
import { DEFAULT_VIEW, type Filters, NO_FILTERS } from "../../src/core/view-state.ts";
import { CHROMIUM_FLAGS } from "../e2e/driver/index.ts";
import { CHROMIUM_PATH } from "../e2e/global-setup.ts";
import { formatTable, median } from "./bench-stats.ts";
import { LEAFLET_PAGE_PATH, leafletAsset, leafletPage } from "./leaflet-page.ts";
import { PAGE_HARNESS } from "./page-harness.ts";
import { browserMarker, tabPeakMB } from "./process-memory.ts";
import { createSyntheticCollection } from "./synthetic-incidents.ts";
import {
  type Attribution,
  attribute,
  type BusyStretch,
  busyStretches,
  type CpuProfile,
  rendererTasks,
  type TraceEvent,
  taskShares,
} from "./task-attribution.ts";

/**
 * The browser part of `npm run bench` (also runnable alone: `npx tsx test/bench/browser-bench.ts`): the BUILT
 * app (vite build into a temp dir) in headless Debian Chromium with SwiftShader. The bench's own server answers
 * `data/table/<name>` with the files of `createTableFiles(createSyntheticCollection(N))`, in memory; everything
 * else is the built app. Per N it measures
 * - load → first complete render (`#app[data-load="complete"]`, count, list, timeline, the worker's incidents
 *   drawn on an idle map), the bytes of data/table/ requests the server received before that render, and the
 *   longest main-thread task during load (PerformanceObserver "longtask"); medians over fresh tabs (a new
 *   browser context each, so no HTTP cache);
 * - filter change → count, list, timeline and map painted (map idle + two frames), through the app's own store
 *   (URL + popstate, the Back/Forward path), for a moving date brush, an actor, a source and "show everything";
 * - settled pan/zoom → re-aggregated map painted (`map.jumpTo`, then a new answer drawn and the map idle);
 * - main-thread time by whose code ran (task-attribution.ts): a few filter changes and pans again, under V8's
 *   sampling profiler (so not timed), cut into busy stretches attributed to the app's scripts, MapLibre's chunk,
 *   the browser's own work and GC;
 * - up to `NAIVE_MAX_N` incidents: the same filter changes done the simplest way on the same map, a MapLibre
 *   clustered GeoJSON source fed with `features.filter` + `setData` of full feature objects (fetched from a
 *   bench-only URL, never by the app), printed as a ratio; and the same changes on Leaflet.markercluster, the
 *   clustering most open incident maps use, on a bench-only page of its own (leaflet-page.ts).
 * Prints figures; asserts nothing about time.
 *
 * Environment: BENCH_TABLE_DIR=<folder> (a table folder written by data:build, measured instead of the synthetic
 * sizes: `npx tsx test/bench/data-bench.ts --generate /tmp/s 1000000`, then `npx tsx src/pipeline/node/cli.ts
 * build /tmp/s /tmp/s/out/incidents.geojson`, then BENCH_TABLE_DIR=/tmp/s/out/table), BENCH_MAX (largest N, default 100000; 1000000 adds N = 1M), BENCH_SIZES=1000,10000 (explicit
 * list, still capped by BENCH_MAX), BENCH_BROWSER_RUNS=7 (timed changes per scenario), BENCH_LOAD_RUNS=3
 * (fresh-tab loads per N), BENCH_NO_MINIFY=1 (an unminified build, so the attribution names the app's functions),
 * BENCH_PROFILE_DIR=<folder> (writes each profiled change's CPU profile there, for Chromium's DevTools).
 */

/** Sizes `npm run bench` measures when BENCH_SIZES is not set; those above BENCH_MAX are skipped. */
export const BENCH_SIZES = [1_000, 10_000, 100_000, 1_000_000] as const;
/** The largest N measured unless BENCH_MAX says otherwise (keeps the default run short). */
export const DEFAULT_BENCH_MAX = 100_000;
/** The naive clustered-GeoJSON comparison holds every feature object in the page: not attempted above this. */
export const NAIVE_MAX_N = 100_000;

/** BENCH_SIZES (or the default sizes) capped by BENCH_MAX. */
export function benchSizes(env: NodeJS.ProcessEnv = process.env): number[] {
  const max = Number(env.BENCH_MAX ?? DEFAULT_BENCH_MAX);
  const listed = env.BENCH_SIZES ? env.BENCH_SIZES.split(",").map(Number) : [...BENCH_SIZES];
  return listed.filter((n) => Number.isFinite(n) && n > 0 && n <= max);
}

export interface BrowserScenario {
  scenario: string;
  /** Median ms from the change to the map painted (app). */
  appMs: number;
  /** Median ms until the count (and so the list) showed the new result; null for a pan/zoom. */
  listMs: number | null;
  /** Pan/zoom: median ms until the first frame with the new aggregates (basemap tiles may still load). */
  drawnMs: number | null;
  naiveMs: number | null;
  ratio: number | null;
  /** Median ms of the same change on Leaflet.markercluster (clearLayers + addLayers + two frames). */
  leafletMs: number | null;
  /** Longest main-thread task seen during these changes (ms). */
  longestTaskMs: number;
  /** Median incidents matched (filters), or the count shown (pan/zoom). */
  matched: number;
  runs: number;
}

/** How the main thread's time is cut: busy stretches of the profile, or the renderer's tasks in a trace. */
type MainThreadCut = "stretch" | "task";

export interface BrowserResult {
  n: number;
  /** All the table's files (MB): what an export or a full search could fetch at most. */
  tableMB: number;
  /** Medians over `loadRuns` fresh tabs: load → first complete render. */
  loadMs: number;
  /** Bytes of data/table/ responses requested before the first complete render (median over the loads). */
  loadBytes: number;
  /** data/table/ files requested before the first render (median). */
  loadRequests: number;
  /**
   * Each data/table/ file requested before the first render in any of the loads: its size as served and
   * gzip-compressed (what a server that compresses sends), and in how many of the loads it came before.
   */
  loadFiles: { name: string; bytes: number; gzipBytes: number; loads: number }[];
  loadLongestTaskMs: number;
  loadTasksOver50: number;
  listDomRows: number;
  /** Peak resident memory of the measured tab's renderer plus the GPU process (MB). */
  tabPeakMB: number;
  scenarios: BrowserScenario[];
  /** Median over every timed filter change (brush, actor, source, everything). */
  allChangesMs: number;
  naiveAllChangesMs: number | null;
  leafletAllChangesMs: number | null;
  /** Main-thread busy stretches during profiled filter changes and pans. */
  /** Main-thread time by whose code ran, cut into busy stretches and into the trace's tasks. */
  mainThread: Record<"filter" | "pan", Record<MainThreadCut, Attribution>>;
}

const MIME: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".txt": "text/plain",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pbf": "application/x-protobuf",
  ".pmtiles": "application/octet-stream",
};

const TABLE_PATH = "/data/table/";
/** Only the naive comparison fetches this; the app never does. */
const NAIVE_GEOJSON_PATH = "/__bench/incidents.geojson";

/** What the bench serves besides the built app. */
export interface BenchData {
  /** data/table/<name> → bytes (createTableFiles). */
  table: ReadonlyMap<string, Uint8Array>;
  /** The whole collection as GeoJSON text, for the naive comparison only; null when not measured. */
  naiveGeojson: string | null;
}

/** One data/table/ request as the server saw it. */
export interface TableRequest {
  name: string;
  bytes: number;
  /** Date.now() when the request arrived. */
  at: number;
}

/**
 * A static server for the built app; `data/table/<name>` answers from `data().table` (404 for a name it does not
 * hold), and every such request is passed to `onTableRequest`.
 */
export function serve(
  root: string,
  data: () => BenchData,
  onTableRequest: (request: TableRequest) => void = () => {},
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const current = data();
    const send = (body: Uint8Array | string, type: string) => {
      response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    const tableAt = path.lastIndexOf(TABLE_PATH);
    if (tableAt >= 0) {
      const name = path.slice(tableAt + TABLE_PATH.length);
      const bytes = current.table.get(name);
      if (bytes) {
        onTableRequest({ name, bytes: bytes.byteLength, at: Date.now() });
        send(bytes, MIME[extname(name)] ?? "application/octet-stream");
        return;
      }
    } else if (path === NAIVE_GEOJSON_PATH && current.naiveGeojson !== null) {
      send(current.naiveGeojson, MIME[".geojson"] as string);
      return;
    } else if (path === LEAFLET_PAGE_PATH) {
      send(leafletPage(NAIVE_GEOJSON_PATH), MIME[".html"] as string);
      return;
    }
    const asset = leafletAsset(path);
    if (asset) {
      send(asset.body, asset.type);
      return;
    }
    let file = join(root, normalize(path));
    if (!file.startsWith(root)) file = join(root, "index.html");
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      send(readFileSync(file), MIME[extname(file)] ?? "application/octet-stream");
    } catch {
      response.writeHead(404);
      response.end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

type Change = { scenario: string; filters: Filters; untimedBefore?: Filters };

function changesFor(actors: string[], sources: string[], firstDay: number, runs: number): Change[] {
  const brush = (i: number): Filters => ({
    ...NO_FILTERS,
    from: dayNumberToIsoDay(firstDay + 400 + i * 7),
    to: dayNumberToIsoDay(firstDay + 400 + i * 7 + 90),
  });
  const changes: Change[] = [];
  for (let i = 0; i < runs; i++) changes.push({ scenario: "date brush (90 d)", filters: brush(i) });
  for (let i = 0; i < runs; i++)
    changes.push({
      scenario: "actor",
      filters: { ...NO_FILTERS, actors: [actors[i % actors.length] as string] },
    });
  for (let i = 0; i < runs; i++)
    changes.push({
      scenario: "source",
      filters: { ...NO_FILTERS, sources: [sources[i % sources.length] as string] },
    });
  for (let i = 0; i < runs; i++)
    changes.push({ scenario: "show everything", filters: NO_FILTERS, untimedBefore: brush(i) });
  return changes;
}

const PAN_ZOOM = "pan/zoom (jumpTo)";
const TEXT_SEARCH = "text search";
const OPEN_INCIDENT = "open incident (list click → panel)";
/** Words of the synthetic titles and summaries (and an actor alias), in both languages, and a miss. */
const SEARCH_TERMS = ["checkpoint", "raqqa", "daesh", "الحسكة", "قسد", "zzzz", "convoy"];
/**
 * Words of the sheets `data-bench.ts --generate` writes (a place number, a word of every title in each language,
 * an incident number, a miss): searched when BENCH_TABLE_DIR names a table built from them. BENCH_SEARCH_TERMS
 * (comma-separated) replaces either list.
 */
const GENERATED_SHEET_TERMS = ["134", "place", "4242", "حادثة", "zzzz"];

function searchTermsFor(tableDir: string | null): string[] {
  const given = process.env.BENCH_SEARCH_TERMS;
  if (given) return given.split(",").filter((term) => term.trim() !== "");
  return tableDir ? GENERATED_SHEET_TERMS : SEARCH_TERMS;
}

/** The build-time search index of `files`, read in Node the way the worker reads it. */
function searchOf(files: ReadonlyMap<string, Uint8Array>, table: IncidentTable) {
  const file = (name: string) => files.get(name) ?? new Uint8Array(0);
  return createSearchReader(table, {
    tokensText: new TextDecoder().decode(file(TABLE_FILES.searchTokens)),
    offsets: new Uint32Array(file(TABLE_FILES.searchOffsets).slice().buffer),
    loadBucket: async (b) => file(TABLE_FILES.searchBucket(b)),
  });
}

type Camera = { center: [number, number]; zoom: number };

/** Settled pan/zoom targets inside the data's bbox: zoomed out, in, further in, at different places. */
function camerasFor(bbox: [number, number, number, number] | null, runs: number): Camera[] {
  const [west, south, east, north] = bbox ?? [36, 32, 42, 37];
  const at = (fx: number, fy: number): [number, number] => [
    west + (east - west) * fx,
    south + (north - south) * fy,
  ];
  const targets: Camera[] = [
    { center: at(0.5, 0.5), zoom: 6 },
    { center: at(0.3, 0.6), zoom: 8 },
    { center: at(0.7, 0.4), zoom: 9.5 },
    { center: at(0.5, 0.5), zoom: 7 },
    { center: at(0.4, 0.3), zoom: 11 },
  ];
  return Array.from({ length: runs }, (_, i) => targets[i % targets.length] as Camera);
}

function hrefOf(filters: Filters): string {
  return encodeViewHref({ ...DEFAULT_VIEW, filters });
}

type Load = {
  ms: number;
  wallAt: number;
  longestTask: number;
  tasksOver50: number;
  domRows: number;
};
type Timed = { ms: number; longestTask: number; drawnMs?: number };
type ChangeResult = Timed & { listMs: number };
type NaiveResult = Timed & { matched: number };

/** Builds the app once into a temp dir; BENCH_NO_MINIFY=1 keeps function names for the attribution table. */
function buildApp(outDir: string): void {
  const minify = process.env.BENCH_NO_MINIFY === "1" ? ["--minify", "false"] : [];
  execFileSync(
    "npx",
    ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn", ...minify],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}

/**
 * The files of a table folder written by data:build, read from disk when first asked for (only the few the
 * bench's server and checks need are ever held).
 */
class TableFolder extends Map<string, Uint8Array> {
  readonly totalBytes: number;
  constructor(private readonly dir: string) {
    super();
    this.totalBytes = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  }
  override get(name: string): Uint8Array | undefined {
    const held = super.get(name);
    if (held) return held;
    try {
      const bytes = new Uint8Array(readFileSync(join(this.dir, normalize(name))));
      this.set(name, bytes);
      return bytes;
    } catch {
      return undefined;
    }
  }
}

export function tableFolder(dir: string): TableFolder {
  return new TableFolder(dir);
}

/**
 * Measures the built app at each size of `sizes` on synthetic tables, or, when `tableDir` is given (a table
 * folder written by data:build, for instance of a generated 1M sheet: no 1M-feature collection is made in this
 * process then), on that table alone.
 */
export async function runBrowserBench(
  sizes: readonly number[],
  runs: number,
  loadRuns = 3,
  tableDir: string | null = null,
): Promise<BrowserResult[]> {
  const work = mkdtempSync(join(tmpdir(), "atlas-bench-"));
  const outDir = join(work, "dist");
  console.log(`building the app into ${outDir} …`);
  buildApp(outDir);
  let current: BenchData = { table: new Map(), naiveGeojson: null };
  let tableRequests: TableRequest[] = [];
  const { server, url } = await serve(
    outDir,
    () => current,
    (request) => tableRequests.push(request),
  );
  const results: BrowserResult[] = [];
  try {
    for (const size of tableDir ? [0] : sizes) {
      let n = size;
      const folder = tableDir ? tableFolder(tableDir) : null;
      const collection = folder ? null : createSyntheticCollection(n);
      const files = folder ?? createTableFiles(collection as IncidentCollection);
      const withNaive = collection !== null && n <= NAIVE_MAX_N;
      current = { table: files, naiveGeojson: withNaive ? JSON.stringify(collection) : null };
      const tableMB =
        (folder?.totalBytes ?? [...files.values()].reduce((sum, b) => sum + b.byteLength, 0)) / 1e6;
      const table = readTableFiles(files);
      if (folder) n = table.count;
      const codes = tableCodesOf(table);
      const expectedOf = (filters: Filters) => filterTable(table, codes, filters, null).length;
      const timedRuns = n >= 100_000 ? runs : runs + 4;
      const changes = changesFor(
        table.meta.actors.map((a) => a.id),
        table.meta.sources.map((s) => s.id),
        table.minDay,
        timedRuns,
      );
      const cameras = camerasFor(table.bbox, timedRuns);

      const marker = browserMarker();
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [...CHROMIUM_FLAGS, marker],
      });
      try {
        const errors: string[] = [];
        const bench = "window.__bench";
        // browser.newPage opens a new context: no HTTP cache, no storage shared with the previous tab.
        const newPage = async () => {
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          page.on("pageerror", (error) => errors.push(String(error)));
          await page.addInitScript({ content: PAGE_HARNESS });
          return page;
        };
        const loads: Array<Load & { bytes: number; requests: number }> = [];
        const fetchedBefore = new Map<string, number>();
        for (let k = 0; k < loadRuns; k++) {
          const page = await newPage();
          tableRequests = [];
          await page.goto(url);
          const load = (await page.evaluate(`${bench}.firstRender(${n})`)) as Load;
          const before = tableRequests.filter((r) => r.at <= load.wallAt);
          for (const r of before) fetchedBefore.set(r.name, (fetchedBefore.get(r.name) ?? 0) + 1);
          loads.push({
            ...load,
            bytes: before.reduce((sum, r) => sum + r.bytes, 0),
            requests: before.length,
          });
          await page.close();
        }

        const page = await newPage();
        await page.goto(url);
        await page.evaluate(`${bench}.settled(${n})`);
        const domRows = (await page.evaluate(
          `document.querySelectorAll(".list-rows > li").length`,
        )) as number;

        const app = new Map<
          string,
          { ms: number[]; list: number[]; drawn: number[]; longest: number; matched: number[] }
        >();
        const record = (scenario: string, r: Timed, listMs: number | null, matched: number) => {
          const entry = app.get(scenario) ?? { ms: [], list: [], drawn: [], longest: 0, matched: [] };
          entry.ms.push(r.ms);
          if (listMs !== null) entry.list.push(listMs);
          if (r.drawnMs !== undefined) entry.drawn.push(r.drawnMs);
          entry.longest = Math.max(entry.longest, r.longestTask);
          entry.matched.push(matched);
          app.set(scenario, entry);
        };
        for (const change of changes) {
          if (change.untimedBefore) {
            const before = change.untimedBefore;
            await page.evaluate(`${bench}.change(${JSON.stringify(hrefOf(before))}, ${expectedOf(before)})`);
          }
          const expected = expectedOf(change.filters);
          const r = (await page.evaluate(
            `${bench}.change(${JSON.stringify(hrefOf(change.filters))}, ${expected})`,
          )) as ChangeResult;
          record(change.scenario, r, r.listMs, expected);
        }
        // A text search, as typed into the box (through the URL like the other changes): index + count + list.
        const terms = searchTermsFor(tableDir);
        for (const term of terms.slice(0, Math.max(3, Math.min(runs, terms.length)))) {
          const filters = { ...NO_FILTERS, q: term };
          const expected = (await searchOf(files, table).match(searchTerms(term))).reduce((a, b) => a + b, 0);
          const r = (await page.evaluate(
            `${bench}.change(${JSON.stringify(hrefOf(filters))}, ${expected})`,
          )) as ChangeResult;
          record(TEXT_SEARCH, r, r.listMs, expected);
        }
        await page.evaluate(`${bench}.change(${JSON.stringify(hrefOf(NO_FILTERS))}, ${n})`);
        // Opening an incident from the list: click → panel filled.
        for (let k = 0; k < timedRuns; k++) {
          const r = (await page.evaluate(`${bench}.openFromList(${k * 3})`)) as Timed;
          record(OPEN_INCIDENT, r, null, 1);
        }
        // The last change shows everything: pans and zooms re-aggregate all N incidents.
        for (const camera of cameras) {
          const r = (await page.evaluate(`${bench}.jump(${JSON.stringify(camera)})`)) as Timed;
          record(PAN_ZOOM, r, null, n);
        }

        // The tab's peak over load, every change and every pan (before the naive comparison adds its own).
        const peakMB = tabPeakMB(marker);

        // The same kinds of change again under the sampling profiler, for who ran on the main thread.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
        const traceEvents: TraceEvent[] = [];
        cdp.on("Tracing.dataCollected", (data) =>
          traceEvents.push(...(data.value as unknown as TraceEvent[])),
        );
        const profiled = async (
          run: () => Promise<unknown>,
        ): Promise<Record<MainThreadCut, BusyStretch[]>> => {
          traceEvents.length = 0;
          await cdp.send("Tracing.start", {
            categories: "toplevel,__metadata",
            transferMode: "ReportEvents",
          });
          await cdp.send("Profiler.start");
          await run();
          const { profile } = await cdp.send("Profiler.stop");
          const traced = new Promise((done) => cdp.once("Tracing.tracingComplete", done));
          await cdp.send("Tracing.end");
          await traced;
          if (process.env.BENCH_PROFILE_DIR) {
            writeFileSync(
              join(process.env.BENCH_PROFILE_DIR, `${n}-${Date.now()}.cpuprofile`),
              JSON.stringify(profile),
            );
          }
          const cpu = profile as unknown as CpuProfile;
          return { stretch: busyStretches(cpu), task: taskShares(cpu, rendererTasks(traceEvents)) };
        };
        const filterProfiled: Record<MainThreadCut, BusyStretch[]> = { stretch: [], task: [] };
        const panProfiled: Record<MainThreadCut, BusyStretch[]> = { stretch: [], task: [] };
        const addProfiled = (
          to: Record<MainThreadCut, BusyStretch[]>,
          cuts: Record<MainThreadCut, BusyStretch[]>,
        ) => {
          to.stretch.push(...cuts.stretch);
          to.task.push(...cuts.task);
        };
        for (const change of changesFor(
          table.meta.actors.map((a) => a.id),
          table.meta.sources.map((s) => s.id),
          table.minDay + 31,
          2,
        )) {
          if (change.untimedBefore) {
            const before = change.untimedBefore;
            await page.evaluate(`${bench}.change(${JSON.stringify(hrefOf(before))}, ${expectedOf(before)})`);
          }
          const expected = expectedOf(change.filters);
          const href = JSON.stringify(hrefOf(change.filters));
          addProfiled(
            filterProfiled,
            await profiled(() => page.evaluate(`${bench}.change(${href}, ${expected})`)),
          );
        }
        for (const camera of cameras.slice(0, 5)) {
          addProfiled(
            panProfiled,
            await profiled(() => page.evaluate(`${bench}.jump(${JSON.stringify(camera)})`)),
          );
        }
        await cdp.detach();

        // The simplest alternative, on the same page and map, after the app's own changes.
        const naive = new Map<string, number[]>();
        if (withNaive) {
          await page.evaluate(`${bench}.naiveSetup(${JSON.stringify(NAIVE_GEOJSON_PATH)})`);
          for (const change of changes) {
            if (change.untimedBefore) {
              const before = change.untimedBefore;
              await page.evaluate(`${bench}.naiveChange(${JSON.stringify(before)}, ${expectedOf(before)})`);
            }
            const expected = expectedOf(change.filters);
            const r = (await page.evaluate(
              `${bench}.naiveChange(${JSON.stringify(change.filters)}, ${expected})`,
            )) as NaiveResult;
            if (r.matched !== expected) errors.push(`naive ${change.scenario}: ${r.matched} ≠ ${expected}`);
            naive.set(change.scenario, [...(naive.get(change.scenario) ?? []), r.ms]);
          }
        }
        await page.close();

        // Leaflet.markercluster, on its own page, with the same changes.
        const leaflet = new Map<string, number[]>();
        if (withNaive) {
          const leafletPageTab = await newPage();
          await leafletPageTab.goto(new URL(LEAFLET_PAGE_PATH.slice(1), url).href);
          await leafletPageTab.evaluate("window.__leaflet.setup()");
          const leafletChange = async (filters: Filters) =>
            (await leafletPageTab.evaluate(
              `window.__leaflet.change(${JSON.stringify(filters)})`,
            )) as NaiveResult;
          for (const change of changes) {
            if (change.untimedBefore) await leafletChange(change.untimedBefore);
            const r = await leafletChange(change.filters);
            const expected = expectedOf(change.filters);
            if (r.matched !== expected) errors.push(`leaflet ${change.scenario}: ${r.matched} ≠ ${expected}`);
            leaflet.set(change.scenario, [...(leaflet.get(change.scenario) ?? []), r.ms]);
          }
          await leafletPageTab.close();
        }
        if (errors.length > 0) console.warn(`N=${n}: ${errors.join("; ")}`);

        const scenarios: BrowserScenario[] = [...app].map(([scenario, entry]) => {
          const naiveTimes = naive.get(scenario) ?? [];
          const appMs = median(entry.ms);
          const naiveMs = naiveTimes.length > 0 ? median(naiveTimes) : null;
          const leafletTimes = leaflet.get(scenario) ?? [];
          return {
            scenario,
            appMs,
            listMs: entry.list.length > 0 ? median(entry.list) : null,
            drawnMs: entry.drawn.length > 0 ? median(entry.drawn) : null,
            naiveMs,
            ratio: naiveMs === null ? null : naiveMs / appMs,
            leafletMs: leafletTimes.length > 0 ? median(leafletTimes) : null,
            longestTaskMs: entry.longest,
            matched: median(entry.matched),
            runs: entry.ms.length,
          };
        });
        const filterScenarios = [...app].filter(
          ([scenario]) => ![PAN_ZOOM, TEXT_SEARCH, OPEN_INCIDENT].includes(scenario),
        );
        results.push({
          n,
          tableMB,
          loadMs: median(loads.map((l) => l.ms)),
          loadBytes: median(loads.map((l) => l.bytes)),
          loadRequests: median(loads.map((l) => l.requests)),
          loadFiles: [...fetchedBefore].map(([name, count]) => {
            const bytes = files.get(name) ?? new Uint8Array();
            return { name, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes).byteLength, loads: count };
          }),
          loadLongestTaskMs: median(loads.map((l) => l.longestTask)),
          loadTasksOver50: median(loads.map((l) => l.tasksOver50)),
          listDomRows: domRows,
          tabPeakMB: peakMB,
          scenarios,
          allChangesMs: median(filterScenarios.flatMap(([, e]) => e.ms)),
          naiveAllChangesMs: naive.size > 0 ? median([...naive.values()].flat()) : null,
          leafletAllChangesMs: leaflet.size > 0 ? median([...leaflet.values()].flat()) : null,
          mainThread: {
            filter: { stretch: attribute(filterProfiled.stretch), task: attribute(filterProfiled.task) },
            pan: { stretch: attribute(panProfiled.stretch), task: attribute(panProfiled.task) },
          },
        });
        // Each size as soon as it is measured: a run up to 1M takes long, and an interrupted one still tells.
        console.log(formatBrowserResults(results));
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

/** The browser figures as tables, with load ratios against the smallest N (normally 1k). */
export function formatBrowserResults(results: readonly BrowserResult[]): string {
  const base = results[0];
  const ratio = (value: number, of: number) => (of > 0 ? `${(value / of).toFixed(1)}×` : "");
  const load = formatTable(
    [
      "N",
      "table MB (all files)",
      "load → render ms",
      "KB fetched before render",
      "requests",
      "longest load task ms",
      "load tasks > 50 ms",
      "list DOM rows",
      "tab peak MB (renderer + GPU)",
      `load ms / N=${base?.n ?? ""}`,
      `bytes / N=${base?.n ?? ""}`,
    ],
    results.map((r) => [
      r.n,
      r.tableMB.toFixed(2),
      r.loadMs.toFixed(0),
      (r.loadBytes / 1e3).toFixed(0),
      r.loadRequests,
      r.loadLongestTaskMs.toFixed(0),
      r.loadTasksOver50,
      r.listDomRows,
      r.tabPeakMB.toFixed(0),
      base ? ratio(r.loadMs, base.loadMs) : "",
      base ? ratio(r.loadBytes, base.loadBytes) : "",
    ]),
  );
  const fetched = formatTable(
    ["N", "file fetched before first render", "KB as served", "KB gzip", "in loads"],
    results.flatMap((r) =>
      r.loadFiles.map((f) => [
        r.n,
        f.name,
        (f.bytes / 1e3).toFixed(0),
        (f.gzipBytes / 1e3).toFixed(0),
        f.loads,
      ]),
    ),
  );
  const changes = formatTable(
    [
      "N",
      "change",
      "count+list ms",
      "new aggregates drawn ms",
      "→ map painted ms",
      "naive clustered setData ms",
      "naive/app",
      "Leaflet.markercluster ms",
      "Leaflet/app",
      "longest task ms",
      "matched",
    ],
    results.flatMap((r) => [
      ...r.scenarios.map((s) => [
        r.n,
        s.scenario,
        s.listMs === null ? "" : s.listMs.toFixed(0),
        s.drawnMs === null ? "" : s.drawnMs.toFixed(0),
        s.appMs.toFixed(0),
        s.naiveMs === null ? "" : s.naiveMs.toFixed(0),
        s.ratio === null ? "" : `${s.ratio.toFixed(1)}×`,
        s.leafletMs === null ? "" : s.leafletMs.toFixed(0),
        s.leafletMs === null ? "" : `${(s.leafletMs / s.appMs).toFixed(1)}×`,
        s.longestTaskMs.toFixed(0),
        s.matched,
      ]),
      [
        r.n,
        "all filter changes",
        "",
        "",
        r.allChangesMs.toFixed(0),
        r.naiveAllChangesMs === null ? "" : r.naiveAllChangesMs.toFixed(0),
        r.naiveAllChangesMs === null ? "" : `${(r.naiveAllChangesMs / r.allChangesMs).toFixed(1)}×`,
        r.leafletAllChangesMs === null ? "" : r.leafletAllChangesMs.toFixed(0),
        r.leafletAllChangesMs === null ? "" : `${(r.leafletAllChangesMs / r.allChangesMs).toFixed(1)}×`,
        "",
        "",
      ],
    ]),
  );
  const ms = (value: number | undefined) => (value ?? 0).toFixed(0);
  const tasks = formatTable(
    [
      "N",
      "profiled",
      "cut by",
      "longest ms",
      "of it: app",
      "MapLibre",
      "browser",
      "GC",
      "> 50 ms",
      "of them app > 50 ms",
      "app's longest ms",
      "its task CPU ms",
      "of it (functions, ms)",
    ],
    results.flatMap((r) =>
      (["filter", "pan"] as const).flatMap((kind) =>
        (["task", "stretch"] as const).map((cut) => {
          const a = r.mainThread[kind][cut];
          return [
            r.n,
            kind === "filter" ? "filter changes" : "pans/zooms",
            cut === "task" ? "trace task" : "busy stretch",
            ms(a.longest?.ms),
            ms(a.longest?.byOrigin.app),
            ms(a.longest?.byOrigin.maplibre),
            ms(a.longest?.byOrigin.browser),
            ms(a.longest?.byOrigin.gc),
            a.over,
            a.appOver,
            ms(a.appLongestMs),
            a.appLongestCpuMs === null ? "" : ms(a.appLongestCpuMs),
            a.appHotspots.join(", "),
          ];
        }),
      ),
    ),
  );
  return `${load}\n\n${fetched}\n\n${changes}\n\nmain thread, by whose code ran (sampling profiler; a trace task is one task of the renderer's main thread, its ms the whole task in wall time, the app's share at most the task's CPU time; a stretch is the time between idle samples, maybe several tasks)\n${tasks}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Math.max(3, Number(process.env.BENCH_BROWSER_RUNS ?? 7));
  const loadRuns = Math.max(1, Number(process.env.BENCH_LOAD_RUNS ?? 3));
  const results = await runBrowserBench(benchSizes(), runs, loadRuns, process.env.BENCH_TABLE_DIR ?? null);
  console.log(
    `\nbrowser benchmark: built app in headless Chromium (SwiftShader), medians of ${loadRuns} loads and ${runs}+ changes`,
  );
  console.log(formatBrowserResults(results));
}
