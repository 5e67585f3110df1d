import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SHEET_COLUMNS, type SheetName } from "../../../../src/core/sheet-columns.ts";
import type { Row } from "../../../../src/pipeline/import/catalog.ts";
import { memorySheets, SheetMerge, type SheetStore } from "../../../../src/pipeline/import/merge-sheets.ts";
import { StagedSheets } from "../../../../src/pipeline/node/import-files.ts";

const owned = (id: string) => id.startsWith("acled-");

/** Sheets held in strings, each read in parts of 7 characters unless told. */
const memoryStore = (sheets: Partial<Record<SheetName, string>>, parts = 7) => memorySheets(sheets, parts);

/** A claims.csv row with every column, as the importer makes it. */
function claim(id: string, killed: string, text = "ACLED records it."): Row {
  const row: Row = Object.fromEntries(SHEET_COLUMNS["claims.csv"].map((c) => [c, ""]));
  return {
    ...row,
    id,
    incident: id.replace(/-claim$/, ""),
    claimant: "acled",
    source: "src-acled-dataset",
    stance: "asserts",
    claim_en: text,
    claim_ar: "نص",
    killed,
  };
}

function merge(file: SheetName, store: SheetStore, rows: Row[], write = true): SheetMerge {
  const m = new SheetMerge(file, store, owned);
  for (const row of rows) m.offer(row);
  m.finish(write);
  return m;
}

describe("merging imported rows into a sheet", () => {
  it("keeps a curated sheet byte for byte (BOM, CRLF, quotes it did not need) and adds rows in its line ending", () => {
    const header = SHEET_COLUMNS["claims.csv"].join(",");
    const curated = `\uFEFF${header}\r\n"own-1",inc-1,sdf,src-001,asserts,"Says so.",يقول,1,,\r\n\r\n\r\n`;
    const { store, written } = memoryStore({ "claims.csv": curated });
    const m = merge("claims.csv", store, [claim("acled-1-claim", "3")]);
    expect(m.changes).toMatchObject({ added: ["acled-1-claim"], firstAddedRow: 3 });
    // The trailing blank lines go; everything before them stays as written.
    expect(written["claims.csv"]).toBe(
      `${curated.replace(/(\r\n)+$/, "\r\n")}acled-1-claim,acled-1,acled,src-acled-dataset,asserts,ACLED records it.,نص,3,,\r\n`,
    );
  });

  it("replaces an owned row that changed in its place, keeping the maintainer's own column", () => {
    const header = `${SHEET_COLUMNS["claims.csv"].join(",")},notes`;
    const sheet = [
      header,
      "acled-1-claim,acled-1,acled,src-acled-dataset,asserts,ACLED records it.,نص,3,,,checked by hand",
      "acled-2-claim,acled-2,acled,src-acled-dataset,asserts,ACLED records it.,نص,1,,,",
      "",
    ].join("\n");
    const { store, written } = memoryStore({ "claims.csv": sheet });
    const m = merge("claims.csv", store, [claim("acled-1-claim", "5"), claim("acled-2-claim", "1")]);
    expect(m.changes).toMatchObject({
      added: [],
      changed: ["acled-1-claim"],
      unchanged: ["acled-2-claim"],
      kept: [],
    });
    const lines = (written["claims.csv"] as string).split("\n");
    expect(lines[1]).toBe(
      "acled-1-claim,acled-1,acled,src-acled-dataset,asserts,ACLED records it.,نص,5,,,checked by hand",
    );
    expect(lines.slice(2)).toEqual(sheet.split("\n").slice(2));
  });

  it("leaves a row of another owner alone even under an id the import makes", () => {
    const sheet = `${SHEET_COLUMNS["claims.csv"].join(",")}\nown-1,inc,sdf,src-001,asserts,Mine.,لي,,,\n`;
    const { store, written } = memoryStore({ "claims.csv": sheet });
    const m = new SheetMerge("claims.csv", store, () => false);
    m.offer(claim("own-1", "4"));
    m.finish(m.changed);
    expect(m.changes.kept).toEqual(["own-1"]);
    expect(written["claims.csv"]).toBeUndefined();
  });

  it("adds a column the sheet lacks only when an imported row fills it, empty for the rows already there", () => {
    const columns = SHEET_COLUMNS["claims.csv"].filter((c) => !["killed", "injured", "captured"].includes(c));
    const sheet = `${columns.join(",")}\nown-1,inc,sdf,src-001,asserts,"Mine, quoted",لي\n`;
    const { store, written } = memoryStore({ "claims.csv": sheet });
    merge("claims.csv", store, [claim("acled-1-claim", "2"), claim("acled-2-claim", "")]);
    expect(written["claims.csv"]).toBe(
      [
        `${columns.join(",")},killed`,
        'own-1,inc,sdf,src-001,asserts,"Mine, quoted",لي,',
        "acled-1-claim,acled-1,acled,src-acled-dataset,asserts,ACLED records it.,نص,2",
        "acled-2-claim,acled-2,acled,src-acled-dataset,asserts,ACLED records it.,نص,",
        "",
      ].join("\n"),
    );
  });

  it("writes a missing sheet with the documented header and a byte-order mark", () => {
    const { store, written } = memoryStore({});
    merge("claims.csv", store, [claim("acled-1-claim", "1")]);
    expect(written["claims.csv"]?.startsWith(`\uFEFF${SHEET_COLUMNS["claims.csv"].join(",")}\n`)).toBe(true);
  });
});

describe("the import's files", () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it("spool, stage and move the merged sheet into place, the same as a merge in memory", () => {
    dir = mkdtempSync(join(tmpdir(), "atlas-merge-"));
    const columns = SHEET_COLUMNS["claims.csv"].filter((c) => c !== "killed");
    const sheet = `${columns.join(",")}\r\nacled-1-claim,acled-1,acled,src-acled-dataset,asserts,Old text.,نص,,\r\n`;
    writeFileSync(join(dir, "claims.csv"), sheet);
    const rows = [
      claim("acled-1-claim", "2", "New text, with a comma."),
      ...Array.from({ length: 3000 }, (_, i) => claim(`acled-${i + 2}-claim`, String(i % 4), 'عربي "مقتبس"')),
    ];
    const staged = new StagedSheets(dir);
    merge("claims.csv", staged, rows);
    staged.commit();
    const { store, written } = memoryStore({ "claims.csv": sheet }, 4096);
    merge("claims.csv", store, rows);
    expect(readFileSync(join(dir, "claims.csv"), "utf8")).toBe(written["claims.csv"]);
    expect(written["claims.csv"]).toContain(
      'acled-1-claim,acled-1,acled,src-acled-dataset,asserts,"New text, with a comma.",نص,,,2\r\n',
    );
  });
});
