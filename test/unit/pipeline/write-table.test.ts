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
import type { IncidentCollection } from "../../../src/core/incident.ts";
import { createTableFiles, readTableFiles } from "../../../src/core/incident-table.ts";
import type { SheetTexts } from "../../../src/pipeline/index.ts";
import { buildFromDir, readSheets } from "../../../src/pipeline/node/load.ts";
import { writeGeojson } from "../../../src/pipeline/node/write-geojson.ts";
import { tableDirOf, writeTable } from "../../../src/pipeline/node/write-table.ts";
import { SHEETS_DIR, TODAY } from "./sheets.ts";

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

/** The table made the simple way, from the whole GeoJSON file in memory. */
function wholeFileTable(path: string): Map<string, Uint8Array> {
  return createTableFiles(JSON.parse(readFileSync(path, "utf8")) as IncidentCollection);
}

/** What the app reads of a table: the decoded columns and the parsed shards, which the layout of the text may vary. */
function contentOf(files: Map<string, Uint8Array>) {
  const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
  const shards = [...files.keys()].filter((name) => name.startsWith("shard-")).sort();
  return {
    table: readTableFiles(files),
    names: [...files.keys()].sort(),
    shards: shards.map((name) => JSON.parse(text(files.get(name)))),
    other: [...files]
      .filter(([name]) => !name.startsWith("shard-"))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, bytes]) => [name, Buffer.from(bytes).toString("base64")]),
  };
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

/** Builds `sheets` as data:build does and returns the path of the written GeoJSON. */
function buildGeojson(sheets: SheetTexts): { path: string; incidents: number } {
  const dir = freshDir();
  for (const [file, text] of Object.entries(sheets))
    if (text !== undefined) writeFileSync(join(dir, file), text);
  const result = buildFromDir(dir, { today: TODAY });
  if (!result.output) throw new Error(`the generated sheets have errors: ${result.errors.length}`);
  const path = join(dir, "incidents.geojson");
  writeGeojson(path, result.output);
  return { path, incidents: result.counts.incidents };
}

// Each CLI case starts tsx in a child process (≈1–2 s, more on a busy machine).
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
    expect(contentOf(files)).toEqual(contentOf(wholeFileTable(out)));
    const features = (JSON.parse(readFileSync(out, "utf8")) as IncidentCollection).features;
    expect(contentOf(files).shards.flat()).toEqual(features);
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

describe("writeTable", { timeout: 60_000 }, () => {
  it("streams thousands of incidents to the same table as the whole file gives, leaving no temporary folder", () => {
    const { path, incidents } = buildGeojson(repeatedSheets(200));
    expect(incidents).toBeGreaterThan(3000);
    const written = writeTable(path);
    expect(written.dir).toBe(tableDirOf(path));
    expect(written.count).toBe(incidents);
    const files = readFolder(written.dir);
    expect(written.files).toBe(files.size);
    expect(written.bytes).toBe([...files.values()].reduce((sum, bytes) => sum + bytes.length, 0));
    expect(files.size).toBeGreaterThan(10);
    expect(contentOf(files)).toEqual(contentOf(wholeFileTable(path)));
    expect(readdirSync(join(path, "..")).filter((name) => !name.endsWith(".csv"))).toEqual([
      "incidents.geojson",
      "table",
    ]);
  });

  it("reads a hand-made file in another layout (compact, indented, CRLF) to the same table", () => {
    const { path } = buildGeojson(readSheets(CURATED));
    const expected = contentOf(wholeFileTable(path));
    const text = readFileSync(path, "utf8");
    const collection = JSON.parse(text) as IncidentCollection;
    for (const [name, layout] of [
      ["compact", JSON.stringify(collection)],
      ["indented", JSON.stringify(collection, null, 2)],
      ["crlf", text.replaceAll("\n", "\r\n")],
    ] as const) {
      const file = join(freshDir(), "incidents.geojson");
      writeFileSync(file, layout);
      expect(contentOf(readFolder(writeTable(file).dir)), name).toEqual(expected);
    }
  });

  it("writes an empty table for sheets with no incident rows", () => {
    const sheets = readSheets(CURATED);
    const headerOnly = (text = "") => `${text.split("\n", 1)[0]}\n`;
    const { path } = buildGeojson({
      ...sheets,
      "incidents.csv": headerOnly(sheets["incidents.csv"]),
      "claims.csv": headerOnly(sheets["claims.csv"]),
    });
    const table = readTableFiles(readFolder(writeTable(path).dir));
    expect(table.count).toBe(0);
    expect(table.shardCount).toBe(0);
  });

  it("removes the shards and search buckets of a bigger earlier build, and leaves other files alone", () => {
    const { path } = buildGeojson(readSheets(CURATED));
    const dir = tableDirOf(path);
    mkdirSync(dir);
    for (const name of ["shard-0.json", "shard-7.json", "search-9.bin", "README.txt"])
      writeFileSync(join(dir, name), "old");
    const written = writeTable(path);
    const names = readdirSync(dir).sort();
    expect(names).toEqual([...wholeFileTable(path).keys(), "README.txt"].sort());
    expect(names).not.toContain("shard-7.json");
    expect(readFileSync(join(dir, "shard-0.json"), "utf8")).not.toBe("old");
    expect(written.files).toBe(names.length - 1);
  });

  it("fails on a cut-off GeoJSON and removes the earlier table rather than leave it beside the new file", () => {
    const { path } = buildGeojson(readSheets(CURATED));
    writeTable(path);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, Math.floor(text.length * 0.7)));
    expect(() => writeTable(path)).toThrow();
    expect(readdirSync(tableDirOf(path))).toEqual([]);
    expect(readdirSync(join(path, "..")).filter((name) => !name.endsWith(".csv"))).toEqual([
      "incidents.geojson",
      "table",
    ]);
  });
});
