import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRowError } from "../../../src/pipeline/index.ts";
import { buildFromDir } from "../../../src/pipeline/node/load.ts";
import { SHEET_FILES } from "../../../src/pipeline/sheet/sheet-columns.ts";
import { decodeSheetBytes, diagnoseSheetBytes } from "../../../src/pipeline/sheet/sheet-encoding.ts";
import { BASE_CASE, SHEETS_DIR, TODAY } from "./sheets.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1256 bytes of the Arabic letters used here (alef, lam, baa). */
const CP1256: Record<string, number> = { ا: 0xc7, ل: 0xe1, ب: 0xc8, " ": 0x20 };
const cp1256 = (text: string) =>
  Uint8Array.from([...text].map((c) => CP1256[c] ?? (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : 0x3f)));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe("diagnoseSheetBytes", () => {
  it("finds nothing wrong with UTF-8, with or without BOM, and with a U+FFFD typed as such", () => {
    expect(diagnoseSheetBytes(utf8("id,name_ar\nsdf,قسد\n"))).toBeNull();
    expect(diagnoseSheetBytes(utf8("\ufeffid,name_ar\nx,�\n"))).toBeNull();
  });

  it("names UTF-16 from its byte order mark or from the NULs of an ASCII header", () => {
    const le = diagnoseSheetBytes(Uint8Array.from([0xff, 0xfe, 0x69, 0, 0x64, 0]));
    expect(le).toMatchObject({ encoding: "utf-16le", row: 1 });
    const be = diagnoseSheetBytes(Uint8Array.from([0, 0x69, 0, 0x64, 0, 0x2c]));
    expect(be).toMatchObject({ encoding: "utf-16be", row: 1 });
    expect(le?.fix).toContain("CSV UTF-8");
  });

  it("names Windows-1256 Arabic with the row, column and cell as it was meant, past a quoted line break", () => {
    const bytes = concat(utf8('id,note,name_ar\nsdf,"two\nlines",x\nypg,,'), cp1256("الب"), utf8("\n"));
    const problem = diagnoseSheetBytes(bytes);
    expect(problem).toMatchObject({ encoding: "windows-1256", row: 3, column: "name_ar", value: "الب" });
    expect(problem?.message).toContain("Windows-1256");
  });

  it("names another encoding's byte when the cell does not read as Arabic", () => {
    const problem = diagnoseSheetBytes(
      concat(utf8("id,name_en\nx,Caf"), Uint8Array.from([0xe9]), utf8("\n")),
    );
    expect(problem).toMatchObject({ encoding: "other", row: 2, column: "name_en", offset: 16 });
    expect(problem?.message).toContain("byte 0xE9");
  });

  it("lets a character cut at the end of a part wait for the rest when the bytes are not final", () => {
    const cut = utf8("id\nق").subarray(0, 4);
    expect(diagnoseSheetBytes(cut, false)).toBeNull();
    expect(diagnoseSheetBytes(cut, true)).toMatchObject({ row: 2 });
  });

  it("decodes good bytes and throws the diagnosis for bad ones", () => {
    expect(decodeSheetBytes(utf8("id\nx\n"))).toBe("id\nx\n");
    expect(() => decodeSheetBytes(Uint8Array.from([0xff, 0xfe, 0x69, 0]))).toThrow(/UTF-16/);
  });
});

describe("reading sheet files that are not UTF-8", () => {
  /** valid-minimal's sheets in a new folder, incidents.csv replaced by `incidents`. */
  const folderWith = (incidents: Uint8Array) => {
    const dir = mkdtempSync(join(tmpdir(), "atlas-encoding-"));
    for (const file of SHEET_FILES) copyFileSync(join(SHEETS_DIR, BASE_CASE, file), join(dir, file));
    writeFileSync(join(dir, "incidents.csv"), incidents);
    return dir;
  };
  // Hundreds of good rows first, so the bad byte comes several file reads in.
  const base = readFileSync(join(SHEETS_DIR, BASE_CASE, "incidents.csv"), "utf8");
  const [header, , row] = base.split("\n");
  const goodRows = Array.from({ length: 300 }, (_, k) => (row as string).replace(/^[^,]+/, `arrest-${k}`));
  const start = utf8(`${base.trimEnd()}\n${goodRows.join("\n")}\n`);
  const badRow = concat(
    utf8("late-row,Late,"),
    cp1256("الب"),
    utf8((row as string).replace(/^[^,]+,[^,]+,[^,]+/, "")),
  );

  for (const threads of [1, 2] as const) {
    it(`reports the first bad byte's row once, several reads into the file (${threads} thread${threads === 1 ? "" : "s"})`, () => {
      const dir = folderWith(concat(start, badRow, utf8("\n")));
      const result = buildFromDir(dir, { today: TODAY, threads });
      expect(result.errors.map(formatRowError)).toEqual([
        expect.stringMatching(/^incidents\.csv row 305, column title_ar: "الب" is not UTF-8 text: byte 0xC7/),
      ]);
      expect(result.output).toBeNull();
    }, 60_000);
  }

  it("reads a file with a U+FFFD typed in it on every read, and reports none as an encoding problem", () => {
    const rows = goodRows.map((r) => r.replace("Arrests", "Arrests �"));
    const result = buildFromDir(folderWith(utf8(`${header}\n${rows.join("\n")}\n`)), {
      today: TODAY,
      threads: 1,
    });
    expect(result.errors.filter((e) => e.message.includes("UTF"))).toEqual([]);
  });

  it("makes data:check exit 1 with one line for a Windows-1256 incidents.csv", () => {
    const dir = folderWith(readFileSync(join(SHEETS_DIR, "encoding-windows-1256", "incidents.csv")));
    const r = spawnSync(
      join(import.meta.dirname, "../../../node_modules/.bin/tsx"),
      ["src/pipeline/node/cli.ts", "check", dir],
      { cwd: join(import.meta.dirname, "../../.."), encoding: "utf8", timeout: 60_000 },
    );
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(
      /^incidents\.csv row 2, column title_ar: "هجوم على سجن غويران" is not UTF-8 text/,
    );
    expect(lines.at(-1)).toMatch(/1 error/);
  }, 60_000);
});
