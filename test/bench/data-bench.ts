/**
 * npm run bench:data — generates valid sheets of 1k, 10k, 100k and 1M incidents (one claim each) and measures
 * `data:check` and `data:build` two ways:
 * - end to end, as a maintainer runs them: `/usr/bin/time -v npx tsx src/pipeline/node/cli.ts check|build …`, from
 *   process start to exit, every file written; rows/s over all the sheets' rows, and the peak RSS that time -v
 *   reports (the largest process of the tree: npx, tsx's loader and the build itself);
 * - in process, the breakdown beside it (in a fresh child process per size, so peak memory is that run's own):
 *   parse (PapaParse plus reading the files), validate+derive, sort (made when the output is first written, so
 *   inside the GeoJSON write alone; a check pays none), the GeoJSON write alone, then the GeoJSON and
 *   the incident table written in one pass as data:build does (columns, shards, ids, search index; the table's
 *   share is that pass less the GeoJSON alone), each in its own column, peak RSS (VmHWM).
 * Then the size of every artifact, raw and gzip-compressed (level 6, as static hosts commonly serve): the GeoJSON,
 * table.json, table.bin, ids.json, one shard, all shards (each compressed on its own, as served), the search files,
 * and "before first render": table.json + table.bin + the first shard. Last, the median time to JSON.parse one shard
 * (the CPU part of opening an incident). The import column: an ACLED-format export of n rows → the five sheets
 * (test/bench/import-bench.ts: the export read, mapped, merged and the sheets written, then the check data:import
 * runs on them timed apart). Memory is in MiB (2^20 bytes), sizes in MB (10^6 bytes). Prints the load
 * average, since other processes on the machine skew wall-clock figures. Writes the figures to
 * test/bench/results/data-bench.json. Asserts nothing.
 *   npm run bench:data                 # 1k, 10k, 100k and 1M
 *   npm run bench:data -- 20000        # other sizes
 *   BENCH_ONE_THREAD=1 npm run bench:data -- 100000   # also the in-process build on one thread, for the ratio
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync as readSyncFs,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { TABLE_FILES } from "../../src/core/incident-table.ts";
import { EVENT_TYPE_IDS } from "../../src/core/vocabulary.ts";
import { buildFromDir } from "../../src/pipeline/node/load.ts";
import { writeGeojson } from "../../src/pipeline/node/write-geojson.ts";
import { tableDirOf, writeGeojsonAndTable } from "../../src/pipeline/node/write-table.ts";
import { benchImport } from "./import-bench.ts";

const SIZES = process.argv
  .slice(2)
  .filter((a) => /^\d+$/.test(a))
  .map(Number);
const RESULTS = "test/bench/results/data-bench.json";

// Deterministic pseudo-random numbers, so every run benchmarks the same sheets.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(dir: string, n: number): number {
  const rnd = random(42);
  const towns = JSON.parse(readFileSync("data/reference/towns.geojson", "utf8")).features as {
    properties: { name_en: string; name_ar: string };
    geometry: { coordinates: [number, number] };
  }[];
  const places: string[] = ["id,name_en,name_ar,aliases,lat,lon,kind,governorate,coord_source"];
  const placeIds: string[] = [];
  const placePoints: [number, number][] = [];
  for (let i = 0; i < 300; i++) {
    const t = towns[i % towns.length];
    if (!t) break;
    const [lon, lat] = t.geometry.coordinates;
    const p: [number, number] = [lon + (rnd() - 0.5) * 0.1, lat + (rnd() - 0.5) * 0.1];
    placeIds.push(`place-${i}`);
    placePoints.push(p);
    places.push(
      `place-${i},${t.properties.name_en} ${i},${t.properties.name_ar} ${i},,${p[1].toFixed(4)},${p[0].toFixed(4)},village,,bench`,
    );
  }
  const actors = ["id,name_en,name_ar,aliases,kind,parent,color"];
  for (let i = 0; i < 20; i++)
    actors.push(
      `actor-${i},Actor ${i},فاعل ${i},A${i};ف${i},armed-group,,#${String(100000 + i * 4321).slice(0, 6)}`,
    );
  const sources = [
    "id,outlet_en,outlet_ar,published,published_precision,language,url,affiliation_en,affiliation_ar,file",
  ];
  for (let i = 0; i < 200; i++)
    sources.push(
      `src-${i},Outlet ${i},منفذ ${i},2024-0${1 + (i % 9)}-1${i % 10},day,ar,https://example.org/${i},,,`,
    );

  // The two big sheets are streamed to disk so the generator itself stays small.
  const incidents = new LineWriter(join(dir, "incidents.csv"));
  incidents.push(
    "id,title_en,title_ar,summary_en,summary_ar,date_start,date_end,date_precision,place,lat,lon,location_precision,radius_km,event_type,perpetrators,targets",
  );
  const claims = new LineWriter(join(dir, "claims.csv"));
  claims.push("id,incident,claimant,source,stance,claim_en,claim_ar,killed,injured,captured");
  for (let i = 0; i < n; i++) {
    const pi = Math.floor(rnd() * placeIds.length);
    const year = 2015 + Math.floor(rnd() * 10);
    const month = String(1 + Math.floor(rnd() * 12)).padStart(2, "0");
    const day = String(1 + Math.floor(rnd() * 28)).padStart(2, "0");
    const override = rnd() < 0.1;
    const pt = placePoints[pi] as [number, number];
    const lat = override ? (pt[1] + (rnd() - 0.5) * 0.05).toFixed(4) : "";
    const lon = override ? (pt[0] + (rnd() - 0.5) * 0.05).toFixed(4) : "";
    const type = EVENT_TYPE_IDS[i % EVENT_TYPE_IDS.length];
    const a = i % 20;
    incidents.push(
      `inc-${i},Incident ${i} near place ${pi},حادثة ${i} قرب الموقع ${pi},Synthetic incident for the benchmark.,حادثة مصطنعة لقياس الأداء.,${year}-${month}-${day},,day,${placeIds[pi]},${lat},${lon},village,2,${type},actor-${a},actor-${(a + 1) % 20}`,
    );
    claims.push(
      `claim-${i},inc-${i},actor-${(a + 2) % 20},src-${i % 200},${i % 7 === 0 ? "disputes" : "asserts"},Actor says it happened.,يقول الفاعل إنه حدث.,${i % 5},,`,
    );
  }
  writeFileSync(join(dir, "places.csv"), `${places.join("\n")}\n`);
  writeFileSync(join(dir, "actors.csv"), `${actors.join("\n")}\n`);
  writeFileSync(join(dir, "sources.csv"), `${sources.join("\n")}\n`);
  incidents.close();
  claims.close();
  return places.length + actors.length + sources.length + incidents.length + claims.length - 5;
}

class LineWriter {
  private fd: number;
  private batch = "";
  length = 0;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  push(line: string): void {
    this.batch += `${line}\n`;
    this.length++;
    if (this.batch.length > 1 << 20) this.flush();
  }

  private flush(): void {
    writeSync(this.fd, this.batch);
    this.batch = "";
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

interface RunFigures {
  incidents: number;
  /** 2 when claims.csv or part of incidents.csv was read on a helper thread. */
  threads: number;
  /** Stretches of incidents.csv read on the helper thread. */
  incidentParts: number;
  readMs: number;
  parseMs: number;
  validateMs: number;
  sortMs: number;
  /** buildFromDir alone, i.e. data:check: read, parse, validate, derive, sort. */
  checkMs: number;
  /** Writing incidents.geojson alone. */
  geojsonMs: number;
  /** Writing incidents.geojson and the incident table in one pass, as data:build does. */
  buildWriteMs: number;
  /** The table's share: buildWriteMs − geojsonMs. */
  tableMs: number;
  totalMs: number;
  peakRssMb: number;
}

/** Peak resident memory of this process so far (Linux VmHWM), in MiB; maxRSS where /proc is missing. */
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

/** Child process: what data:build does, timed step by step, then its figures as JSON on stdout. */
function runOnce(dir: string, threads: "auto" | 1): void {
  const out = join(dir, "in-process", "incidents.geojson");
  const t0 = performance.now();
  const result = buildFromDir(dir, { today: "2026-01-01", threads });
  const t1 = performance.now();
  if (!result.output) throw new Error(`benchmark sheets have errors: ${result.errors.length}`);
  writeGeojson(out, result.output, { thread: threads === "auto" });
  const t2 = performance.now();
  writeGeojsonAndTable(out, result.output, { thread: threads === "auto" });
  const t3 = performance.now();
  // The sort is made once, in the first write: data:build pays it once, in its one write.
  const { sortMs } = result.timings;
  const figures: RunFigures = {
    incidents: result.counts.incidents,
    ...result.timings,
    checkMs: t1 - t0,
    geojsonMs: t2 - t1,
    buildWriteMs: t3 - t2 + sortMs,
    tableMs: t3 - t2 - (t2 - t1 - sortMs),
    totalMs: t1 - t0 + (t3 - t2) + sortMs,
    peakRssMb: peakRssMb(),
  };
  process.stdout.write(JSON.stringify(figures));
}

interface EndToEnd {
  wallMs: number;
  peakRssMb: number;
}

/** `npx tsx src/pipeline/node/cli.ts …args` under /usr/bin/time -v: wall time from spawn to exit, and peak RSS. */
function endToEnd(args: string[]): EndToEnd {
  const t0 = performance.now();
  const child = spawnSync("/usr/bin/time", ["-v", "npx", "tsx", "src/pipeline/node/cli.ts", ...args], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) throw new Error(`cli.ts ${args.join(" ")} failed:\n${child.stderr.slice(-4000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  return { wallMs, peakRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

interface Size {
  raw: number;
  gzip: number;
}

const gzipSize = (bytes: Uint8Array) => gzipSync(bytes, { level: 6 }).length;

/** Sizes of the artifacts in the table folder beside `geojson` (and of the GeoJSON), raw and gzip. */
function artifactSizes(geojson: string): Record<string, Size> {
  const dir = tableDirOf(geojson);
  const names = readdirSync(dir);
  const size = (...files: string[]): Size => {
    let raw = 0;
    let gzip = 0;
    for (const name of files) {
      const bytes = readFileSync(join(dir, name));
      raw += bytes.length;
      gzip += gzipSize(bytes);
    }
    return { raw, gzip };
  };
  const shards = names.filter((n) => /^shard-\d+\.json$/.test(n));
  const buckets = names.filter((n) => /^search-\d+\.bin$/.test(n));
  const sizes: Record<string, Size> = {
    "table.json": size(TABLE_FILES.header),
    "table.bin": size(TABLE_FILES.columns),
    "relations.bin": size(TABLE_FILES.relations),
    "ids.json": size(TABLE_FILES.ids),
    "one shard (shard-0)": size(TABLE_FILES.shard(0)),
    [`all shards (${shards.length})`]: size(...shards),
    "search-tokens.txt": size(TABLE_FILES.searchTokens),
    "search-offsets.bin": size(TABLE_FILES.searchOffsets),
    [`search buckets (${buckets.length})`]: size(...buckets),
    "before first render": size(TABLE_FILES.header, TABLE_FILES.columns, TABLE_FILES.shard(0)),
  };
  // The GeoJSON, compressed a stream at a time: at the largest sizes it does not fit in one buffer.
  const raw = statSync(geojson).size;
  sizes["incidents.geojson"] = { raw, gzip: gzipFileSize(geojson) };
  return sizes;
}

function gzipFileSize(path: string): number {
  const fd = openSync(path, "r");
  const chunk = Buffer.allocUnsafe(16 << 20);
  let total = 0;
  try {
    // Pieces compressed apart: gzip's window is far smaller than a piece, so the sum matches the whole file's.
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) total += gzipSize(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return total;
}

function readSync(fd: number, into: Buffer): number {
  return readSyncFs(fd, into, 0, into.length, null);
}

/** Median milliseconds to JSON.parse one shard (a few shards, from the middle of the table). */
function shardParseMs(geojson: string): number {
  const dir = tableDirOf(geojson);
  const shards = readdirSync(dir).filter((n) => /^shard-\d+\.json$/.test(n)).length;
  const times: number[] = [];
  for (let k = 0; k < 15; k++) {
    const text = readFileSync(join(dir, TABLE_FILES.shard(Math.floor((shards * k) / 15))), "utf8");
    const t0 = performance.now();
    JSON.parse(text);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

if (process.argv[2] === "--run") {
  runOnce(process.argv[3] as string, process.argv[4] === "1" ? 1 : "auto");
} else if (process.argv[2] === "--generate") {
  generate(process.argv[3] as string, Number(process.argv[4]));
} else {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const mb = (bytes: number) => (bytes / 1e6 >= 10 ? (bytes / 1e6).toFixed(0) : (bytes / 1e6).toFixed(2));
  const count = (n: number) => Math.round(n).toLocaleString("en");
  const load = () => loadavg().map((l) => l.toFixed(2));
  console.log(`load average before: ${load().join(" ")} (${cpus().length} CPUs)`);
  const sizes = SIZES.length > 0 ? SIZES : [1_000, 10_000, 100_000, 1_000_000];
  const runs: Record<string, unknown>[] = [];
  const table: string[][] = [];
  const sizeTable: string[][] = [];
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "atlas-bench-"));
    try {
      const rows = generate(dir, n);
      const loadBefore = load();
      const check = endToEnd(["check", dir]);
      const geojson = join(dir, "out", "incidents.geojson");
      const build = endToEnd(["build", dir, geojson]);
      const inProcess: [string, RunFigures][] = [];
      for (const threads of process.env.BENCH_ONE_THREAD ? (["auto", "1"] as const) : (["auto"] as const)) {
        const child = spawnSync(
          process.execPath,
          [...process.execArgv, import.meta.filename, "--run", dir, threads],
          { encoding: "utf8", maxBuffer: 1 << 20 },
        );
        if (child.status !== 0) throw new Error(child.stderr);
        inProcess.push([threads, JSON.parse(child.stdout) as RunFigures]);
      }
      const artifacts = artifactSizes(geojson);
      const parseMs = shardParseMs(geojson);
      const imported = benchImport(n);
      runs.push({
        size: n,
        rows,
        loadBefore,
        check,
        build,
        inProcess,
        artifacts,
        shardParseMs: parseMs,
        imported,
      });
      for (const [threads, f] of inProcess) {
        table.push([
          `${n.toLocaleString("en")}${threads === "1" ? " (1 thread)" : ""}`,
          count(rows),
          threads === "1"
            ? ""
            : `${s(check.wallMs)} (${count(rows / (check.wallMs / 1000))}/s, ${Math.round(check.peakRssMb)} MiB)`,
          threads === "1"
            ? ""
            : `${s(build.wallMs)} (${count(rows / (build.wallMs / 1000))}/s, ${Math.round(build.peakRssMb)} MiB)`,
          `${s(f.readMs + f.parseMs)}`,
          s(f.validateMs),
          s(f.sortMs),
          s(f.checkMs),
          s(f.geojsonMs),
          s(f.buildWriteMs),
          s(f.tableMs),
          s(f.totalMs),
          count(rows / (f.totalMs / 1000)),
          String(Math.round(f.peakRssMb)),
          threads === "1"
            ? ""
            : `${s(imported.ms)} (${count(imported.rows / (imported.ms / 1000))}/s, ` +
              `CPU ${count(imported.rows / (imported.cpuMs / 1000))}/s, ${Math.round(imported.peakRssMb)} MiB); ` +
              `check of the merged sheets ${s(imported.checkMs)} (${Math.round(imported.checkPeakRssMb)} MiB)`,
        ]);
      }
      for (const [name, size] of Object.entries(artifacts)) {
        sizeTable.push([n.toLocaleString("en"), name, mb(size.raw), mb(size.gzip)]);
      }
      sizeTable.push([n.toLocaleString("en"), "JSON.parse of one shard, median ms", parseMs.toFixed(1), ""]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    [
      "size",
      "rows (all sheets)",
      "data:check end to end s (rows/s, peak RSS)",
      "data:build end to end s (rows/s, peak RSS)",
      "in process: parse s",
      "validate+derive s",
      "sort s",
      "check s",
      "GeoJSON write alone s",
      "GeoJSON + table write s",
      "table's share s",
      "total (check + GeoJSON and table) s",
      "rows/s",
      "peak RSS MiB",
      "import: n ACLED rows → sheets s (rows/s, peak RSS); then data:import's check",
    ].join("\t"),
  );
  for (const row of table) console.log(row.join("\t"));
  console.log(["size", "artifact", "raw MB", "gzip MB"].join("\t"));
  for (const row of sizeTable) console.log(row.join("\t"));
  console.log(`load average after: ${load().join(" ")}`);
  mkdirSync("test/bench/results", { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAfter: load(), runs }, null, 2)}\n`,
  );
  console.log(`figures written to ${RESULTS}`);
}
