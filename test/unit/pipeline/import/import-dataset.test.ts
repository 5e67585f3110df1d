import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { SheetName } from "../../../../src/core/sheet-columns.ts";
import { type ImportResult, importDataset } from "../../../../src/pipeline/import/index.ts";
import { buildIncidents, formatRowError, type SheetTexts } from "../../../../src/pipeline/index.ts";
import { readSheets } from "../../../../src/pipeline/node/load.ts";
import { SHEET_FILES } from "../../../../src/pipeline/sheet/sheet-columns.ts";
import { createLocator } from "../../../../src/pipeline/stages/locator.ts";
import { FIXTURES, reference, TODAY } from "../sheets.ts";

const IMPORT = join(FIXTURES, "import");
const locator = createLocator(reference);
const curated = readSheets(join(IMPORT, "sheets"));

function runImport(dataset: "ucdp" | "acled", file: string, sheets: SheetTexts): ImportResult {
  return importDataset(readFileSync(join(IMPORT, file), "utf8"), sheets, {
    dataset,
    file,
    country: "Syria",
    since: null,
    today: TODAY,
    inRegion: (lon, lat) => locator.inRegion(lon, lat),
  });
}

function rowsById(text: string): Map<string, Record<string, string>> {
  const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  });
  return new Map(rows.data.map((r) => [r.id as string, r]));
}

describe("importDataset", () => {
  for (const [dataset, file] of [
    ["ucdp", "ucdp-ged.csv"],
    ["acled", "acled.csv"],
  ] as const) {
    it(`turns the ${dataset} fixture into the expected sheets and messages`, async () => {
      const result = runImport(dataset, file, curated);
      for (const sheet of SHEET_FILES) {
        await expect(result.sheets[sheet]).toMatchFileSnapshot(join(IMPORT, "expected", dataset, sheet));
      }
      const messages = [...result.problems, ...result.warnings].map(formatRowError).join("\n");
      await expect(`${messages}\n`).toMatchFileSnapshot(join(IMPORT, "expected", dataset, "messages.txt"));
    });

    it(`writes ${dataset} rows that the pipeline checks without an error`, () => {
      const result = runImport(dataset, file, curated);
      const built = buildIncidents(result.sheets, reference, { today: TODAY });
      expect(built.errors.map(formatRowError)).toEqual([]);
      expect(built.counts.incidents).toBe(3 + result.counts.events);
    });
  }

  it("leaves every curated row as it was, and refers to the curated place of the same name", () => {
    const result = runImport("acled", "acled.csv", runImport("ucdp", "ucdp-ged.csv", curated).sheets);
    for (const sheet of SHEET_FILES) {
      // Byte for byte, quotes the writer would not need included: imported rows only follow them.
      expect(result.sheets[sheet].startsWith(curated[sheet as SheetName] ?? "")).toBe(true);
      const before = rowsById(curated[sheet as SheetName] ?? "");
      const after = rowsById(result.sheets[sheet]);
      for (const [id, row] of before) expect(after.get(id)).toEqual(row);
    }
    const incidents = rowsById(result.sheets["incidents.csv"]);
    expect(incidents.get("ucdp-900001")?.place).toBe("tell-tamer");
    // The dataset's own point differs from the gazetteer's: it is kept as the incident's override.
    expect([incidents.get("ucdp-900001")?.lat, incidents.get("ucdp-900001")?.lon]).toEqual([
      "36.647",
      "40.3725",
    ]);
    // An Arabic place name matches the curated place's Arabic name.
    expect(incidents.get("acled-syr1003")?.place).toBe("tell-tamer");
  });

  it("attributes every figure to the dataset in a claim that names the event and cites the dataset's source row", () => {
    const result = runImport("ucdp", "ucdp-ged.csv", curated);
    const claim = rowsById(result.sheets["claims.csv"]).get("ucdp-900004-claim");
    expect(claim).toMatchObject({
      claimant: "ucdp",
      source: "src-ucdp-dataset",
      stance: "asserts",
      killed: "12",
    });
    expect(claim?.claim_en).toContain("best estimate; low 12, high 31");
    expect(claim?.claim_en).toContain("event 900004");
    const sources = rowsById(result.sheets["sources.csv"]);
    const source = sources.get("src-ucdp-dataset");
    expect(source?.affiliation_en).toContain("CC BY 4.0");
    expect(source?.file).toBe("ucdp-ged.csv");
    // One source row for the dataset, whatever the number of events.
    expect([...sources.keys()].filter((id) => id.startsWith("src-ucdp"))).toEqual(["src-ucdp-dataset"]);
  });

  it("updates the changed row of a newer export, adds its new row and leaves the rest alone", () => {
    const first = runImport("acled", "acled.csv", curated);
    const second = runImport("acled", "acled-newer.csv", first.sheets);
    expect(second.changes["incidents.csv"]).toMatchObject({
      added: ["acled-syr1010"],
      changed: [],
      unchanged: ["acled-syr1001", "acled-syr1002"],
    });
    expect(second.changes["claims.csv"].changed).toEqual(["acled-syr1001-claim"]);
    // The newer export's records were changed later: the dataset's source row is dated by the latest.
    expect(second.changes["sources.csv"].changed).toEqual(["src-acled-dataset"]);
    const claims = rowsById(second.sheets["claims.csv"]);
    expect(claims.get("acled-syr1001-claim")?.killed).toBe("5");
    // Events the newer export lacks keep their rows.
    expect(claims.get("acled-syr1006-claim")?.killed).toBe("0");
  });

  it("changes nothing when the same export is imported twice", () => {
    const first = runImport("ucdp", "ucdp-ged.csv", curated);
    const again = runImport("ucdp", "ucdp-ged.csv", first.sheets);
    expect(again.sheets).toEqual(first.sheets);
    for (const sheet of SHEET_FILES) expect(again.changes[sheet].added).toEqual([]);
  });

  it("tells a long import's progress every 100,000 rows", () => {
    const header = readFileSync(join(IMPORT, "acled.csv"), "utf8").split("\n")[0] as string;
    const columns = header.split(",");
    const row = columns
      .map((c) => (c === "country" ? "Iraq" : c === "event_id_cnty" ? "IRQ1" : ""))
      .join(",");
    const heard: number[] = [];
    const result = importDataset(`${header}\n${`${row}\n`.repeat(250_000)}`, curated, {
      dataset: "acled",
      file: "big.csv",
      country: "Syria",
      since: null,
      today: TODAY,
      inRegion: () => true,
      onProgress: (rows) => heard.push(rows),
    });
    expect(result.filtered.country).toBe(250_000);
    expect(heard).toEqual([100_000, 200_000]);
  });
});
