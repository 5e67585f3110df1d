import { describe, expect, it } from "vitest";
import { createIncidentIndex } from "../../../src/core/filter.ts";
import type { IncidentFeature } from "../../../src/core/incident.ts";
import { mapFeatureBytes } from "../../../src/state/map-feature-bytes.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";

const decoder = new TextDecoder();

/** What the map should get for incident i: its point (to ~1 m), id, type code, approximate flag and index. */
function expected(features: IncidentFeature[], index: ReturnType<typeof createIncidentIndex>, i: number) {
  const [lon, lat] = (features[i] as IncidentFeature).geometry.coordinates as [number, number];
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5] },
    properties: {
      id: (features[i] as IncidentFeature).properties.id,
      t: index.featureType[i],
      approximate: index.approximate[i] === 1,
      index: i,
    },
  };
}

describe("the map's feature text", () => {
  for (const [name, rename] of [
    ["ASCII ids", (id: string) => id],
    ["an id with Arabic letters (measured in UTF-8)", (id: string) => `${id}-حادثة`],
  ] as const) {
    it(`holds one feature per incident in date order, each at its offsets, with ${name}`, () => {
      // More than one chunk of fragments, so chunk boundaries are crossed.
      const collection = createSyntheticCollection(9000);
      const features = collection.features;
      features.forEach((feature, i) => {
        if (i % 1000 === 3) feature.properties.id = rename(feature.properties.id);
      });
      const index = createIncidentIndex(features, collection.meta);
      const { bytes, offsets } = mapFeatureBytes(
        index,
        features.map((f) => f.properties.id),
      );
      expect(offsets.length).toBe(features.length + 1);
      expect(offsets[features.length]).toBe(bytes.length);
      for (let p = 0; p < features.length; p++) {
        const text = decoder.decode(bytes.subarray(offsets[p], offsets[p + 1]));
        expect(text.endsWith(",")).toBe(true);
        expect(JSON.parse(text.slice(0, -1))).toEqual(expected(features, index, index.order[p] as number));
      }
      // The whole text, wrapped, is one FeatureCollection MapLibre can read.
      const all = JSON.parse(
        `{"type":"FeatureCollection","features":[${decoder.decode(bytes).slice(0, -1)}]}`,
      );
      expect(all.features).toHaveLength(features.length);
    });
  }
});
