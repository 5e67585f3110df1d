import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { readTableFiles } from "../../../src/core/decode-table.ts";
import type { IncidentCollection } from "../../../src/core/incident.ts";
import { createTableFiles } from "../../../src/core/table-writer.ts";
import type { BuildOutput, SheetTexts } from "../../../src/pipeline/index.ts";
import { buildFromDir, readSheets } from "../../../src/pipeline/node/load.ts";
import {
  type TableWritten,
  tableDirOf,
  writeGeojsonAndTable,
} from "../../../src/pipeline/node/write-table.ts";
import { caseSheets, SHEETS_DIR, TODAY } from "./sheets.ts";

const ROOT = join(import.meta.dirname, "../../..");
const CURATED = join(ROOT, "data");
const tmp = mkdtempSync(join(tmpdir(), "atlas-table-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => {
  const dir = join(tmp, String(dirs++));
  mkdirSync(dir);
  return dir;
};

const run = (...args: string[]) =>
  spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["src/pipeline/node/cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });

/** The files of a table folder, by name. */
function readFolder(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const name of readdirSync(dir).sort()) files.set(name, new Uint8Array(readFileSync(join(dir, name))));
  return files;
}

/** The table made the simple way, from the whole GeoJSON file in memory (the feature-object writer). */
function wholeFileTable(path: string): Map<string, Uint8Array> {
  return createTableFiles(JSON.parse(readFileSync(path, "utf8")) as IncidentCollection);
}

/** Every file of the two tables, by name, as text (binary files as base64): equal means byte for byte. */
function bytesOf(files: Map<string, Uint8Array>): [string, string][] {
  return [...files]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, bytes]) => [name, Buffer.from(bytes).toString(name.endsWith(".bin") ? "base64" : "utf8")]);
}

/**
 * The curated sheets with every incident and claim repeated `copies` times under new ids: thousands of incidents
 * with Arabic text, several claims each, date spans, coordinate overrides and governorates.
 */
function repeatedSheets(copies: number): SheetTexts {
  const sheets = readSheets(CURATED);
  const repeat = (file: "incidents.csv" | "claims.csv", rename: (row: string[], k: number) => void) => {
    const [header = [], ...rows] = Papa.parse<string[]>(sheets[file] ?? "", { skipEmptyLines: true }).data;
    const out = [header];
    for (let k = 0; k < copies; k++) {
      for (const row of rows) {
        const copy = [...row];
        rename(copy, k);
        out.push(copy);
      }
    }
    return `${Papa.unparse(out, { newline: "\n" })}\n`;
  };
  const claimsHeader = (sheets["claims.csv"] ?? "").split("\n", 1)[0]?.split(",") ?? [];
  const incidentColumn = claimsHeader.indexOf("incident");
  return {
    ...sheets,
    "incidents.csv": repeat("incidents.csv", (row, k) => {
      row[0] = `${row[0]}-r${k}`;
    }),
    "claims.csv": repeat("claims.csv", (row, k) => {
      row[0] = `${row[0]}-r${k}`;
      row[incidentColumn] = `${row[incidentColumn]}-r${k}`;
    }),
  };
}

/** Builds `sheets` as data:build does (GeoJSON and table in one pass); the GeoJSON's path and what was written. */
function buildGeojson(sheets: SheetTexts): { path: string; incidents: number; written: TableWritten } {
  const dir = freshDir();
  for (const [file, text] of Object.entries(sheets))
    if (text !== undefined) writeFileSync(join(dir, file), text);
  const result = buildFromDir(dir, { today: TODAY });
  if (!result.output) throw new Error(`the generated sheets have errors: ${result.errors.length}`);
  const path = join(dir, "incidents.geojson");
  const written = writeGeojsonAndTable(path, result.output);
  return { path, incidents: result.counts.incidents, written };
}

// Each CLI case starts tsx in a child process, slow on a busy machine: hence the longer timeout.
describe("data:build writes the incident table", { timeout: 30_000 }, () => {
  it.each([
    ["the curated sheets", CURATED],
    ["the valid-minimal fixture", join(SHEETS_DIR, "valid-minimal")],
  ])("writes the table of %s beside the GeoJSON, with the GeoJSON's features in its shards", (_, dataDir) => {
    const out = join(freshDir(), "incidents.geojson");
    const r = run("build", dataDir, out);
    expect(r.status).toBe(0);
    const dir = join(out, "../table");
    const files = readFolder(dir);
    expect(r.stdout).toContain(`Wrote ${out} and the incident table ${dir}/ (${files.size} files)\n`);
    expect(bytesOf(files)).toEqual(bytesOf(wholeFileTable(out)));
    const features = (JSON.parse(readFileSync(out, "utf8")) as IncidentCollection).features;
    const shards = [...files.keys()].filter((name) => name.startsWith("shard-")).sort();
    expect(
      shards.flatMap((name) => JSON.parse(Buffer.from(files.get(name) as Uint8Array).toString())),
    ).toEqual(features);
  });

  it("writes no table when the sheets have errors, and leaves an earlier build's files as they were", () => {
    const dir = freshDir();
    const out = join(dir, "incidents.geojson");
    const bad = run("build", join(SHEETS_DIR, "ten-mistakes"), join(dir, "never.geojson"));
    expect(bad.status).toBe(1);
    expect(existsSync(join(dir, "table"))).toBe(false);

    expect(run("build", join(SHEETS_DIR, "valid-minimal"), out).status).toBe(0);
    const before = readFolder(join(dir, "table"));
    expect(run("build", join(SHEETS_DIR, "ten-mistakes"), out).status).toBe(1);
    expect(readFolder(join(dir, "table"))).toEqual(before);
  });
});

describe("writeGeojsonAndTable", { timeout: 60_000 }, () => {
  it("makes, in the same pass as the GeoJSON, every table file byte for byte as the feature-object writer makes it from the GeoJSON", () => {
    const { path, incidents, written } = buildGeojson(repeatedSheets(200));
    expect(incidents).toBeGreaterThan(3000);
    expect(written.dir).toBe(tableDirOf(path));
    expect(written.count).toBe(incidents);
    const files = readFolder(written.dir);
    expect(written.files).toBe(files.size);
    expect(written.bytes).toBe([...files.values()].reduce((sum, bytes) => sum + bytes.length, 0));
    expect(files.size).toBeGreaterThan(10);
    expect(bytesOf(files)).toEqual(bytesOf(wholeFileTable(path)));
    expect(readdirSync(join(path, "..")).filter((name) => !name.endsWith(".csv"))).toEqual([
      "incidents.geojson",
      "table",
    ]);
  });

  it("folds escaped, Arabic and astral text in titles and summaries as the feature's strings fold", () => {
    const sheets = readSheets(CURATED);
    const [header = [], ...rows] = Papa.parse<string[]>(sheets["incidents.csv"] ?? "", {
      skipEmptyLines: true,
    }).data;
    const texts = [
      'Quote " and back\\slash\ttab',
      "line\nbreak, é, أحمد‎ 𝔸𝕓 😀 and \u0001",
      "الحَسَكة — Ja’far",
      "lone \ud800 surrogate",
    ];
    const column = (name: string) => header.indexOf(name);
    rows.forEach((row, i) => {
      row[column("title_en")] = `${texts[i % texts.length]} ${row[column("title_en")]}`;
      row[column("summary_ar")] = `${texts[(i + 1) % texts.length]} ${row[column("summary_ar")]}`;
    });
    const { path, written } = buildGeojson({
      ...sheets,
      "incidents.csv": `${Papa.unparse([header, ...rows], { newline: "\n" })}\n`,
    });
    expect(bytesOf(readFolder(written.dir))).toEqual(bytesOf(wholeFileTable(path)));
  });

  it("writes an empty table for sheets with no incident rows", () => {
    const sheets = readSheets(CURATED);
    const headerOnly = (text = "") => `${text.split("\n", 1)[0]}\n`;
    const { path, written } = buildGeojson({
      ...sheets,
      "incidents.csv": headerOnly(sheets["incidents.csv"]),
      "claims.csv": headerOnly(sheets["claims.csv"]),
    });
    const files = readFolder(written.dir);
    expect(bytesOf(files)).toEqual(bytesOf(wholeFileTable(path)));
    const table = readTableFiles(files);
    expect(table.count).toBe(0);
    expect(table.shardCount).toBe(0);
  });

  it("draws an incident at an estimated place with at least the place's radius, in the GeoJSON and in the table", () => {
    // place-radius: Ghuwayran is estimated to 4 km and its incident typed 2 km; Raqqa's 3 km is below its
    // incident's 5 km; the desert clash has its own lat/lon, so Abu Hamam's 30 km does not apply to it.
    const { path, written } = buildGeojson(caseSheets("place-radius"));
    const features = (JSON.parse(readFileSync(path, "utf8")) as IncidentCollection).features;
    const table = readTableFiles(readFolder(written.dir));
    const drawn = features.map((f, position) => [
      f.properties.id,
      f.properties.radius_km,
      table.radiusKm[position],
    ]);
    expect(drawn).toEqual([
      ["desert-clash-2021", 15, 15],
      ["ghuwayran-prison-attack-2022", 4, 4],
      ["raqqa-arrests-2023-05", 5, 5],
    ]);
  });

  it("removes the shards and search buckets of a bigger earlier build, and leaves other files alone", async () => {
    const sheets = readSheets(CURATED);
    const dir = freshDir();
    for (const [file, text] of Object.entries(sheets))
      if (text !== undefined) writeFileSync(join(dir, file), text);
    const result = buildFromDir(dir, { today: TODAY });
    const path = join(dir, "incidents.geojson");
    const tableDir = tableDirOf(path);
    mkdirSync(tableDir);
    for (const name of ["shard-0.json", "shard-7.json", "search-9.bin", "README.txt"])
      writeFileSync(join(tableDir, name), "old");
    const written = writeGeojsonAndTable(path, result.output as BuildOutput);
    const names = readdirSync(tableDir).sort();
    expect(names).toEqual([...wholeFileTable(path).keys(), "README.txt"].sort());
    expect(names).not.toContain("shard-7.json");
    expect(readFileSync(join(tableDir, "shard-0.json"), "utf8")).not.toBe("old");
    expect(written.files).toBe(names.length - 1);
    // The old files were set aside and are deleted in the background: nothing of them is left once that settles.
    await written.discarded;
    expect(readdirSync(dir).filter((name) => !name.endsWith(".csv"))).toEqual(["incidents.geojson", "table"]);
  });

  it("replaces a previous GeoJSON and table, and deletes the old ones by the time `discarded` settles", async () => {
    const { path, written: first } = buildGeojson(readSheets(CURATED));
    await first.discarded;
    writeFileSync(path, "old GeoJSON");
    writeFileSync(join(first.dir, "shard-0.json"), "old shard");
    const result = buildFromDir(join(path, ".."), { today: TODAY });
    const written = writeGeojsonAndTable(path, result.output as BuildOutput);
    expect((JSON.parse(readFileSync(path, "utf8")) as IncidentCollection).features).toHaveLength(
      result.counts.incidents,
    );
    expect(readFileSync(join(written.dir, "shard-0.json"), "utf8")).not.toBe("old shard");
    await written.discarded;
    expect(readdirSync(join(path, "..")).filter((name) => !name.endsWith(".csv"))).toEqual([
      "incidents.geojson",
      "table",
    ]);
  });

  it("leaves the previous GeoJSON and table as they were when writing fails, and no temporary folder", () => {
    const { path, written } = buildGeojson(readSheets(CURATED));
    const before = readFolder(written.dir);
    const geojson = readFileSync(path, "utf8");
    const failing: BuildOutput = {
      *chunks(table) {
        table?.onFile("shard-0.json", new Uint8Array([0x5b]));
        yield new TextEncoder().encode("{");
        throw new Error("disk full");
      },
      text: () => "",
    };
    expect(() => writeGeojsonAndTable(path, failing)).toThrow("disk full");
    expect(readFileSync(path, "utf8")).toBe(geojson);
    expect(readFolder(written.dir)).toEqual(before);
    expect(readdirSync(join(path, "..")).filter((name) => name.startsWith("table"))).toEqual(["table"]);
  });
});
