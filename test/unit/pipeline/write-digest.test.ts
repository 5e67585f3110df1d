import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
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
import { checkDigest, IncidentDigestBuilder } from "../../../src/core/incident-digest.ts";
import type { SheetTexts } from "../../../src/pipeline/index.ts";
import { buildFromDir, readSheets } from "../../../src/pipeline/node/load.ts";
import { digestPathOf, readIncidentDigest, writeDigest } from "../../../src/pipeline/node/write-digest.ts";
import { writeGeojson } from "../../../src/pipeline/node/write-geojson.ts";
import { SHEETS_DIR, TODAY } from "./sheets.ts";

const ROOT = join(import.meta.dirname, "../../..");
const CURATED = join(ROOT, "data");
const tmp = mkdtempSync(join(tmpdir(), "atlas-digest-"));
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

/** What the app would get: the digest file parsed and checked. */
function readDigestFile(path: string) {
  return checkDigest(JSON.parse(readFileSync(path, "utf8")));
}

/** The files beside the GeoJSON at `path` other than the sheets it was built from. */
function outputsBeside(path: string): string[] {
  return readdirSync(join(path, ".."))
    .filter((name) => !name.endsWith(".csv"))
    .sort();
}

/** The SHA-256 of a file's bytes, as `sha256sum` prints it. */
function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** The digest made the simple way, from the whole GeoJSON file in memory, with that file's SHA-256. */
function wholeFileDigest(path: string) {
  const collection = JSON.parse(readFileSync(path, "utf8")) as IncidentCollection;
  const builder = new IncidentDigestBuilder(collection.meta, collection.bbox ?? null);
  for (const feature of collection.features) builder.add(feature);
  return builder.finish(sha256Of(path));
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
describe("data:build writes the first-render digest", { timeout: 30_000 }, () => {
  it.each([
    ["the curated sheets", CURATED],
    ["the valid-minimal fixture", join(SHEETS_DIR, "valid-minimal")],
  ])("writes a digest of %s that the app accepts and that matches the GeoJSON", (_, dataDir) => {
    const out = join(freshDir(), "incidents.geojson");
    const r = run("build", dataDir, out);
    expect(r.status).toBe(0);
    const digestPath = join(out, "../incidents.digest.json");
    expect(r.stdout).toContain(`Wrote ${out} and ${digestPath}\n`);
    const digest = readDigestFile(digestPath);
    expect(digest).not.toBeNull();
    expect(digest).toEqual(wholeFileDigest(out));
    const features = (JSON.parse(readFileSync(out, "utf8")) as IncidentCollection).features;
    expect(digest?.ids).toEqual(features.map((f) => f.id));
  });

  it("writes no digest when the sheets have errors, and leaves an earlier build's pair as it was", () => {
    const dir = freshDir();
    const out = join(dir, "incidents.geojson");
    const digestPath = join(dir, "incidents.digest.json");
    const bad = run("build", join(SHEETS_DIR, "ten-mistakes"), join(dir, "never.geojson"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Nothing written");
    expect(existsSync(join(dir, "never.geojson"))).toBe(false);
    expect(existsSync(join(dir, "never.digest.json"))).toBe(false);

    expect(run("build", join(SHEETS_DIR, "valid-minimal"), out).status).toBe(0);
    const before = [readFileSync(out, "utf8"), readFileSync(digestPath, "utf8")];
    expect(run("build", join(SHEETS_DIR, "ten-mistakes"), out).status).toBe(1);
    expect([readFileSync(out, "utf8"), readFileSync(digestPath, "utf8")]).toEqual(before);
  });
});

describe("readIncidentDigest", { timeout: 60_000 }, () => {
  it("reads the pipeline's output line by line and gives the whole-file digest, for thousands of incidents", () => {
    const { path, incidents } = buildGeojson(repeatedSheets(200));
    expect(incidents).toBeGreaterThan(3000);
    const { digest, streamed } = readIncidentDigest(path);
    expect(streamed).toBe(true);
    expect(digest.count).toBe(incidents);
    expect(digest).toEqual(wholeFileDigest(path));
  });

  it("gives a digest of no incidents for sheets with no incident rows", () => {
    const sheets = readSheets(CURATED);
    const headerOnly = (text = "") => `${text.split("\n", 1)[0]}\n`;
    const { path, incidents } = buildGeojson({
      ...sheets,
      "incidents.csv": headerOnly(sheets["incidents.csv"]),
      "claims.csv": headerOnly(sheets["claims.csv"]),
    });
    expect(incidents).toBe(0);
    const { digest, streamed } = readIncidentDigest(path);
    expect(streamed).toBe(true);
    expect(digest).toEqual(wholeFileDigest(path));
    expect(checkDigest(JSON.parse(JSON.stringify(digest)))).not.toBeNull();
    expect(digest.count).toBe(0);
    expect(digest.bbox).toBeNull();
  });

  it("reads a hand-made file in another layout (compact, indented, CRLF) whole, to the same digest", () => {
    const { path } = buildGeojson(readSheets(CURATED));
    // The same incidents; only the fingerprint of the file's bytes differs from one layout to the next.
    const { geojson_sha256: _, ...expected } = wholeFileDigest(path);
    const text = readFileSync(path, "utf8");
    const collection = JSON.parse(text) as IncidentCollection;
    const dir = freshDir();
    for (const [name, layout, streamed] of [
      ["compact", JSON.stringify(collection), false],
      ["indented", JSON.stringify(collection, null, 2), false],
      ["crlf", text.replaceAll("\n", "\r\n"), true],
    ] as const) {
      const file = join(dir, `${name}.geojson`);
      writeFileSync(file, layout);
      const read = readIncidentDigest(file);
      expect(read.streamed, name).toBe(streamed);
      expect(read.digest, name).toEqual({ ...expected, geojson_sha256: sha256Of(file) });
    }
  });
});

describe("writeDigest", { timeout: 60_000 }, () => {
  it("streams thousands of incidents to the same text as the whole digest stringified, leaving no part files", () => {
    const { path, incidents } = buildGeojson(repeatedSheets(200));
    expect(incidents).toBeGreaterThan(3000);
    const written = writeDigest(path);
    expect(written.count).toBe(incidents);
    const text = readFileSync(written.path, "utf8");
    expect(text).toBe(JSON.stringify(wholeFileDigest(path)));
    expect(written.bytes).toBe(Buffer.byteLength(text));
    expect(outputsBeside(path)).toEqual(["incidents.digest.json", "incidents.geojson"]);
  });

  it("writes compact JSON next to the GeoJSON", () => {
    const { path } = buildGeojson(readSheets(CURATED));
    const written = writeDigest(path);
    expect(written.path).toBe(digestPathOf(path));
    expect(written.path.endsWith("/incidents.digest.json")).toBe(true);
    const text = readFileSync(written.path, "utf8");
    expect(text).toBe(JSON.stringify(wholeFileDigest(path)));
    expect(written.bytes).toBe(Buffer.byteLength(text));
  });

  it.each([
    ["the pipeline's layout, read line by line", true, (text: string) => text],
    ["a compact hand-made file, read whole", false, (text: string) => JSON.stringify(JSON.parse(text))],
  ])("names the GeoJSON it was made from by the SHA-256 of its bytes: %s", (_, streamed, layout) => {
    const { path } = buildGeojson(readSheets(CURATED));
    const file = join(freshDir(), "incidents.geojson");
    writeFileSync(file, layout(readFileSync(path, "utf8")));
    expect(readIncidentDigest(file).streamed).toBe(streamed);
    const digest = readDigestFile(writeDigest(file).path);
    expect(digest?.geojson_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(digest?.geojson_sha256).toBe(sha256Of(file));
  });

  it("fails on a cut-off GeoJSON and removes the earlier digest rather than leave it beside the new file", () => {
    const { path } = buildGeojson(readSheets(CURATED));
    writeDigest(path);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, Math.floor(text.length * 0.7)));
    expect(() => writeDigest(path)).toThrow();
    expect(existsSync(digestPathOf(path))).toBe(false);
    // Nor the temporary digest or its part files.
    expect(outputsBeside(path)).toEqual(["incidents.geojson"]);
  });
});
