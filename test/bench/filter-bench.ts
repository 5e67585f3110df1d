import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { fixed, formatTable } from "./bench-stats.ts";
import { benchSizes, formatBrowserResults, runBrowserBench } from "./browser-bench.ts";
import { runNodeFilterBench } from "./node-filter-bench.ts";

/**
 * `npm run bench`: prints the filter figures at N = 1k, 10k, 100k (and 1M with BENCH_MAX=1000000) and writes
 * them to test/bench/results/filter-bench.json. Asserts nothing about time.
 *
 * Parts: `node` times the pure filter in Node (node-filter-bench.ts); `browser` runs the built app in headless
 * Chromium over the incident table (browser-bench.ts: load, filter change → paint, pan/zoom → paint, the naive
 * clustered GeoJSON alternative) and writes test/bench/results/browser-bench.json.
 *
 * Options: BENCH_MAX=100000 (largest N; 1000000 adds N = 1M), BENCH_SIZES=1000,10000 (comma-separated, still
 * capped by BENCH_MAX), BENCH_RUNS=30, BENCH_BROWSER_RUNS=7, BENCH_LOAD_RUNS=3 (fresh-tab page loads per N),
 * BENCH_PARTS=node,browser.
 */

const sizes = benchSizes();
const runs = Math.max(30, Number(process.env.BENCH_RUNS ?? 30));
const browserRuns = Math.max(3, Number(process.env.BENCH_BROWSER_RUNS ?? 7));
const parts = (process.env.BENCH_PARTS ?? "node,browser").split(",");
const loadRuns = Math.max(1, Number(process.env.BENCH_LOAD_RUNS ?? 3));
const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });

console.log(
  `filter benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, median of ${runs} runs`,
);
if (parts.includes("node")) {
  const node = runNodeFilterBench(sizes, runs);
  console.log(
    formatTable(
      ["N", "scenario", "index ms", "features.filter ms", "ratio", "matched"],
      node.map((r) => [
        r.n,
        r.scenario,
        fixed(r.indexMs),
        r.naiveMs === null ? "" : fixed(r.naiveMs),
        r.ratio === null ? "" : `${r.ratio.toFixed(1)}×`,
        r.matched,
      ]),
    ),
  );

  const file = `${resultsDir}filter-bench.json`;
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        runs,
        results: { node },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${file}`);
}

if (parts.includes("browser")) {
  const browser = await runBrowserBench(sizes, browserRuns, loadRuns);
  console.log(
    `\nbrowser benchmark: built app in headless Chromium (SwiftShader), medians of ${loadRuns} loads and ${browserRuns}+ changes`,
  );
  console.log(formatBrowserResults(browser));
  const file = `${resultsDir}browser-bench.json`;
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        loadavg: loadavg(),
        runs: browserRuns,
        results: browser,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${file}`);
}
