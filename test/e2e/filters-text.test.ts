import { describe, expect, inject, it } from "vitest";
import { idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);

/** Words of the incidents' titles in one language, as written in the data. */
function titleWords(lang: "en" | "ar"): string[] {
  const words = data.features.flatMap((f) => f.properties.title[lang].split(/[\s,.;:()«»"“”،]+/));
  return [...new Set(words)].filter((w) => w.length >= 4);
}

/**
 * A title word for which `variant` writes it differently and which narrows the incidents (some, not all),
 * with the incidents searching for it as written keeps.
 */
function wordWithVariant(
  lang: "en" | "ar",
  variant: (word: string) => string,
): { word: string; query: string; expected: string[] } {
  for (const word of titleWords(lang)) {
    const query = variant(word);
    if (query === word) continue;
    const expected = idsMatching(data, { q: word });
    if (expected.length > 0 && expected.length < data.features.length) return { word, query, expected };
  }
  throw new Error(`no ${lang} title word has such a variant`);
}

describe("searching the incidents' text", () => {
  it("finds Arabic words typed without their hamza (أ إ آ as ا)", async () => {
    const { query, expected } = wordWithVariant("ar", (w) => w.replace(/[أإآ]/g, "ا"));
    const app = await openApp();
    await app.when.search(query);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("finds Arabic words typed with ه for ة and ي for ى", async () => {
    const { query, expected } = wordWithVariant("ar", (w) => w.replace(/ة/g, "ه").replace(/ى/g, "ي"));
    const app = await openApp();
    await app.when.search(query);
    expect(await app.get.listedIds()).toEqual(expected);
  });

  it("finds Arabic words typed with diacritics the data does not have", async () => {
    // A fatha after every letter but the last, a shadda on the second.
    const voweled = (w: string) =>
      [...w].map((c, i) => (i === 1 ? `${c}\u0651\u064e` : i < w.length - 1 ? `${c}\u064e` : c)).join("");
    const { query, expected } = wordWithVariant("ar", (w) => (/^[\u0621-\u064a]+$/.test(w) ? voweled(w) : w));
    const app = await openApp();
    await app.when.search(query);
    expect(await app.get.listedIds()).toEqual(expected);
  });

  it("finds English words whatever their case", async () => {
    const swapped = (w: string) =>
      [...w].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
    const { query, expected } = wordWithVariant("en", (w) => (/^[A-Za-z]+$/.test(w) ? swapped(w) : w));
    const app = await openApp();
    await app.when.search(query);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("finds the incidents of an actor by one of its aliases", async () => {
    // An alias found in no incident's own text, so only the actor link can find them.
    const found = data.meta.actors.flatMap((actor) =>
      actor.aliases
        .filter((alias) => /^[A-Za-z]{3,}$/.test(alias))
        .map((alias) => ({ alias, expected: idsMatching(data, { q: alias }), own: actor.id })),
    );
    const pick = found.find(
      ({ expected, own }) =>
        expected.length > 0 &&
        expected.length < data.features.length &&
        expected.every((id) => idsMatching(data, { actors: [own] }).includes(id)),
    );
    if (!pick) throw new Error("no actor alias narrows the incidents");
    const app = await openApp();
    await app.when.search(pick.alias);
    expect(await app.get.listedIds()).toEqual(pick.expected);
  });

  it("says nothing matches, and offers to clear, when the text is found nowhere", async () => {
    const query = "zzqxv";
    expect(idsMatching(data, { q: query })).toEqual([]);
    const app = await openApp();
    await app.when.search(query);
    expect(await app.get.emptyMessage()).toContain("No incident matches");
    await app.when.clearFromEmptyMessage();
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));
    expect(await app.get.searchText()).toBe("");
  });
});
