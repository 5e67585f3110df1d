import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { SheetBytes } from "../../../src/pipeline/check-sheets.ts";
import {
  checkSheets,
  decodeSheetBytes,
  groupByFile,
  pickRows,
  pickSheetFiles,
  unpackZips,
} from "../../../src/pipeline/check-sheets.ts";
import { formatRowError } from "../../../src/pipeline/index.ts";
import { buildFromDir } from "../../../src/pipeline/node/load.ts";
import { SHEET_FILES } from "../../../src/pipeline/sheet/sheet-columns.ts";
import { reference, SHEETS_DIR, TODAY } from "./sheets.ts";

const DATA_DIR = join(import.meta.dirname, "../../../data");

function bytesOf(dir: string): SheetBytes {
  const files: SheetBytes = {};
  for (const file of SHEET_FILES) files[file] = new Uint8Array(readFileSync(join(dir, file)));
  return files;
}

describe("checkSheets", () => {
  it("lists the ten mistakes with the CLI's messages, in the CLI's order", () => {
    const dir = join(SHEETS_DIR, "ten-mistakes");
    const report = checkSheets(bytesOf(dir), reference, TODAY);
    const expected = readFileSync(join(SHEETS_DIR, "../expected/ten-mistakes.errors.txt"), "utf8");
    expect(report.problems.map(formatRowError).join("\n")).toBe(expected.trim());
    expect(report.summary).toBe("5 sheets, 3 incidents, 10 errors, 0 warnings");
    expect(report.geojson).toBeNull();
  });

  it("keeps the header and each offending row, to show the row beside its message", () => {
    const report = checkSheets(bytesOf(join(SHEETS_DIR, "ten-mistakes")), reference, TODAY);
    const incidents = report.previews["incidents.csv"];
    expect(incidents?.header[5]).toBe("date_start");
    expect(incidents?.rows[2]?.[5]).toBe("2022-13-01");
    expect(report.previews["claims.csv"]?.rows[5]).toContain("-3");
  });

  it("makes the GeoJSON data:build writes for the curated sheet, byte for byte, and its incident table", () => {
    const report = checkSheets(bytesOf(DATA_DIR), reference, TODAY);
    const built = buildFromDir(DATA_DIR, { today: TODAY, threads: 1 });
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(new TextDecoder().decode(report.geojson ?? new Uint8Array())).toBe(built.output?.text());
    expect(report.counts.incidents).toBe(19);
    expect(report.table?.has("table.json")).toBe(true);
  });

  it("reports a missing sheet as the CLI does", () => {
    const files = bytesOf(join(SHEETS_DIR, "valid-minimal"));
    delete files["claims.csv"];
    const report = checkSheets(files, reference, TODAY);
    expect(formatRowError(report.problems[0] as never)).toMatch(
      /^claims\.csv: is missing\. Fix: create claims\.csv/,
    );
  });
});

describe("decodeSheetBytes", () => {
  it("keeps the BOM for the sheet reader and turns a bad byte into U+FFFD, as the CLI's decoder does", () => {
    expect(decodeSheetBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x69, 0x64]))).toBe("\uFEFFid");
    expect(decodeSheetBytes(new Uint8Array([0x61, 0xe1, 0x62]))).toBe("a\uFFFDb");
  });
});

describe("pickRows", () => {
  it("returns the cells of the asked rows, a quoted line break counting as one row", () => {
    const rows = pickRows('\uFEFFid,note\r\na,"two\r\nlines"\r\nb,x\r\n', [1, 3]);
    expect(rows.get(1)).toEqual(["id", "note"]);
    expect(rows.get(3)).toEqual(["b", "x"]);
    expect(rows.has(2)).toBe(false);
  });
});

describe("pickSheetFiles", () => {
  it("finds the five sheets by name in a folder, the shallowest one winning and the others named", () => {
    const { sheets, ignored } = pickSheetFiles([
      { path: "atlas/test/old/incidents.csv", data: 1 },
      { path: "atlas/data/Incidents.csv", data: 2 },
      { path: "atlas/data/claims.csv", data: 3 },
      { path: "atlas/data/notes.txt", data: 4 },
    ]);
    expect(sheets["incidents.csv"]?.data).toBe(2);
    expect(sheets["claims.csv"]?.data).toBe(3);
    expect(ignored).toEqual(["atlas/test/old/incidents.csv"]);
  });
});

describe("groupByFile", () => {
  it("groups the ten mistakes by file in the order data:check lists them", () => {
    const report = checkSheets(bytesOf(join(SHEETS_DIR, "ten-mistakes")), reference, TODAY);
    const groups = groupByFile(report.problems);
    expect(groups.map((g) => [g.file, g.errors, g.warnings])).toEqual([
      ["actors.csv", 1, 0],
      ["sources.csv", 1, 0],
      ["incidents.csv", 6, 0],
      ["claims.csv", 2, 0],
    ]);
    expect(groups.flatMap((g) => g.problems)).toEqual(report.problems);
  });
});

describe("unpackZips", () => {
  it("replaces a zip by the CSV files inside it, which then check like the files themselves", () => {
    const dir = join(SHEETS_DIR, "ten-mistakes");
    const entries: Record<string, Uint8Array> = { "notes.txt": strToU8("not a sheet") };
    for (const file of SHEET_FILES) entries[`data/${file}`] = new Uint8Array(readFileSync(join(dir, file)));
    const files = unpackZips([{ path: "sheet.zip", data: zipSync(entries) }]);
    expect(files.map((f) => f.path).sort()).toEqual(SHEET_FILES.map((f) => `sheet.zip/data/${f}`).sort());
    const { sheets } = pickSheetFiles(files);
    const bytes = Object.fromEntries(Object.entries(sheets).map(([name, f]) => [name, f.data]));
    expect(checkSheets(bytes, reference, TODAY).problems).toEqual(
      checkSheets(bytesOf(dir), reference, TODAY).problems,
    );
  });

  it("names a zip it cannot read", () => {
    expect(() => unpackZips([{ path: "broken.zip", data: strToU8("PK not really") }])).toThrow(
      /^broken\.zip is not a zip/,
    );
  });
});
