import { describe, expect, it } from "vitest";
import {
  createIncidentIndex,
  filterIncidents,
  indexColumnsOf,
  indexFromColumns,
} from "../../../src/core/filter.ts";
import type { IncidentFeature } from "../../../src/core/incident.ts";
import { NO_FILTERS } from "../../../src/core/view-state.ts";
import { loadFeatureRanges } from "../../../src/state/load-feature-ranges.ts";
import { lazyFeatureList } from "../../../src/state/load-incidents.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";

const encoder = new TextEncoder();

describe("loading incidents without feature objects", () => {
  it("finds each feature's bytes in the file, whatever its strings contain", () => {
    const collection = createSyntheticCollection(40);
    // Brackets, braces, quotes and Arabic inside strings must not confuse the scan.
    const first = collection.features[0] as IncidentFeature;
    first.properties.title.en = 'A "raid" on {x} [y] \\ z';
    first.properties.title.ar = "غارة على } [ القرية";
    const bytes = encoder.encode(JSON.stringify(collection, null, 1));
    const ranges = loadFeatureRanges(bytes);
    expect(ranges?.starts.length).toBe(40);
    const decoder = new TextDecoder();
    const decoded = Array.from(ranges?.starts ?? [], (start, i) =>
      JSON.parse(decoder.decode(bytes.subarray(start, ranges?.ends[i]))),
    );
    expect(decoded).toEqual(collection.features);
  });

  it("finds no features where there are none, and says so when the brackets do not close", () => {
    // The worker compares the count with the parsed features and re-encodes them when they differ.
    expect(loadFeatureRanges(encoder.encode('{"features":[1,2]}'))?.starts.length).toBe(0);
    expect(loadFeatureRanges(encoder.encode('{"features":[{"a":1}'))).toBeNull();
  });

  it("reads as an ordinary array of features, decoding each once", () => {
    const collection = createSyntheticCollection(12);
    const bytes = encoder.encode(JSON.stringify(collection));
    const ranges = loadFeatureRanges(bytes);
    if (!ranges) throw new Error("no ranges");
    const list = lazyFeatureList(bytes, ranges.starts, ranges.ends);
    expect(list.length).toBe(12);
    expect(list[3]).toEqual(collection.features[3]);
    expect(list[3]).toBe(list[3]);
    expect(list[12]).toBeUndefined();
    expect(list.find((f) => f.properties.id === "incident-7")?.properties.id).toBe("incident-7");
    expect(JSON.parse(JSON.stringify(list))).toEqual(collection.features);
  });

  it("filters the same after the index's columns travel to another thread", () => {
    const collection = createSyntheticCollection(300);
    const index = createIncidentIndex(collection.features, collection.meta);
    const { columns } = indexColumnsOf(index);
    const copy = indexFromColumns(structuredClone(columns), collection.features);
    const filters = { ...NO_FILTERS, actors: ["sdf"], from: "2018-01-01" };
    expect(Array.from(filterIncidents(copy, filters))).toEqual(Array.from(filterIncidents(index, filters)));
    expect(Array.from(filterIncidents(copy, { ...NO_FILTERS, q: "raqqa" }))).toEqual(
      Array.from(filterIncidents(index, { ...NO_FILTERS, q: "raqqa" })),
    );
  });
});
