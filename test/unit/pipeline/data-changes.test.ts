import { describe, expect, it } from "vitest";
import {
  addShardFingerprints,
  diffFingerprints,
  fingerprint,
  formatDataChanges,
} from "../../../src/pipeline/stages/data-changes.ts";

const feature = (id: string, title: string) => ({ type: "Feature", properties: { id, title_en: title } });

describe("diffFingerprints", () => {
  it("names the incidents added, removed and changed between two builds, by id", () => {
    const before = addShardFingerprints(
      JSON.stringify([feature("a", "Raid"), feature("b", "Shelling"), feature("c", "Arrest")]),
      new Map(),
    );
    const after = addShardFingerprints(
      JSON.stringify([feature("a", "Raid"), feature("c", "Arrests in Raqqa"), feature("d", "Attack")]),
      new Map(),
    );
    expect(diffFingerprints(before, after)).toEqual({ added: ["d"], removed: ["b"], changed: ["c"] });
  });

  it("ignores spacing in the shard text", () => {
    const tight = addShardFingerprints(JSON.stringify([feature("a", "Raid")]), new Map());
    const loose = addShardFingerprints(JSON.stringify([feature("a", "Raid")], null, 2), new Map());
    expect(diffFingerprints(tight, loose)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe("fingerprint", () => {
  it("differs for texts that differ in one character", () => {
    expect(fingerprint('{"killed":3}')).not.toBe(fingerprint('{"killed":4}'));
    expect(fingerprint("same")).toBe(fingerprint("same"));
  });
});

describe("formatDataChanges", () => {
  it("gives the counts, then the ids of each kind", () => {
    expect(formatDataChanges({ added: ["d"], removed: ["b"], changed: ["c", "e"] })).toEqual([
      "Since the previous build: 1 incident added, 1 removed, 2 changed.",
      "Added: d",
      "Removed: b",
      "Changed: c, e",
    ]);
  });

  it("cuts a long list and says how many more there are", () => {
    const added = ["a", "b", "c", "d"];
    expect(formatDataChanges({ added, removed: [], changed: [] }, 2)).toEqual([
      "Since the previous build: 4 incidents added, 0 removed, 0 changed.",
      "Added: a, b and 2 more",
    ]);
  });

  it("says so when nothing changed", () => {
    expect(formatDataChanges({ added: [], removed: [], changed: [] })).toEqual([
      "Since the previous build: no incident added, removed or changed.",
    ]);
  });
});
