import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildIncidents, type SheetInputs, stringifyCollection } from "../../../src/pipeline/index.ts";
import { writeJsonString } from "../../../src/pipeline/machinery/utf8.ts";
import { SHEET_FILES } from "../../../src/pipeline/sheet/sheet-columns.ts";
import { caseNames, caseSheets, cutText as cut, reference, TODAY } from "./sheets.ts";

const build = (sheets: SheetInputs) => buildIncidents(sheets, reference, { today: TODAY });

describe("sheets read in parts", { timeout: 120_000 }, () => {
  // Every fixture: good ones, malformed CSV (unclosed quotes, ragged rows), BOM + CRLF, empty rows.
  for (const name of caseNames()) {
    it(`give ${name} the same messages and output as the whole text, wherever the parts end`, () => {
      const whole = caseSheets(name);
      const expected = build(whole);
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 12 }), (positions) => {
          const parts: SheetInputs = {};
          for (const file of SHEET_FILES) {
            const text = whole[file];
            if (text !== undefined) parts[file] = cut(text, positions);
          }
          const result = build(parts);
          expect(result.errors).toEqual(expected.errors);
          expect(result.warnings).toEqual(expected.warnings);
          expect(result.output?.text()).toEqual(expected.output?.text());
        }),
        { numRuns: 25 },
      );
    });
  }

  it("read a CRLF sheet the same when the first part ends between the \\r and the \\n of a line break", () => {
    // Found by the property above: the line ending was guessed from "…color\r" alone, as CR-only.
    const whole = caseSheets("bom-crlf");
    const expected = build(whole);
    const parts: SheetInputs = { ...whole };
    for (const file of SHEET_FILES) {
      const text = whole[file] as string;
      const cut = text.indexOf("\r\n") + 1;
      parts[file] = [text.slice(0, cut), text.slice(cut)];
    }
    const result = build(parts);
    expect(result.errors).toEqual(expected.errors);
    expect(result.output?.text()).toEqual(expected.output?.text());
  });
});

describe("the written output", () => {
  it("is byte for byte what JSON.stringify writes for the same collection", () => {
    for (const name of caseNames()) {
      const result = build(caseSheets(name));
      if (!result.output || !result.collection) continue;
      expect(result.output.text()).toBe(stringifyCollection(result.collection));
    }
  });

  it("escapes free text exactly as JSON.stringify does (quotes, controls, Arabic, emoji, lone surrogates)", () => {
    const unit = fc.constantFrom(
      '"',
      "\\",
      "\n",
      "\t",
      "\u0000",
      "\u001f",
      "\u2028",
      "ب",
      "😀",
      "\ud800",
      "\udc00",
      "a",
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit }), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })),
        (s) => {
          const bytes = new Uint8Array(s.length * 6 + 2);
          const end = writeJsonString(s, bytes, 0);
          expect(new TextDecoder().decode(bytes.subarray(0, end))).toBe(JSON.stringify(s));
        },
      ),
      { numRuns: 500 },
    );
  });
});
