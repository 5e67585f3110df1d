/**
 * The import column of `npm run bench:data`: generates an ACLED-format export of n rows and times its import into
 * a copy of the import fixture's curated sheets, as `data:import` does it: the export read a block at a time,
 * mapped, merged and written as the five sheets (`importInto` with the staged sheets, then moved into place), in
 * a fresh child process so its peak memory (VmHWM) is the import's own. The check `data:import` runs on the
 * merged sheets before moving them is data:check's work, and is timed apart (checkMs). Alone:
 *   npx tsx test/bench/import-bench.ts 100000
 */
import { spawnSync } from "node:child_process";
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importInto } from "../../src/pipeline/import/index.ts";
import { fileText, StagedSheets } from "../../src/pipeline/node/import-files.ts";
import { buildFromDir, loadReference } from "../../src/pipeline/node/load.ts";
import { createLocator } from "../../src/pipeline/stages/locator.ts";

const CURATED = join(import.meta.dirname, "../fixtures/import/sheets");
const HEADER =
  "event_id_cnty,event_date,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,actor2," +
  "assoc_actor_2,civilian_targeting,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source," +
  "source_scale,notes,fatalities,tags,timestamp";
const SUB_TYPES: readonly [string, string][] = [
  ["Battles", "Armed clash"],
  ["Explosions/Remote violence", "Air/drone strike"],
  ["Explosions/Remote violence", "Shelling/artillery/missile attack"],
  ["Explosions/Remote violence", "Remote explosive/landmine/IED"],
  ["Violence against civilians", "Attack"],
  ["Strategic developments", "Arrests"],
  ["Protests", "Peaceful protest"],
];

export interface ImportFigures {
  rows: number;
  events: number;
  ms: number;
  /** CPU time of the import (user + system), which a loaded machine's wall clock overstates. */
  cpuMs: number;
  peakRssMb: number;
  /** The check of the merged sheets that data:import runs before moving them into place. */
  checkMs: number;
  /** Peak RSS with that check. */
  checkPeakRssMb: number;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Writes an ACLED-format CSV of n rows (400 actors, 2,000 places in north-east Syria), returns its path. */
function generateAcled(dir: string, n: number): string {
  const rnd = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const actors = Array.from({ length: 400 }, (_, i) => `Armed Group ${i} (Syria)`);
  const places = Array.from({ length: 2000 }, (_, i) => ({
    name: `Village ${i}`,
    lat: (35.3 + rnd() * 1.5).toFixed(4),
    lon: (38.3 + rnd() * 3).toFixed(4),
  }));
  const path = join(dir, "acled.csv");
  const fd = openSync(path, "w");
  let chunk = `${HEADER}\n`;
  for (let i = 0; i < n; i++) {
    const [type, sub] = pick(SUB_TYPES);
    const place = pick(places);
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 3650) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    chunk +=
      `SYR${i + 1},${day},${1 + Math.floor(rnd() * 3)},Political violence,${type},${sub},${pick(actors)},` +
      `${rnd() < 0.3 ? `${pick(actors)}; ${pick(actors)}` : ""},${pick(actors)},,,Syria,Al-Hasakeh,Al-Hasakeh,,` +
      `${place.name},${place.lat},${place.lon},${1 + Math.floor(rnd() * 3)},"Outlet A, local; Outlet B",National,` +
      `Generated row.,${Math.floor(rnd() * 10)},,1709856000\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return path;
}

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** Child process: one timed import into a copy of the curated sheets, its figures as JSON on stdout. */
function runImport(file: string): void {
  const data = mkdtempSync(join(tmpdir(), "atlas-import-sheets-"));
  try {
    cpSync(CURATED, data, { recursive: true });
    const locator = createLocator(loadReference());
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const staged = new StagedSheets(data);
    const result = importInto(
      fileText(file),
      staged,
      {
        dataset: "acled",
        file: "acled.csv",
        country: "Syria",
        since: null,
        today: "2026-01-01",
        inRegion: (lon, lat) => locator.inRegion(lon, lat),
      },
      "changed",
    );
    staged.commit();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const importPeak = peakRssMb();
    const t1 = performance.now();
    const checked = buildFromDir(data, { today: "2026-01-01", makeOutput: false });
    const checkMs = performance.now() - t1;
    if (checked.errors.length > 0)
      throw new Error(`the imported sheets have ${checked.errors.length} errors`);
    const figures: ImportFigures = {
      rows: result.counts.rows,
      events: result.counts.events,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: importPeak,
      checkMs,
      checkPeakRssMb: peakRssMb(),
    };
    process.stdout.write(JSON.stringify(figures));
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

/** Generates an n-row ACLED export and imports it in a fresh child process. */
export function benchImport(n: number): ImportFigures {
  const dir = mkdtempSync(join(tmpdir(), "atlas-import-bench-"));
  try {
    const file = generateAcled(dir, n);
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--run", file], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout) as ImportFigures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const [flag, arg] = process.argv.slice(2);
  if (flag === "--run" && arg) runImport(arg);
  else {
    const sizes = process.argv
      .slice(2)
      .filter((a) => /^\d+$/.test(a))
      .map(Number);
    for (const n of sizes.length > 0 ? sizes : [100_000]) {
      const f = benchImport(n);
      console.log(
        `${n.toLocaleString("en")} ACLED rows → sheets: ${(f.ms / 1000).toFixed(2)} s, ` +
          `${Math.round(f.rows / (f.ms / 1000)).toLocaleString("en")} rows/s (CPU time: ` +
          `${Math.round(f.rows / (f.cpuMs / 1000)).toLocaleString("en")} rows/s), ` +
          `${f.events.toLocaleString("en")} incidents, peak ${Math.round(f.peakRssMb)} MiB; ` +
          `then the check of the merged sheets ${(f.checkMs / 1000).toFixed(2)} s, peak ${Math.round(f.checkPeakRssMb)} MiB`,
      );
    }
  }
}
