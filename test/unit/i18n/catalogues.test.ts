import { describe, expect, it } from "vitest";
import { ar } from "../../../src/i18n/ar.ts";
import { en } from "../../../src/i18n/en.ts";

/** Every key path of a catalogue ("filters.count"), leaves only, sorted. */
function keyPaths(catalogue: object, prefix = ""): string[] {
  return Object.entries(catalogue)
    .flatMap(([key, value]) =>
      typeof value === "object" && value !== null ? keyPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
    )
    .sort();
}

/** The key paths one catalogue has and the other lacks, both ways. */
function keysInOneOnly(a: object, b: object): { onlyInFirst: string[]; onlyInSecond: string[] } {
  const first = new Set(keyPaths(a));
  const second = new Set(keyPaths(b));
  return {
    onlyInFirst: [...first].filter((key) => !second.has(key)),
    onlyInSecond: [...second].filter((key) => !first.has(key)),
  };
}

describe("the message catalogues", () => {
  it("have the same keys in English and Arabic", () => {
    expect(keysInOneOnly(en, ar)).toEqual({ onlyInFirst: [], onlyInSecond: [] });
  });

  it("name a key that one language lacks, at any depth", () => {
    const english = { title: "Atlas", filters: { from: "From", to: "To" } };
    const arabic = { title: "أطلس", filters: { from: "من" }, extra: "زائد" };
    expect(keysInOneOnly(english, arabic)).toEqual({ onlyInFirst: ["filters.to"], onlyInSecond: ["extra"] });
  });

  it("give every message a non-empty string in both languages", () => {
    const leaves = (catalogue: object): unknown[] =>
      Object.values(catalogue).flatMap((value) =>
        typeof value === "object" && value !== null ? leaves(value) : [value],
      );
    for (const value of [...leaves(en), ...leaves(ar)]) {
      expect(typeof value === "string" && value.trim() !== "").toBe(true);
    }
  });
});
