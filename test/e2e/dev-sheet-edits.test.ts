import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppDriver, given } from "./driver/index.ts";

/**
 * What a maintainer sees in `npm run dev` (the promise): saving a CSV rebuilds the data and reloads the page;
 * a broken edit shows the error list in the page instead of the old data. The real `vite` dev server runs in a child
 * process with the project's vite.config.ts, its data plugin pointed at a copy of data/ so the curated sheets are
 * never touched.
 */
const ROOT = resolve(".");
let work: string;
let incidentsCsv: string;
let original: string;
let server: ChildProcess;
let url: string;
let app: AppDriver;

/** Starts `vite` (the dev server, as `npm run dev` does) with `configFile`; resolves with the URL it serves. */
function startDevServer(configFile: string): Promise<{ child: ChildProcess; url: string }> {
  // The plugin stands aside under Vitest (which loads vite.config.ts for its own server): this one is not Vitest's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));
  delete env.NODE_ENV;
  const child = spawn(
    process.execPath,
    [join(ROOT, "node_modules/vite/bin/vite.js"), "--config", configFile, "--port", "5290"],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((done, fail) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill(); // afterAll never learns of a server that did not start
      fail(new Error(`vite did not start:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      // Vite colours its banner whenever CI is set (even into a pipe), splitting the URL with escape codes.
      output += stripVTControlCharacters(chunk.toString());
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (found) {
        clearTimeout(timer);
        done({ child, url: found[0] });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => fail(new Error(`vite exited with ${code}:\n${output}`)));
  });
}

/** incidents.csv with one cell of the row whose id is `id` replaced. */
function withCell(text: string, id: string, column: string, value: string): string {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const col = header?.indexOf(column) ?? -1;
  const row = rows.find((cells) => cells[0] === id);
  if (!header || col < 0 || !row) throw new Error(`no ${column} for ${id} in incidents.csv`);
  row[col] = value;
  return Papa.unparse([header, ...rows], { newline: "\n" });
}

/** The text of Vite's error overlay (in its shadow root), or "" when none is shown. */
async function overlayText(): Promise<string> {
  return app.get.devErrorOverlay();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "atlas-dev-"));
  cpSync(join(ROOT, "data"), join(work, "data"), { recursive: true });
  incidentsCsv = join(work, "data/incidents.csv");
  original = readFileSync(incidentsCsv, "utf8");
  const configFile = join(work, "vite.config.mts");
  writeFileSync(
    configFile,
    [
      `import config from ${JSON.stringify(join(ROOT, "vite.config.ts"))};`,
      `import { incidentDataPlugin } from ${JSON.stringify(join(ROOT, "src/pipeline/node/vite-plugin.ts"))};`,
      "export default {",
      "  ...config,",
      `  root: ${JSON.stringify(ROOT)},`,
      `  cacheDir: ${JSON.stringify(join(work, "vite-cache"))},`,
      "  plugins: [",
      "    incidentDataPlugin({",
      `      dataDir: ${JSON.stringify(join(work, "data"))},`,
      `      outFile: ${JSON.stringify(join(work, "out/incidents.geojson"))},`,
      "    }),",
      "  ],",
      "};",
      "",
    ].join("\n"),
  );
  ({ child: server, url } = await startDevServer(configFile));
  app = await given.app(url);
});

afterAll(async () => {
  await app?.close();
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("editing the sheets while `npm run dev` runs", () => {
  const id = "ghuwayran-prison-attack-2022";

  it("shows the incidents of the sheets it watches", async () => {
    const rows = Papa.parse<string[]>(original, { skipEmptyLines: true }).data.length - 1;
    expect((await app.get.filterCount()).total).toBe(rows);
  });

  it("rebuilds and reloads the page when a sheet is saved", async () => {
    writeFileSync(
      incidentsCsv,
      withCell(original, id, "title_en", "Prison attack, title edited in the sheet"),
    );
    await expect
      .poll(async () => (await app.get.rowTexts()).join("\n"), { timeout: 30_000 })
      .toContain("Prison attack, title edited in the sheet");
  });

  it("shows the error list, not the old incidents, after a broken edit", async () => {
    writeFileSync(incidentsCsv, withCell(original, id, "date_start", "2022-13-20"));
    await expect
      .poll(overlayText, { timeout: 30_000 })
      .toMatch(/incidents\.csv row \d+, column date_start: "2022-13-20" is not a date/);
    // A reload (or a new visitor) gets no stale data either: the data request fails with the same list.
    await app.when.reload();
    await app.when.waitForShown("data-error");
    expect(await app.get.renderedRowCount()).toBe(0);
    expect(await overlayText()).toContain('"2022-13-20" is not a date');
  });

  it("brings the incidents back once the sheet is fixed", async () => {
    writeFileSync(incidentsCsv, original);
    await app.when.waitForShown("incident-count", 30_000);
    expect(await overlayText()).toBe("");
    expect((await app.get.filterCount()).total).toBeGreaterThan(0);
  });
});
