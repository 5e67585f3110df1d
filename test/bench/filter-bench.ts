import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { fixed, formatTable } from "./bench-stats.ts";
import { runBrowserBench } from "./browser-bench.ts";
import { runNodeFilterBench } from "./node-filter-bench.ts";

/**
 * `npm run bench`: prints the filter figures at N = 1k, 10k, 100k and writes them to
 * test/bench/results/filter-bench.json. Asserts nothing about time.
 *
 * Parts: `node` times the pure filter in Node (node-filter-bench.ts); `browser` runs the built app in headless
 * Chromium (browser-bench.ts: load, change → paint, the naive alternative) and writes
 * test/bench/results/browser-bench.json.
 *
 * Options: BENCH_SIZES=1000,10000 (comma-separated), BENCH_RUNS=30, BENCH_BROWSER_RUNS=7,
 * BENCH_LOAD_RUNS=3 (page loads per N, each with and without the digest), BENCH_PARTS=node,browser.
 */

const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
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
    `\nbrowser benchmark: built app in headless Chromium (SwiftShader), median of ${browserRuns}+ changes`,
  );
  console.log(
    formatTable(
      [
        "N",
        "GeoJSON MB",
        "digest MB",
        "load → render ms",
        "longest load task ms",
        "load tasks > 50 ms",
        "GeoJSON-only load ms",
        "its longest task ms",
        "speed-up",
        "list DOM rows",
      ],
      browser.map((r) => [
        r.n,
        r.fileMB.toFixed(1),
        r.digestMB.toFixed(1),
        r.loadMs.toFixed(0),
        r.loadLongestTaskMs.toFixed(0),
        r.loadTasksOver50,
        r.geojsonOnlyLoadMs.toFixed(0),
        r.geojsonOnlyLongestTaskMs.toFixed(0),
        `${(r.geojsonOnlyLoadMs / r.loadMs).toFixed(1)}×`,
        r.listDomRows,
      ]),
    ),
  );
  console.log("");
  console.log(
    formatTable(
      [
        "N",
        "change",
        "count+list ms",
        "→ map painted ms",
        "naive setData ms",
        "naive/app",
        "longest task ms",
        "matched",
      ],
      browser.flatMap((r) => [
        ...r.scenarios.map((s) => [
          r.n,
          s.scenario,
          s.listMs.toFixed(0),
          s.appMs.toFixed(0),
          s.naiveMs === null ? "" : s.naiveMs.toFixed(0),
          s.ratio === null ? "" : `${s.ratio.toFixed(1)}×`,
          s.longestTaskMs.toFixed(0),
          s.matched,
        ]),
        [
          r.n,
          "all changes",
          "",
          r.allChangesMs.toFixed(0),
          r.naiveAllChangesMs.toFixed(0),
          `${(r.naiveAllChangesMs / r.allChangesMs).toFixed(1)}×`,
          "",
          "",
        ],
      ]),
    ),
  );
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
