import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createIncidentIndex, filterIncidents } from "../../../src/core/filter.ts";
import type { IncidentFeature } from "../../../src/core/incident.ts";
import { type Filters, NO_FILTERS } from "../../../src/core/view-state.ts";
import { naiveFilter } from "../../bench/naive-filter.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";
import { actor, claim, incident, metaWithAliases, source } from "./incident-fixture.ts";

/** Ids (not indexes) of what `filters` lets through, in the order filterIncidents returns them. */
function matchIds(
  features: IncidentFeature[],
  filters: Partial<Filters>,
  meta = metaWithAliases({}),
): string[] {
  const index = createIncidentIndex(features, meta);
  return [...filterIncidents(index, { ...NO_FILTERS, ...filters })].map(
    (i) => (features[i] as IncidentFeature).properties.id,
  );
}

describe("filterIncidents: dates", () => {
  const features = [
    incident({ id: "day", start: "2024-01-15" }),
    incident({ id: "range", start: "2024-01-10", end: "2024-01-20" }),
    // As the pipeline expands them: a month-precise "2024-03" and a year-precise "2023".
    incident({ id: "month", start: "2024-03-01", end: "2024-03-31" }),
    incident({ id: "year", start: "2023-01-01", end: "2023-12-31" }),
  ];

  it("keeps an incident whose span overlaps the range, even partly", () => {
    expect(matchIds(features, { from: "2024-01-18", to: "2024-02-01" })).toEqual(["range"]);
    expect(matchIds(features, { from: "2024-01-01", to: "2024-01-10" })).toEqual(["range"]);
  });

  it("keeps a month-precise incident for any day of its month", () => {
    expect(matchIds(features, { from: "2024-03-31", to: "2024-04-30" })).toEqual(["month"]);
    expect(matchIds(features, { from: "2024-02-01", to: "2024-03-01" })).toEqual(["month"]);
    expect(matchIds(features, { from: "2024-04-01", to: "2024-04-30" })).toEqual([]);
  });

  it("keeps a year-precise incident for a single day inside its year", () => {
    expect(matchIds(features, { from: "2023-06-15", to: "2023-06-15" })).toEqual(["year"]);
    expect(matchIds(features, { from: "2022-01-01", to: "2022-12-31" })).toEqual([]);
  });

  it("treats a missing side of the range as open", () => {
    expect(matchIds(features, { from: "2024-01-16" })).toEqual(["range", "month"]);
    expect(matchIds(features, { to: "2023-02-01" })).toEqual(["year"]);
  });

  it("returns everything in date order, by start then end", () => {
    expect(matchIds(features, {})).toEqual(["year", "range", "day", "month"]);
  });

  it("keeps a long span that started long before many short incidents", () => {
    const many = Array.from({ length: 500 }, (_, k) =>
      incident({ id: `short-${k}`, start: `2020-${String((k % 12) + 1).padStart(2, "0")}-01` }),
    );
    const long = incident({ id: "long", start: "2014-01-01", end: "2025-12-31" });
    expect(matchIds([...many, long], { from: "2024-05-01", to: "2024-05-02" })).toEqual(["long"]);
  });
});

describe("filterIncidents: actors and roles", () => {
  const sdf = actor("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية");
  const isis = actor("isis", "Islamic State", "تنظيم الدولة");
  const monitor = actor("sohr", "SOHR", "المرصد");
  const src = source("src-1");
  const features = [
    incident({ id: "sdf-perpetrates", perpetrators: [sdf], targets: [isis], claims: [claim(monitor, src)] }),
    incident({ id: "sdf-targeted", perpetrators: [isis], targets: [sdf], claims: [claim(monitor, src)] }),
    incident({ id: "sdf-claims", perpetrators: [isis], claims: [claim(sdf, src)] }),
    incident({ id: "no-sdf", perpetrators: [isis], claims: [claim(monitor, src)] }),
  ];

  it("with any role, keeps incidents where the actor is perpetrator, target or claimant", () => {
    expect(matchIds(features, { actors: ["sdf"] })).toEqual([
      "sdf-perpetrates",
      "sdf-targeted",
      "sdf-claims",
    ]);
  });

  it("with a role, keeps only incidents where the actor plays that role", () => {
    expect(matchIds(features, { actors: ["sdf"], role: "perpetrator" })).toEqual(["sdf-perpetrates"]);
    expect(matchIds(features, { actors: ["sdf"], role: "target" })).toEqual(["sdf-targeted"]);
    expect(matchIds(features, { actors: ["sdf"], role: "claimant" })).toEqual(["sdf-claims"]);
  });

  it("keeps incidents of any of several chosen actors", () => {
    expect(matchIds(features, { actors: ["sdf", "sohr"], role: "claimant" })).toEqual([
      "sdf-perpetrates",
      "sdf-targeted",
      "sdf-claims",
      "no-sdf",
    ]);
  });

  it("matches nothing for an actor the data does not have", () => {
    expect(matchIds(features, { actors: ["nobody"] })).toEqual([]);
  });
});

describe("filterIncidents: sources, types, governorates", () => {
  const a = actor("a");
  const features = [
    incident({ id: "one", type: "attack", governorate: "SY-HA", claims: [claim(a, source("src-1"))] }),
    incident({
      id: "two",
      type: "airstrike",
      governorate: "SY-RA",
      claims: [claim(a, source("src-2")), claim(a, source("src-3"))],
    }),
    incident({ id: "nowhere", type: "attack", governorate: null, claims: [] }),
  ];

  it("keeps an incident when one of its claims cites a chosen source", () => {
    expect(matchIds(features, { sources: ["src-3"] })).toEqual(["two"]);
    expect(matchIds(features, { sources: ["src-1", "src-2"] })).toEqual(["one", "two"]);
  });

  it("keeps incidents of the chosen event types", () => {
    expect(matchIds(features, { types: ["attack"] })).toEqual(["one", "nowhere"]);
  });

  it("keeps incidents in the chosen governorates and drops those without one", () => {
    expect(matchIds(features, { governorates: ["SY-RA", "SY-HA"] })).toEqual(["one", "two"]);
  });

  it("requires every active filter to match", () => {
    expect(matchIds(features, { types: ["attack"], sources: ["src-2"] })).toEqual([]);
    expect(matchIds(features, { types: ["airstrike"], governorates: ["SY-RA"], sources: ["src-2"] })).toEqual(
      ["two"],
    );
  });
});

describe("filterIncidents: text search", () => {
  const sdf = actor("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية");
  const asayish = actor("asayish", "Asayish", "الأسايش");
  const features = [
    incident({
      id: "hasakah",
      title: { en: "Attack on a checkpoint", ar: "هجوم على حاجز" },
      summary: { en: "Gunmen fired at guards.", ar: "أطلق مسلحون النار على عناصر الحَسَكة." },
      place: { en: "Al-Hasakah", ar: "الحسكة" },
      perpetrators: [asayish],
    }),
    incident({
      id: "raqqa",
      title: { en: "Drone strike near Raqqa", ar: "غارة مسيّرة قرب الرقة" },
      place: { en: "Raqqa", ar: "الرقة" },
      targets: [sdf],
    }),
  ];
  const meta = metaWithAliases({ sdf: ["SDF", "QSD", "قسد"] });
  const search = (q: string) => matchIds(features, { q }, meta);

  it("finds words in titles, summaries and places in both languages", () => {
    expect(search("checkpoint")).toEqual(["hasakah"]);
    expect(search("gunmen")).toEqual(["hasakah"]);
    expect(search("غارة")).toEqual(["raqqa"]);
    expect(search("Hasakah")).toEqual(["hasakah"]);
  });

  it("finds actor names in both languages and their aliases", () => {
    expect(search("democratic")).toEqual(["raqqa"]);
    expect(search("الديمقراطية")).toEqual(["raqqa"]);
    expect(search("QSD")).toEqual(["raqqa"]);
    expect(search("قسد")).toEqual(["raqqa"]);
  });

  it("ignores case, diacritics and Arabic letter variants on either side", () => {
    expect(search("RAQQA")).toEqual(["raqqa"]);
    expect(search("الاسايش")).toEqual(["hasakah"]);
    expect(search("الحسكه")).toEqual(["hasakah"]);
    expect(search("الرقَّة")).toEqual(["raqqa"]);
    expect(search("مسيرة")).toEqual(["raqqa"]);
  });

  it("requires every word of the query, wherever each one is", () => {
    expect(search("drone sdf")).toEqual(["raqqa"]);
    expect(search("drone asayish")).toEqual([]);
  });

  it("never matches across two fields or two incidents", () => {
    // "checkpoint" ends the title, "gunmen" starts the summary.
    expect(search("checkpointgunmen")).toEqual([]);
    expect(search("عناصر الحسكة")).toEqual(["hasakah"]);
  });

  it("finds everything for a blank query", () => {
    expect(search("  ")).toEqual(["hasakah", "raqqa"]);
  });

  it("gives the same answer when only the other filters change", () => {
    const index = createIncidentIndex(features, meta);
    const withQuery = (filters: Partial<Filters>) => [
      ...filterIncidents(index, { ...NO_FILTERS, q: "raqqa", ...filters }),
    ];
    expect(withQuery({})).toEqual([1]);
    expect(withQuery({ to: "2000-01-01" })).toEqual([]);
    expect(withQuery({})).toEqual([1]);
    expect(withQuery({ q: "hasakah" })).toEqual([0]);
  });
});

describe("filterIncidents agrees with the rules written as features.filter", () => {
  const collection = createSyntheticCollection(400, { seed: 7, actors: 14, sources: 25 });
  const index = createIncidentIndex(collection.features, collection.meta);
  const actorIds = collection.meta.actors.map((a) => a.id);
  const sourceIds = collection.meta.sources.map((s) => s.id);
  const day = fc
    .date({
      min: new Date("2013-06-01T00:00:00Z"),
      max: new Date("2026-06-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const filters: fc.Arbitrary<Filters> = fc.record({
    from: fc.option(day),
    to: fc.option(day),
    actors: fc.subarray(actorIds, { maxLength: 3 }),
    role: fc.constantFrom("any", "perpetrator", "target", "claimant"),
    sources: fc.subarray(sourceIds, { maxLength: 3 }),
    types: fc.subarray(["attack", "airstrike", "shelling", "raid", "arrest"], { maxLength: 2 }),
    governorates: fc.subarray(["SY-RA", "SY-HA", "SY-DY", "SY-HL"], { maxLength: 2 }),
    q: fc.constantFrom("", "raqqa", "الحسكة", "daesh", "checkpoint manbij", "قسد", "drone 2", "zzz"),
  });

  it("lets through the same incidents for random filter combinations", () => {
    fc.assert(
      fc.property(filters, (f) => {
        const fast = [...filterIncidents(index, f)].sort((a, b) => a - b);
        expect(fast).toEqual(naiveFilter(collection.features, f, collection.meta));
      }),
      { numRuns: 300 },
    );
  });

  it("always lists its result in date order", () => {
    fc.assert(
      fc.property(filters, (f) => {
        const starts = [...filterIncidents(index, f)].map(
          (i) => collection.features[i]?.properties.date_start ?? "",
        );
        expect(starts).toEqual([...starts].sort());
      }),
      { numRuns: 100 },
    );
  });
});
