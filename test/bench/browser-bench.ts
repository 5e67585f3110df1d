import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { dayNumberToIsoDay } from "../../src/core/day-number.ts";
import { createIncidentIndex, filterIncidents } from "../../src/core/filter.ts";
import { createIncidentDigest } from "../../src/core/incident-digest.ts";
import { encodeViewHref } from "../../src/core/url-codec.ts";
import { DEFAULT_VIEW, type Filters, NO_FILTERS } from "../../src/core/view-state.ts";
import { CHROMIUM_FLAGS } from "../e2e/driver.ts";
import { CHROMIUM_PATH } from "../e2e/global-setup.ts";
import { median } from "./bench-stats.ts";
import { PAGE_HARNESS } from "./page-harness.ts";
import { createSyntheticCollection } from "./synthetic-incidents.ts";

/**
 * The browser part of `npm run bench`: the BUILT app (vite build into a temp dir) in headless Debian Chromium
 * with SwiftShader, serving a generated sheet of N incidents. Per N it measures
 * - load → first complete render (count, list, timeline, incidents drawn on an idle map), the longest
 *   main-thread task during load (PerformanceObserver "longtask") and the list's DOM rows; median of fresh
 *   tabs, as built (the digest first) and with the GeoJSON alone (the fallback), alternated in the same run;
 * - filter change → count, list, timeline and map updated and painted (map idle + two frames), through the
 *   app's own store (URL + popstate, the Back/Forward path), for a moving date brush, actors, sources and
 *   "show everything";
 * - the same changes done the simplest way on the same map: `features.filter` over full feature objects and
 *   `setData` of the whole filtered collection; printed as a ratio.
 * Prints figures; asserts nothing about time.
 */

export interface BrowserScenario {
  scenario: string;
  /** Median ms from the change to the map painted (app); null when not measured. */
  appMs: number;
  /** Median ms until the count (and so the list) showed the new result. */
  listMs: number;
  naiveMs: number | null;
  ratio: number | null;
  /** Longest main-thread task seen during these changes (ms). */
  longestTaskMs: number;
  matched: number;
  runs: number;
}

export interface BrowserResult {
  n: number;
  fileMB: number;
  /** Size of the first-render digest served next to the GeoJSON. */
  digestMB: number;
  /** Medians over `loadRuns` fresh tabs: load → first complete render, as built (digest first). */
  loadMs: number;
  loadLongestTaskMs: number;
  loadTasksOver50: number;
  /** The same with the GeoJSON alone (no digest deployed): the fallback, and the design before the digest. */
  geojsonOnlyLoadMs: number;
  geojsonOnlyLongestTaskMs: number;
  listDomRows: number;
  scenarios: BrowserScenario[];
  /** Median over every timed app change (brush, actor, source, everything). */
  allChangesMs: number;
  naiveAllChangesMs: number;
}

const MIME: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pbf": "application/x-protobuf",
  ".pmtiles": "application/octet-stream",
};

/**
 * A static server for the built app; `data/incidents.geojson` and `data/incidents.digest.json` answer with the
 * files `dataFiles()` names (a null digest answers 404, as on a host where it was not deployed).
 */
export function serve(
  root: string,
  dataFiles: () => { geojson: string; digest: string | null },
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const data = dataFiles();
    let file = path.endsWith("/data/incidents.geojson")
      ? data.geojson
      : path.endsWith("/data/incidents.digest.json")
        ? (data.digest ?? join(root, "no-such-file"))
        : join(root, normalize(path));
    const served = file === data.geojson || file === data.digest;
    if (!file.startsWith(root) && !served) file = join(root, "index.html");
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      response.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
      response.end(body);
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

function hrefOf(filters: Filters): string {
  return encodeViewHref({ ...DEFAULT_VIEW, filters });
}

type PageBench = {
  firstRender(
    expected: number,
  ): Promise<{ ms: number; longestTask: number; tasksOver50: number; domRows: number }>;
  change(href: string, expected: number): Promise<{ ms: number; listMs: number; longestTask: number }>;
  naiveSetup(): Promise<number>;
  naiveChange(
    filters: Filters,
    expected: number,
  ): Promise<{ ms: number; matched: number; longestTask: number }>;
};

/** Builds the app once into a temp dir. */
function buildApp(outDir: string): void {
  execFileSync("npx", ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function runBrowserBench(
  sizes: readonly number[],
  runs: number,
  loadRuns = 3,
): Promise<BrowserResult[]> {
  const work = mkdtempSync(join(tmpdir(), "atlas-bench-"));
  const outDir = join(work, "dist");
  console.log(`building the app into ${outDir} …`);
  buildApp(outDir);
  let current: { geojson: string; digest: string | null } = { geojson: "", digest: null };
  const { server, url } = await serve(outDir, () => current);
  const results: BrowserResult[] = [];
  try {
    for (const n of sizes) {
      const collection = createSyntheticCollection(n);
      const files = {
        geojson: join(work, `incidents-${n}.geojson`),
        digest: join(work, `incidents-${n}.digest.json`),
      };
      const text = JSON.stringify(collection);
      writeFileSync(files.geojson, text);
      const digestText = JSON.stringify(createIncidentDigest(collection));
      writeFileSync(files.digest, digestText);
      const fileMB = Buffer.byteLength(text) / 1e6;
      const digestMB = Buffer.byteLength(digestText) / 1e6;
      const index = createIncidentIndex(collection.features, collection.meta);
      const expectedOf = (filters: Filters) => filterIncidents(index, filters).length;
      const timedRuns = n >= 100_000 ? runs : runs + 4;
      const changes = changesFor(
        collection.meta.actors.map((a) => a.id),
        collection.meta.sources.map((s) => s.id),
        index.minDay,
        timedRuns,
      );

      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_FLAGS,
      });
      try {
        const errors: string[] = [];
        const bench = "window.__bench";
        type Load = Awaited<ReturnType<PageBench["firstRender"]>>;
        const openPage = async () => {
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          page.on("pageerror", (error) => errors.push(String(error)));
          await page.addInitScript({ content: PAGE_HARNESS });
          await page.goto(url);
          return { page, load: (await page.evaluate(`${bench}.firstRender(${n})`)) as Load };
        };
        // Loads, alternating the app as built (digest first, GeoJSON after) with the GeoJSON alone (no digest
        // deployed: the app's fallback and the previous design), each in a fresh tab.
        const loads: Load[] = [];
        const geojsonOnlyLoads: Load[] = [];
        for (let k = 0; k < loadRuns; k++) {
          current = { ...files, digest: null };
          const alone = await openPage();
          geojsonOnlyLoads.push(alone.load);
          await alone.page.close();
          current = files;
          const built = await openPage();
          loads.push(built.load);
          await built.page.close();
        }
        current = files;
        const { page, load } = await openPage();
        // Changes are timed once the full incidents have loaded behind the first render (steady state).
        await page.evaluate(`${bench}.settled()`);

        const app = new Map<string, { ms: number[]; list: number[]; longest: number; matched: number[] }>();
        for (const change of changes) {
          if (change.untimedBefore) {
            const before = change.untimedBefore;
            await page.evaluate(`${bench}.change(${JSON.stringify(hrefOf(before))}, ${expectedOf(before)})`);
          }
          const expected = expectedOf(change.filters);
          const r = (await page.evaluate(
            `${bench}.change(${JSON.stringify(hrefOf(change.filters))}, ${expected})`,
          )) as Awaited<ReturnType<PageBench["change"]>>;
          const entry = app.get(change.scenario) ?? { ms: [], list: [], longest: 0, matched: [] };
          entry.ms.push(r.ms);
          entry.list.push(r.listMs);
          entry.longest = Math.max(entry.longest, r.longestTask);
          entry.matched.push(expected);
          app.set(change.scenario, entry);
        }

        // The simplest alternative, on the same page and map, after the app's own changes.
        await page.evaluate(`${bench}.naiveSetup()`);
        const naive = new Map<string, number[]>();
        for (const change of changes) {
          if (change.untimedBefore) {
            const before = change.untimedBefore;
            await page.evaluate(`${bench}.naiveChange(${JSON.stringify(before)}, ${expectedOf(before)})`);
          }
          const expected = expectedOf(change.filters);
          const r = (await page.evaluate(
            `${bench}.naiveChange(${JSON.stringify(change.filters)}, ${expected})`,
          )) as Awaited<ReturnType<PageBench["naiveChange"]>>;
          if (r.matched !== expected) errors.push(`naive ${change.scenario}: ${r.matched} ≠ ${expected}`);
          naive.set(change.scenario, [...(naive.get(change.scenario) ?? []), r.ms]);
        }
        if (errors.length > 0) console.warn(`N=${n}: ${errors.join("; ")}`);

        const scenarios: BrowserScenario[] = [...app].map(([scenario, entry]) => {
          const naiveTimes = naive.get(scenario) ?? [];
          const appMs = median(entry.ms);
          const naiveMs = naiveTimes.length > 0 ? median(naiveTimes) : null;
          return {
            scenario,
            appMs,
            listMs: median(entry.list),
            naiveMs,
            ratio: naiveMs === null ? null : naiveMs / appMs,
            longestTaskMs: entry.longest,
            matched: median(entry.matched),
            runs: entry.ms.length,
          };
        });
        results.push({
          n,
          fileMB,
          digestMB,
          loadMs: median(loads.map((l) => l.ms)),
          loadLongestTaskMs: median(loads.map((l) => l.longestTask)),
          loadTasksOver50: median(loads.map((l) => l.tasksOver50)),
          geojsonOnlyLoadMs: median(geojsonOnlyLoads.map((l) => l.ms)),
          geojsonOnlyLongestTaskMs: median(geojsonOnlyLoads.map((l) => l.longestTask)),
          listDomRows: load.domRows,
          scenarios,
          allChangesMs: median([...app.values()].flatMap((e) => e.ms)),
          naiveAllChangesMs: median([...naive.values()].flat()),
        });
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  return results;
}
