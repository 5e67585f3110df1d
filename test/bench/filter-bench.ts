import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { fixed, formatTable } from "./bench-stats";
import { runNodeFilterBench } from "./node-filter-bench";

/**
 * `npm run bench`: prints the filter figures at N = 1k, 10k, 100k and writes them to
 * test/bench/results/filter-bench.json. Asserts nothing about time.
 *
 * Parts: `node` (this file's only part so far) times the pure filter in Node. A browser part (built app in
 * Chromium, change → paint) belongs in its own file in test/bench/ and adds a `browser` key to the JSON here.
 *
 * Options: BENCH_SIZES=1000,10000 (comma-separated), BENCH_RUNS=30.
 */

const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const runs = Math.max(30, Number(process.env.BENCH_RUNS ?? 30));

console.log(
  `filter benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, median of ${runs} runs`,
);
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

const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });
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
