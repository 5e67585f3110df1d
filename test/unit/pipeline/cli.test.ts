import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANGES_MAX_INCIDENTS } from "../../../src/pipeline/stages/data-changes.ts";
import { SHEETS_DIR } from "./sheets.ts";

const run = (...args: string[]) =>
  spawnSync(
    join(import.meta.dirname, "../../../node_modules/.bin/tsx"),
    ["src/pipeline/node/cli.ts", ...args],
    {
      cwd: join(import.meta.dirname, "../../.."),
      encoding: "utf8",
    },
  );

// Each case starts tsx in a child process, slow on a busy machine: hence the longer timeout.
describe("pipeline CLI", { timeout: 30_000 }, () => {
  it("checks valid sheets, exits 0 and prints the summary", () => {
    const r = run("check", join(SHEETS_DIR, "valid-minimal"));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("5 sheets, 3 incidents, 0 errors, 0 warnings\n");
  });

  it("prints ten precise messages for a sheet with ten mistakes and exits 1", () => {
    const r = run("check", join(SHEETS_DIR, "ten-mistakes"));
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.slice(0, -1)).toHaveLength(10);
    expect(lines).toContain(
      'incidents.csv row 2, column date_start: "2022-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13. Fix: check the month and the day.',
    );
    expect(lines.at(-1)).toBe("5 sheets, 3 incidents, 10 errors, 0 warnings");
  });

  it("writes the GeoJSON on build, and writes nothing when there are errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "atlas-cli-"));
    const good = join(dir, "good.geojson");
    expect(run("build", join(SHEETS_DIR, "valid-minimal"), good).status).toBe(0);
    expect(JSON.parse(readFileSync(good, "utf8")).features).toHaveLength(3);
    const bad = join(dir, "bad.geojson");
    const r = run("build", join(SHEETS_DIR, "ten-mistakes"), bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Nothing written");
    expect(existsSync(bad)).toBe(false);
  });

  it("prints the ten problems as a JSON array with --format json, in the order of the human lines", () => {
    const human = run("check", join(SHEETS_DIR, "ten-mistakes")).stderr.trim().split("\n").slice(0, -1);
    const r = run("check", join(SHEETS_DIR, "ten-mistakes"), "--format", "json");
    expect(r.status).toBe(1);
    const problems = JSON.parse(r.stdout);
    expect(problems).toHaveLength(10);
    const where = (p: { file: string; row: number; column: string }) =>
      `${p.file} row ${p.row}, column ${p.column}:`;
    problems.forEach((p: { file: string; row: number; column: string }, i: number) => {
      expect(human[i]?.startsWith(where(p))).toBe(true);
    });
    expect(problems[2]).toEqual({
      file: "incidents.csv",
      row: 2,
      column: "date_start",
      value: "2022-13-01",
      message: "is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13",
      fix: "check the month and the day",
      severity: "error",
    });
    expect(r.stderr).toBe("5 sheets, 3 incidents, 10 errors, 0 warnings\n");
  });

  it("annotates the file, line and header column of each problem with --format github", () => {
    const r = run("check", join(SHEETS_DIR, "ten-mistakes"), "--format=github");
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines[2]).toBe(
      "::error file=test/fixtures/sheets/ten-mistakes/incidents.csv,line=2,col=6,title=incidents.csv row 2%2C column date_start::" +
        'incidents.csv row 2, column date_start: "2022-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13. Fix: check the month and the day.',
    );
  });

  it("exits 2 with the usage on an unknown format", () => {
    const r = run("check", join(SHEETS_DIR, "valid-minimal"), "--format", "xml");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--format human|json|github");
  });

  it("prints what a build changes against the previous one, by incident id", () => {
    const dir = mkdtempSync(join(tmpdir(), "atlas-cli-"));
    const out = join(dir, "incidents.geojson");
    const first = run("build", join(SHEETS_DIR, "valid-minimal"), out);
    expect(first.stdout).toContain("No previous build to compare with.");
    // One incident renamed, one dropped with its claim: the maintainer's edit.
    const sheet = join(dir, "sheet");
    cpSync(join(SHEETS_DIR, "valid-minimal"), sheet, { recursive: true });
    const edit = (file: string, change: (text: string) => string) =>
      writeFileSync(join(sheet, file), change(readFileSync(join(sheet, file), "utf8")));
    edit("incidents.csv", (text) =>
      text
        .replace("Arrests in Raqqa,", "Detentions in Raqqa,")
        .split("\n")
        .filter((line) => !line.startsWith("desert-clash-2021,"))
        .join("\n"),
    );
    edit("claims.csv", (text) =>
      text
        .split("\n")
        .filter((line) => !line.startsWith("desert-sohr,"))
        .join("\n"),
    );
    const second = run("build", sheet, out);
    expect(second.status).toBe(0);
    expect(second.stdout.trim().split("\n").slice(-3)).toEqual([
      "Since the previous build: 0 incidents added, 1 removed, 1 changed.",
      "Removed: desert-clash-2021",
      "Changed: raqqa-arrests-2023-05",
    ]);
  });

  it("does not compare a dataset-sized build with the previous one, and says where to compare it", () => {
    const dir = mkdtempSync(join(tmpdir(), "atlas-cli-"));
    const out = join(dir, "incidents.geojson");
    expect(run("build", join(SHEETS_DIR, "valid-minimal"), out).status).toBe(0);
    // The previous build's header says how big it was; reading all its shards would cost more than the build.
    const header = join(dir, "table", "table.json");
    const previous = JSON.parse(readFileSync(header, "utf8")) as { count: number };
    writeFileSync(header, JSON.stringify({ ...previous, count: CHANGES_MAX_INCIDENTS + 1 }));
    const second = run("build", join(SHEETS_DIR, "valid-minimal"), out);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("Not compared with the previous build (more than 200,000 incidents)");
    expect(second.stdout).toContain("Check a sheet");
  });

  it("exits 2 with the usage on a wrong command", () => {
    const r = run("publish");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage:");
  });
});
