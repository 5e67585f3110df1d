import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createIncidentIndex, filterIncidents } from "../../../src/core/filter.ts";
import type { IncidentCollection } from "../../../src/core/incident.ts";
import {
  checkDigest,
  createIncidentDigest,
  type DigestRow,
  type IncidentDigest,
  indexFromDigest,
  rowOfDigest,
  rowOfFeature,
} from "../../../src/core/incident-digest.ts";
import { NO_FILTERS } from "../../../src/core/view-state.ts";
import { buildFromDir } from "../../../src/pipeline/node/load.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";

// Built from the sheets here: public/data is generated, and a fresh checkout has none before data:build.
const built = buildFromDir(fileURLToPath(new URL("../../../data", import.meta.url))).collection;
if (!built) throw new Error("the curated sheets have errors");
const curated: IncidentCollection = built;

/** The digest as the app gets it: written as JSON text and parsed again. */
function throughText(collection: IncidentCollection): IncidentDigest {
  const digest = checkDigest(JSON.parse(JSON.stringify(createIncidentDigest(collection))));
  if (digest === null) throw new Error("the digest was refused after a round trip through JSON");
  return digest;
}

describe("the first-render digest", () => {
  it.each([
    ["the curated sheet", curated],
    ["2,000 generated incidents", createSyntheticCollection(2000)],
  ])("gives the same index as the features, for %s", (_, collection) => {
    const fromDigest = indexFromDigest(throughText(collection));
    const fromFeatures = createIncidentIndex(collection.features, collection.meta);
    const { features: _a, cache: _b, ...expected } = fromFeatures;
    const { features: _c, cache: _d, ...actual } = fromDigest;
    expect(actual).toEqual(expected);
    // And so the same answers: a few filters a reader would set.
    const actor = collection.meta.actors[1]?.id ?? "";
    const source = collection.meta.sources[0]?.id ?? "";
    for (const filters of [
      NO_FILTERS,
      { ...NO_FILTERS, actors: [actor], role: "perpetrator" as const },
      { ...NO_FILTERS, sources: [source] },
      { ...NO_FILTERS, from: "2019-01-01", to: "2022-12-31" },
    ]) {
      expect(Array.from(filterIncidents(fromDigest, filters))).toEqual(
        Array.from(filterIncidents(fromFeatures, filters)),
      );
    }
  });

  it("gives each incident the list row its full feature gives", () => {
    const digest = throughText(curated);
    curated.features.forEach((feature, i) => {
      const row = rowOfDigest(
        digest.rows[i] as DigestRow,
        digest.ids[i] as string,
        feature.properties.event_type,
      );
      expect(row).toEqual(rowOfFeature(feature));
    });
  });

  it("is refused when it is not a digest this app reads, so the app falls back to the GeoJSON", () => {
    const digest = createIncidentDigest(curated);
    expect(checkDigest(null)).toBeNull();
    expect(checkDigest(curated)).toBeNull();
    expect(checkDigest({ ...digest, format: "incident-atlas-digest/0" })).toBeNull();
    expect(checkDigest({ ...digest, ids: digest.ids.slice(1) })).toBeNull();
    expect(checkDigest({ ...digest, columns: { ...digest.columns, lon: [] } })).toBeNull();
    expect(checkDigest(JSON.parse(JSON.stringify(digest)))).not.toBeNull();
  });

  it("accepts the SHA-256 of its GeoJSON as 64 hex digits and refuses anything else in its place", () => {
    const digest = createIncidentDigest(curated);
    const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    expect(checkDigest({ ...digest, geojson_sha256: sha })?.geojson_sha256).toBe(sha);
    expect(checkDigest({ ...digest, geojson_sha256: sha.toUpperCase() })).not.toBeNull();
    expect(checkDigest({ ...digest, geojson_sha256: `${sha.slice(0, 63)}g` })).toBeNull();
    expect(checkDigest({ ...digest, geojson_sha256: sha.slice(1) })).toBeNull();
    expect(checkDigest({ ...digest, geojson_sha256: 42 })).toBeNull();
    expect(checkDigest({ ...digest, geojson_sha256: null })).toBeNull();
  });

  it("is a small part of the GeoJSON", () => {
    const collection = createSyntheticCollection(2000);
    const digestBytes = JSON.stringify(createIncidentDigest(collection)).length;
    const geojsonBytes = JSON.stringify(collection).length;
    expect(digestBytes).toBeLessThan(geojsonBytes / 4);
  });
});

describe("a text search on an index built from the digest alone", () => {
  it("refuses to run before the incidents' text is there, rather than find nothing for good", () => {
    const index = indexFromDigest(createIncidentDigest(curated));
    expect(() => filterIncidents(index, { ...NO_FILTERS, q: "Raqqa" })).toThrow(/not loaded yet/);
    // Every other filter works from the digest alone.
    expect(filterIncidents(index, NO_FILTERS)).toHaveLength(curated.features.length);
  });
});
