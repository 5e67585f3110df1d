import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText, searchTerms, TextFolder } from "../../../src/core/normalize-text.ts";

describe("normalizeText", () => {
  it("ignores Arabic diacritics (harakat, shadda, tanwin, superscript alef)", () => {
    expect(normalizeText("الحَسَكَة")).toBe(normalizeText("الحسكة"));
    expect(normalizeText("مُسيَّرةٌ")).toBe(normalizeText("مسيرة"));
    expect(normalizeText("هٰذا")).toBe(normalizeText("هذا"));
  });

  it("ignores tatweel", () => {
    expect(normalizeText("قـــسد")).toBe("قسد");
  });

  it("treats أ, إ, آ, ٱ and ا as one letter", () => {
    const plain = normalizeText("احمد");
    expect(normalizeText("أحمد")).toBe(plain);
    expect(normalizeText("إحمد")).toBe(plain);
    expect(normalizeText("آحمد")).toBe(plain);
    expect(normalizeText("ٱحمد")).toBe(plain);
  });

  it("treats ى as ي and ة as ه", () => {
    expect(normalizeText("مصطفى")).toBe(normalizeText("مصطفي"));
    expect(normalizeText("الرقة")).toBe(normalizeText("الرقه"));
  });

  it("lowercases English and strips Latin accents", () => {
    expect(normalizeText("Al-Ḥasakah ÉCOLE Şam")).toBe("al hasakah ecole sam");
  });

  it("drops apostrophes and transliteration marks so spellings meet", () => {
    expect(normalizeText("Ma'dan")).toBe("madan");
    expect(normalizeText("Maʿdan")).toBe("madan");
    expect(normalizeText("Ma’dan")).toBe("madan");
  });

  it("turns punctuation and runs of white space into single spaces, trimmed", () => {
    expect(normalizeText("  Deir ez-Zor,\t(east)  ")).toBe("deir ez zor east");
    expect(normalizeText("...")).toBe("");
  });

  it("reads Arabic-Indic digits as ASCII digits", () => {
    expect(normalizeText("٢٠٢٤ ۱۲")).toBe("2024 12");
  });
});

describe("searchTerms", () => {
  it("splits the normalised query into words and gives none for blank input", () => {
    expect(searchTerms("  SDF   الرقة ")).toEqual(["sdf", "الرقه"]);
    expect(searchTerms("  ,, ")).toEqual([]);
  });
});

describe("TextFolder", () => {
  it("joins fields with one space and records with a line break that no term can cross", () => {
    const folder = new TextFolder();
    folder.add("Raq");
    folder.add("qa!");
    folder.addBreak();
    folder.add("  ");
    folder.add("Hasakah");
    expect(folder.take()).toBe("raq qa\nhasakah");
  });
});

describe("TextFolder.addJsonString", () => {
  const fold = (write: (folder: TextFolder) => void) => {
    const folder = new TextFolder();
    write(folder);
    return folder.take();
  };

  it("folds a string's JSON text (UTF-8, escapes as JSON.stringify writes them) as it folds the string", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }), // lone surrogates and control characters
      fc.constantFrom('a "quote" \\ back\tslash\n', "الحَسَكة ٱلة", "Ja’far 😀 𝔸", "\u0000\u001f\u007f\ud800x"),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), (texts) => {
        const bytes = texts.map((t) => new TextEncoder().encode(JSON.stringify(t)));
        const expected = fold((folder) => {
          for (const t of texts) folder.add(t);
        });
        const actual = fold((folder) => {
          for (const b of bytes) folder.addJsonString(b, 1, b.length - 1);
        });
        expect(actual).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
