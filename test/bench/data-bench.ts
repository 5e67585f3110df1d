/**
 * npm run bench:data — generates valid sheets of 100k and 1M incidents (one claim each) and times the whole
 * check + build (read, parse, validate with point-in-polygon, derive, sort, stream the GeoJSON to disk).
 * Each size runs in a fresh child process so peak memory is that run's own (all threads: VmHWM is the process's).
 * Each size runs twice: as data:check/data:build run it (from about 200k rows, claims.csv and the end of incidents.csv
 * read on a helper thread; from 16 MB of output, the output written by another), then on one thread ("(1 thread)"),
 * so the gain is a ratio measured in the same run. Memory is in MiB (2^20 bytes). Prints, per size: parse (PapaParse
 * plus reading the files), validate+derive (rules, references, governorate and position, storing), sort, write,
 * total rows/s and peak RSS (VmHWM, cross-checked by sampling RSS every 50 ms); and the load average, since other
 * processes on the machine skew the wall-clock figures. Also "check only": what `data:check` does (everything but
 * the write), in seconds and rows/s: the full build can never beat the time it takes just to write its output
 * (1.4 GB at 1M), so this shows how far the checking itself is from the target. CPU seconds of the check and of
 * the write are printed apart too: on a busy machine they move much less than wall-clock time. Last, "+ digest":
 * what data:build does after the GeoJSON (the app's first-render digest, read back from the file), timed apart
 * and not in rows/s, with the peak memory including it. Writes the figures to test/bench/results/data-bench.json.
 * Asserts nothing.
 *   npm run bench:data            # 100k and 1M
 *   npm run bench:data -- 20000   # other sizes
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { EVENT_TYPE_IDS } from "../../src/core/vocabulary.ts";
import { collectGarbage } from "../../src/pipeline/node/collect-garbage.ts";
import { buildFromDir } from "../../src/pipeline/node/load.ts";
import { writeDigest } from "../../src/pipeline/node/write-digest.ts";
import { writeGeojson } from "../../src/pipeline/node/write-geojson.ts";

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
  writeMs: number;
  totalMs: number;
  /** buildFromDir alone, i.e. data:check: read, parse, validate, derive, sort. */
  checkMs: number;
  cpuMs: number;
  checkCpuMs: number;
  peakRssMb: number;
  sampledPeakRssMb: number;
  outMb: number;
  /** What `data:build` does after the GeoJSON: the app's first-render digest, read back from the file. */
  digestMs: number;
  digestMb: number;
  /** Peak RSS including the digest step. */
  peakWithDigestMb: number;
}

/** Peak resident memory of this process so far (Linux VmHWM), in MB; maxRSS where /proc is missing. */
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

/** Child process: one check + build of `dir`, then its figures as JSON on stdout. */
function runOnce(dir: string, threads: "auto" | 1): void {
  const out = join(dir, "incidents.geojson");
  // The build in a function of its own, as the CLI does it: its memory can be collected before the digest.
  const build = buildAndWrite(dir, out, threads);
  const peakBuild = peakRssMb();
  const t2 = performance.now();
  // As the CLI does it (cli.ts): the build's memory is freed before the digest is made.
  collectGarbage();
  const digest = writeDigest(out);
  const t3 = performance.now();
  const figures: RunFigures = {
    ...build,
    peakRssMb: peakBuild,
    outMb: statSync(out).size / 2 ** 20,
    digestMs: t3 - t2,
    digestMb: digest.bytes / 2 ** 20,
    peakWithDigestMb: peakRssMb(),
  };
  process.stdout.write(JSON.stringify(figures));
}

/** The check and the GeoJSON write of one run, timed; keeps nothing of the build but its figures. */
function buildAndWrite(
  dir: string,
  out: string,
  threads: "auto" | 1,
): Omit<RunFigures, "peakRssMb" | "outMb" | "digestMs" | "digestMb" | "peakWithDigestMb"> {
  let sampled = 0;
  const sample = () => {
    sampled = Math.max(sampled, process.memoryUsage.rss() / 2 ** 20);
  };
  // The build is synchronous, so the timer only fires between steps; VmHWM is the exact figure.
  const timer = setInterval(sample, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = buildFromDir(dir, { today: "2026-01-01", threads });
  sample();
  const t1 = performance.now();
  const checkCpu = process.cpuUsage(cpu0);
  if (!result.output) throw new Error(`benchmark sheets have errors: ${result.errors.length}`);
  writeGeojson(out, result.output, { thread: threads === "auto" });
  const t2 = performance.now();
  sample();
  clearInterval(timer);
  const cpu = process.cpuUsage(cpu0);
  return {
    incidents: result.counts.incidents,
    ...result.timings,
    writeMs: t2 - t1,
    totalMs: t2 - t0,
    checkMs: t1 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    checkCpuMs: (checkCpu.user + checkCpu.system) / 1000,
    sampledPeakRssMb: sampled,
  };
}

if (process.argv[2] === "--run") {
  runOnce(process.argv[3] as string, process.argv[4] === "1" ? 1 : "auto");
} else if (process.argv[2] === "--generate") {
  generate(process.argv[3] as string, Number(process.argv[4]));
} else {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const load = () => loadavg().map((l) => l.toFixed(2));
  console.log(`load average before: ${load().join(" ")} (${cpus().length} CPUs)`);
  console.log(
    "size\trows (all sheets)\tparse s\tvalidate+derive s\tsort s\twrite s\ttotal s\trows/s\tcheck only s\tcheck rows/s\tCPU s (check + write)\tpeak RSS MiB\toutput MiB\t+ digest s (MiB, peak MiB)",
  );
  const runs: (RunFigures & {
    size: number;
    rows: number;
    rowsPerSecond: number;
    checkRowsPerSecond: number;
    loadBefore: string[];
  })[] = [];
  for (const n of SIZES.length > 0 ? SIZES : [100_000, 1_000_000]) {
    const dir = mkdtempSync(join(tmpdir(), "atlas-bench-"));
    try {
      const rows = generate(dir, n);
      // The default build (helper threads), then the same sheets on one thread, for the ratio: same run, same load.
      for (const threads of ["auto", "1"] as const) {
        const loadBefore = load();
        const child = spawnSync(
          process.execPath,
          [...process.execArgv, import.meta.filename, "--run", dir, threads],
          { encoding: "utf8", maxBuffer: 1 << 20 },
        );
        if (child.status !== 0) throw new Error(child.stderr);
        const f = JSON.parse(child.stdout) as RunFigures;
        const rowsPerSecond = Math.round(rows / (f.totalMs / 1000));
        const checkRowsPerSecond = Math.round(rows / (f.checkMs / 1000));
        runs.push({ size: n, rows, rowsPerSecond, checkRowsPerSecond, loadBefore, ...f });
        console.log(
          [
            `${n.toLocaleString("en")}${threads === "1" ? " (1 thread)" : f.threads === 1 ? " (default: too small for the helper)" : ` (default: ${f.incidentParts} parts on the helper)`}`,
            rows.toLocaleString("en"),
            `${s(f.readMs + f.parseMs)} (read ${s(f.readMs)} + Papa ${s(f.parseMs)})`,
            s(f.validateMs),
            s(f.sortMs),
            s(f.writeMs),
            s(f.totalMs),
            rowsPerSecond.toLocaleString("en"),
            s(f.checkMs),
            checkRowsPerSecond.toLocaleString("en"),
            `${s(f.cpuMs)} (${s(f.checkCpuMs)} + ${s(f.cpuMs - f.checkCpuMs)})`,
            `${Math.round(f.peakRssMb)} (sampled ${Math.round(f.sampledPeakRssMb)})`,
            Math.round(f.outMb),
            `${s(f.digestMs)} (${Math.round(f.digestMb)} MiB, peak ${Math.round(f.peakWithDigestMb)})`,
          ].join("\t"),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`load average after: ${load().join(" ")}`);
  mkdirSync("test/bench/results", { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAfter: load(), runs }, null, 2)}\n`,
  );
  console.log(`figures written to ${RESULTS}`);
}
