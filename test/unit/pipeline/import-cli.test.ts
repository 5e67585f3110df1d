import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHEET_FILES } from "../../../src/pipeline/sheet/sheet-columns.ts";
import { FIXTURES } from "./sheets.ts";

const ROOT = join(import.meta.dirname, "../../..");
const IMPORT = join(FIXTURES, "import");
const tsx = (script: string, ...args: string[]) =>
  spawnSync(join(ROOT, "node_modules/.bin/tsx"), [script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ATLAS_ACLED_REDISTRIBUTION: "" },
  });
const importInto = (dir: string, ...args: string[]) =>
  tsx("src/pipeline/node/import-cli.ts", "--data", dir, ...args);
const check = (dir: string) => tsx("src/pipeline/node/cli.ts", "check", dir);

function curatedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "atlas-import-"));
  cpSync(join(IMPORT, "sheets"), dir, { recursive: true });
  return dir;
}

const sheetsOf = (dir: string) => SHEET_FILES.map((f) => readFileSync(join(dir, f), "utf8"));

// Each case starts tsx in child processes, slow on a busy machine: hence the longer timeout.
describe("data:import CLI", { timeout: 60_000 }, () => {
  it("prints what a dry run would add and leaves the sheets as they were", () => {
    const dir = curatedCopy();
    const before = sheetsOf(dir);
    const r = importInto(dir, "--from", "acled", join(IMPORT, "acled.csv"), "--dry-run");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContain("would add incidents.csv acled-syr1001");
    expect(lines).toContain("would add places.csv qamishli");
    expect(lines).toContain("would refer to places.csv tell-tamer, left as it is (a curated row)");
    expect(lines).toContain(
      'skipped: acled.csv row 6, column latitude: "" is not a coordinate. Fix: the row has no point to map; it is skipped.',
    );
    expect(lines).toContain("incidents.csv: 6 to add, 0 to change, 0 unchanged, 0 curated left alone");
    expect(lines.at(-1)).toBe("Nothing written (--dry-run).");
    expect(sheetsOf(dir)).toEqual(before);
  });

  it("imports both datasets into sheets that data:check passes, then updates from a newer export", () => {
    const dir = curatedCopy();
    expect(importInto(dir, "--from", "ucdp", join(IMPORT, "ucdp-ged.csv")).status).toBe(0);
    expect(importInto(dir, "--from", "acled", join(IMPORT, "acled.csv")).status).toBe(0);
    const checked = check(dir);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/^5 sheets, 15 incidents, 0 errors, \d+ warnings\n$/);

    const newer = importInto(dir, "--from", "acled", join(IMPORT, "acled-newer.csv"), "--dry-run");
    expect(newer.stdout).toContain("would change claims.csv acled-syr1001-claim");
    expect(newer.stdout).toContain("would add incidents.csv acled-syr1010");
    expect(importInto(dir, "--from", "acled", join(IMPORT, "acled-newer.csv")).status).toBe(0);
    expect(check(dir).stdout).toMatch(/^5 sheets, 16 incidents, 0 errors/);
    expect(readFileSync(join(dir, "claims.csv"), "utf8")).toContain(
      "ACLED (event SYR1001) records 5 fatalities",
    );
  });

  it("refuses to publish ACLED-derived rows until the maintainer states ACLED's permission", () => {
    const dir = curatedCopy();
    expect(importInto(dir, "--from", "acled", join(IMPORT, "acled.csv")).status).toBe(0);
    const out = join(dir, "out", "incidents.geojson");
    const refused = tsx("src/pipeline/node/cli.ts", "build", dir, out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'sources.csv column id: "src-acled-dataset" is the source of rows imported from ACLED, whose terms of use restrict redistribution, so they are not published.',
    );
    expect(existsSync(out)).toBe(false);
    const permitted = spawnSync(
      join(ROOT, "node_modules/.bin/tsx"),
      ["src/pipeline/node/cli.ts", "build", dir, out],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, ATLAS_ACLED_REDISTRIBUTION: "permitted" },
      },
    );
    expect(permitted.status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it("exits 2 with the usage when the dataset is not named", () => {
    const r = importInto(curatedCopy(), "--from", "gdelt", "x.csv");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--from takes ucdp or acled");
  });

  it("refuses an export that is not UTF-8, naming its row, and leaves the sheets as they were", () => {
    const dir = curatedCopy();
    const before = sheetsOf(dir);
    // Row 3 names its place in Arabic, saved the way an Arabic Excel saves CSV (Windows-1256 for ا ل ب).
    const text = readFileSync(join(IMPORT, "acled.csv"), "utf8");
    const at = text.indexOf(",Qamishli,Qamishli,") + ",Qamishli,".length;
    const file = join(dir, "acled-1256.csv");
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(text.slice(0, at)),
        Buffer.from([0xc7, 0xe1, 0xc8]),
        Buffer.from(text.slice(at + 8)),
      ]),
    );
    const r = importInto(dir, "--from", "acled", file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^acled-1256\.csv row 3, column location: .*Windows-1256/m);
    expect(r.stderr).toContain("Nothing written.");
    expect(sheetsOf(dir)).toEqual(before);
  });
});
