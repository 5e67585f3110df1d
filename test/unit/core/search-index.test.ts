import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readTableFiles } from "../../../src/core/decode-table.ts";
import type { IncidentCollection, IncidentFeature } from "../../../src/core/incident.ts";
import { TABLE_FILES } from "../../../src/core/incident-table.ts";
import { normalizeText, searchTerms } from "../../../src/core/normalize-text.ts";
import { SearchIndexBuilder } from "../../../src/core/search-index.ts";
import { createSearchReader } from "../../../src/core/search-reader.ts";
import { createTableFiles } from "../../../src/core/table-writer.ts";
import { NO_FILTERS } from "../../../src/core/view-state.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";
import { createIncidentIndex, filterIncidents } from "../../reference/feature-filter.ts";

/** The features in GeoJSON order, so feature index = table position on both sides. */
function inOrder(collection: IncidentCollection): IncidentCollection {
  const features = [...collection.features].sort((a, b) =>
    a.properties.date_start < b.properties.date_start
      ? -1
      : a.properties.date_start > b.properties.date_start
        ? 1
        : a.properties.id < b.properties.id
          ? -1
          : 1,
  );
  return { ...collection, features };
}

/** The table's search over its files in memory, counting the buckets it fetches. */
function searchOf(collection: IncidentCollection, searchBucketBytes?: number) {
  const files = createTableFiles(collection, { searchBucketBytes });
  const table = readTableFiles(files);
  const loaded: number[] = [];
  const offsets = files.get(TABLE_FILES.searchOffsets) as Uint8Array;
  const reader = createSearchReader(table, {
    tokensText: new TextDecoder().decode(files.get(TABLE_FILES.searchTokens)),
    offsets: new Uint32Array(offsets.slice().buffer),
    loadBucket: async (b) => {
      loaded.push(b);
      return files.get(TABLE_FILES.searchBucket(b)) as Uint8Array;
    },
  });
  const positions = async (q: string) => {
    const match = await reader.match(searchTerms(q));
    return [...match.keys()].filter((p) => match[p] === 1);
  };
  return { files, table, reader, loaded, positions };
}

/** Today's search (filter.ts), as positions. */
function oldSearch(collection: IncidentCollection, q: string): number[] {
  const index = createIncidentIndex(collection.features, collection.meta);
  return [...filterIncidents(index, { ...NO_FILTERS, q })].sort((a, b) => a - b);
}

describe("SearchIndexBuilder", () => {
  it("lists the distinct folded tokens, sorted, with each token's positions as delta varints", () => {
    const features = inOrder(createSyntheticCollection(300, { seed: 5 })).features;
    const builder = new SearchIndexBuilder();
    for (const [p, f] of features.entries()) builder.add(p, f);
    const { tokensText, offsets, buckets, bucketStarts } = builder.finish();
    const tokens = tokensText.split("\n");
    expect(tokens).toEqual([...new Set(tokens)].sort());
    expect(offsets).toHaveLength(tokens.length + 1);
    expect(buckets).toHaveLength(1);
    expect(bucketStarts).toEqual([0, offsets[tokens.length]]);
    // Decode the postings of a few tokens and compare with the folded text of each incident.
    const stream = buckets[0] as Uint8Array;
    for (const token of ["raqqa", "الرقه", "on"]) {
      const t = tokens.indexOf(token);
      expect(t).toBeGreaterThanOrEqual(0);
      const positions: number[] = [];
      let position = 0;
      for (let i = offsets[t] as number; i < (offsets[t + 1] as number); ) {
        let delta = 0;
        let shift = 0;
        let byte: number;
        do {
          byte = stream[i++] as number;
          delta += (byte & 0x7f) * 2 ** shift;
          shift += 7;
        } while (byte >= 0x80);
        position += delta;
        positions.push(position);
      }
      const own = (f: IncidentFeature) => {
        const p = f.properties;
        return normalizeText(
          [p.title, p.summary, p.place.name, p.position].flatMap((b) => [b.en, b.ar]).join(" "),
        ).split(" ");
      };
      expect(positions).toEqual(
        [...features.keys()].filter((p) => own(features[p] as IncidentFeature).includes(token)),
      );
    }
  });

  it("cuts the posting stream into buckets at token boundaries", () => {
    const features = inOrder(createSyntheticCollection(500, { seed: 2 })).features;
    const builder = new SearchIndexBuilder({ bucketBytes: 64 });
    for (const [p, f] of features.entries()) builder.add(p, f);
    const { offsets, buckets, bucketStarts } = builder.finish();
    expect(buckets.length).toBeGreaterThan(3);
    expect(bucketStarts).toHaveLength(buckets.length + 1);
    for (let b = 0; b < buckets.length; b++) {
      expect(offsets).toContain(bucketStarts[b]);
      expect(buckets[b]).toHaveLength((bucketStarts[b + 1] as number) - (bucketStarts[b] as number));
    }
  });

  it("refuses positions out of order", () => {
    const [feature] = createSyntheticCollection(1).features as [IncidentFeature];
    const builder = new SearchIndexBuilder();
    builder.add(3, feature);
    expect(() => builder.add(3, feature)).toThrow(
      "search index: position 3 added after 3; add in ascending order",
    );
  });
});

describe("createSearchReader", () => {
  const collection = inOrder(createSyntheticCollection(400, { seed: 9 }));

  it("finds an incident by a word of its text in either language, by an actor's alias, and by a part of a word", async () => {
    const { positions } = searchOf(collection);
    for (const q of ["Raqqa", "الرقة", "QSD", "قسد", "aqq", "checkpoint raqqa", "nothing-like-this"]) {
      expect(await positions(q)).toEqual(oldSearch(collection, q));
    }
    expect(await positions("nothing-like-this")).toEqual([]);
    expect((await positions("QSD")).length).toBeGreaterThan(0);
  });

  it("matches every incident for no terms", async () => {
    const { reader } = searchOf(collection);
    expect([...(await reader.match([]))].every((x) => x === 1)).toBe(true);
  });

  it("fetches only the buckets of the tokens that contain a term, each once", async () => {
    const { positions, loaded, files } = searchOf(collection, 256);
    const buckets = [...files.keys()].filter((name) => /^search-\d+\.bin$/.test(name)).length;
    expect(buckets).toBeGreaterThan(4);
    await positions("raqqa");
    const first = loaded.length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(buckets);
    await positions("raqqa");
    expect(loaded).toHaveLength(first);
  });

  it("gives the same incidents as today's search for random queries", async () => {
    // Words of the generated text (both languages), actors' names and aliases, pieces of them, and misses.
    const texts = collection.features.slice(0, 50).flatMap((f) => {
      const p = f.properties;
      return [p.title.en, p.title.ar, p.summary.en, p.summary.ar, p.place.name.ar, p.position.en];
    });
    const names = collection.meta.actors.flatMap((a) => [a.name.en, a.name.ar, ...a.aliases]);
    const piece = fc
      .tuple(fc.constantFrom(...texts, ...names), fc.nat(), fc.integer({ min: 1, max: 12 }))
      .map(([t, at, length]) => t.slice(at % t.length, (at % t.length) + length));
    const miss = fc.string({ unit: fc.constantFrom("a", "q", "z", "ب", "ة", "أ", "1", " ", "-", "'") });
    const query = fc
      .array(fc.oneof(piece, piece, miss), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join(" "));
    const { positions } = searchOf(collection, 512);
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        expect(await positions(q)).toEqual(oldSearch(collection, q));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same incidents as today's search on generated collections, actors meta lacks included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer(),
        fc.constantFrom("stray", "عصابه", "band", "sdf", "داعش", "on", "1", "قرب", "hasakah", "qamishli"),
        async (count, seed, q) => {
          const generated = createSyntheticCollection(count, { seed, actors: 12 });
          const first = generated.features[0];
          first?.properties.targets.push({
            id: "stray",
            name: { en: "Stray Band", ar: "عصابة" },
            color: "#123456",
          });
          const c = inOrder(generated);
          expect(await searchOf(c, 128).positions(q)).toEqual(oldSearch(c, q));
        },
      ),
      { numRuns: 60 },
    );
  });
});
