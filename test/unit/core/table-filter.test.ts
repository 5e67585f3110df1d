import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CollectionMeta, IncidentFeature } from "../../../src/core/incident.ts";
import { createTableFiles } from "../../../src/core/table-writer.ts";
import { timelineOf } from "../../../src/core/timeline.ts";
import { type Filters, NO_FILTERS } from "../../../src/core/view-state.ts";
import { createLocalTableService, type TableService } from "../../../src/state/table-service.ts";
import { naiveFilter } from "../../bench/naive-filter.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";
import { actor, claim, incident, metaWithAliases, source } from "./incident-fixture.ts";

/** The data worker's engine, in-process, over the table data:build would write for these incidents. */
async function serviceOf(
  features: IncidentFeature[],
  meta: Pick<CollectionMeta, "actors">,
): Promise<TableService> {
  const full: CollectionMeta = { sources: [], event_types: [], governorates: [], ...meta };
  return createLocalTableService(createTableFiles({ type: "FeatureCollection", features, meta: full }));
}

/** Ids of what `filters` lets through, in the order the filter answers (positions, date order). */
async function matchIds(
  features: IncidentFeature[],
  filters: Partial<Filters>,
  meta = metaWithAliases({}),
): Promise<string[]> {
  const service = await serviceOf(features, meta);
  const ids = await idsByPosition(service);
  const { visible } = await service.filter({ ...NO_FILTERS, ...filters });
  return [...visible].map((p) => ids[p] as string);
}

async function idsByPosition(service: TableService): Promise<string[]> {
  const ids: string[] = [];
  for (let k = 0; k < service.table.shardCount; k++) {
    for (const feature of await service.shard(k)) ids.push(feature.properties.id);
  }
  return ids;
}

describe("filterTable: dates", () => {
  const features = [
    incident({ id: "day", start: "2024-01-15" }),
    incident({ id: "range", start: "2024-01-10", end: "2024-01-20" }),
    // As the pipeline expands them: a month-precise "2024-03" and a year-precise "2023".
    incident({ id: "month", start: "2024-03-01", end: "2024-03-31" }),
    incident({ id: "year", start: "2023-01-01", end: "2023-12-31" }),
  ];

  it("keeps an incident whose span overlaps the range, even partly", async () => {
    expect(await matchIds(features, { from: "2024-01-18", to: "2024-02-01" })).toEqual(["range"]);
    expect(await matchIds(features, { from: "2024-01-01", to: "2024-01-10" })).toEqual(["range"]);
  });

  it("keeps a month-precise incident for any day of its month", async () => {
    expect(await matchIds(features, { from: "2024-03-31", to: "2024-04-30" })).toEqual(["month"]);
    expect(await matchIds(features, { from: "2024-02-01", to: "2024-03-01" })).toEqual(["month"]);
    expect(await matchIds(features, { from: "2024-04-01", to: "2024-04-30" })).toEqual([]);
  });

  it("keeps a year-precise incident for a single day inside its year", async () => {
    expect(await matchIds(features, { from: "2023-06-15", to: "2023-06-15" })).toEqual(["year"]);
    expect(await matchIds(features, { from: "2022-01-01", to: "2022-12-31" })).toEqual([]);
  });

  it("treats a missing side of the range as open", async () => {
    expect(await matchIds(features, { from: "2024-01-16" })).toEqual(["range", "month"]);
    expect(await matchIds(features, { to: "2023-02-01" })).toEqual(["year"]);
  });

  it("returns everything in date order, by start then end", async () => {
    expect(await matchIds(features, {})).toEqual(["year", "range", "day", "month"]);
  });

  it("keeps a long span that started long before many short incidents", async () => {
    const many = Array.from({ length: 500 }, (_, k) =>
      incident({ id: `short-${k}`, start: `2020-${String((k % 12) + 1).padStart(2, "0")}-01` }),
    );
    const long = incident({ id: "long", start: "2014-01-01", end: "2025-12-31" });
    expect(await matchIds([...many, long], { from: "2024-05-01", to: "2024-05-02" })).toEqual(["long"]);
  });
});

describe("filterTable: actors and roles", () => {
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

  // Incidents of one day are listed by id, as the GeoJSON orders them.
  it("with any role, keeps incidents where the actor is perpetrator, target or claimant", async () => {
    expect(await matchIds(features, { actors: ["sdf"] })).toEqual([
      "sdf-claims",
      "sdf-perpetrates",
      "sdf-targeted",
    ]);
  });

  it("with a role, keeps only incidents where the actor plays that role", async () => {
    expect(await matchIds(features, { actors: ["sdf"], role: "perpetrator" })).toEqual(["sdf-perpetrates"]);
    expect(await matchIds(features, { actors: ["sdf"], role: "target" })).toEqual(["sdf-targeted"]);
    expect(await matchIds(features, { actors: ["sdf"], role: "claimant" })).toEqual(["sdf-claims"]);
  });

  it("keeps incidents of any of several chosen actors", async () => {
    expect(await matchIds(features, { actors: ["sdf", "sohr"], role: "claimant" })).toEqual([
      "no-sdf",
      "sdf-claims",
      "sdf-perpetrates",
      "sdf-targeted",
    ]);
  });

  it("matches nothing for an actor the data does not have", async () => {
    expect(await matchIds(features, { actors: ["nobody"] })).toEqual([]);
  });
});

describe("filterTable: sources, types, governorates", () => {
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

  it("keeps an incident when one of its claims cites a chosen source", async () => {
    expect(await matchIds(features, { sources: ["src-3"] })).toEqual(["two"]);
    expect(await matchIds(features, { sources: ["src-1", "src-2"] })).toEqual(["one", "two"]);
  });

  it("keeps incidents of the chosen event types", async () => {
    expect(await matchIds(features, { types: ["attack"] })).toEqual(["nowhere", "one"]);
  });

  it("keeps incidents in the chosen governorates and drops those without one", async () => {
    expect(await matchIds(features, { governorates: ["SY-RA", "SY-HA"] })).toEqual(["one", "two"]);
  });

  it("requires every active filter to match", async () => {
    expect(await matchIds(features, { types: ["attack"], sources: ["src-2"] })).toEqual([]);
    expect(
      await matchIds(features, { types: ["airstrike"], governorates: ["SY-RA"], sources: ["src-2"] }),
    ).toEqual(["two"]);
  });
});

describe("filterTable: text search", () => {
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
  // As actors.csv gives them: the same names the incidents carry, with the aliases.
  const meta: Pick<CollectionMeta, "actors"> = {
    actors: [
      { ...sdf, aliases: ["SDF", "QSD", "قسد"], kind: "armed-group", parent: null },
      { ...asayish, aliases: [], kind: "armed-group", parent: null },
    ],
  };
  const search = (q: string) => matchIds(features, { q }, meta);

  it("finds words in titles, summaries and places in both languages", async () => {
    expect(await search("checkpoint")).toEqual(["hasakah"]);
    expect(await search("gunmen")).toEqual(["hasakah"]);
    expect(await search("غارة")).toEqual(["raqqa"]);
    expect(await search("Hasakah")).toEqual(["hasakah"]);
  });

  it("finds actor names in both languages and their aliases", async () => {
    expect(await search("democratic")).toEqual(["raqqa"]);
    expect(await search("الديمقراطية")).toEqual(["raqqa"]);
    expect(await search("QSD")).toEqual(["raqqa"]);
    expect(await search("قسد")).toEqual(["raqqa"]);
  });

  it("ignores case, diacritics and Arabic letter variants on either side", async () => {
    expect(await search("RAQQA")).toEqual(["raqqa"]);
    expect(await search("الاسايش")).toEqual(["hasakah"]);
    expect(await search("الحسكه")).toEqual(["hasakah"]);
    expect(await search("الرقَّة")).toEqual(["raqqa"]);
    expect(await search("مسيرة")).toEqual(["raqqa"]);
  });

  it("requires every word of the query, wherever each one is", async () => {
    expect(await search("drone sdf")).toEqual(["raqqa"]);
    expect(await search("drone asayish")).toEqual([]);
  });

  it("never matches across two fields or two incidents", async () => {
    // "checkpoint" ends the title, "gunmen" starts the summary.
    expect(await search("checkpointgunmen")).toEqual([]);
    expect(await search("عناصر الحسكة")).toEqual(["hasakah"]);
  });

  it("finds everything for a blank query", async () => {
    expect(await search("  ")).toEqual(["hasakah", "raqqa"]);
  });

  it("gives the same answer when only the other filters change", async () => {
    const service = await serviceOf(features, meta);
    const withQuery = async (filters: Partial<Filters>) => [
      ...(await service.filter({ ...NO_FILTERS, q: "raqqa", ...filters })).visible,
    ];
    expect(await withQuery({})).toEqual([1]);
    expect(await withQuery({ to: "2000-01-01" })).toEqual([]);
    expect(await withQuery({})).toEqual([1]);
    expect(await withQuery({ q: "hasakah" })).toEqual([0]);
  });
});

describe("filterTable agrees with the rules written as features.filter", () => {
  const collection = createSyntheticCollection(400, { seed: 7, actors: 14, sources: 25 });
  const serviceReady = createLocalTableService(createTableFiles(collection));
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

  it("lets through the same incidents for random filter combinations", async () => {
    const service = await serviceReady;
    const ids = await idsByPosition(service);
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const fast = [...(await service.filter(f)).visible].map((p) => ids[p]).sort();
        const naive = naiveFilter(collection.features, f, collection.meta).map(
          (i) => collection.features[i]?.properties.id,
        );
        expect(fast).toEqual(naive.sort());
      }),
      { numRuns: 300 },
    );
  });

  it("always lists its result in date order", async () => {
    const service = await serviceReady;
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const starts = [...(await service.filter(f)).visible].map((p) => service.table.dayStart[p] as number);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
      }),
      { numRuns: 100 },
    );
  });

  it("answers the timeline with the same filter without its dates", async () => {
    const service = await serviceReady;
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const { timeline } = await service.filter(f);
        const undated = (await service.filter({ ...f, from: null, to: null })).visible;
        const table = service.table;
        expect(timeline).toEqual(timelineOf(table, undated, { start: table.minDay, end: table.maxDay }));
      }),
      { numRuns: 50 },
    );
  });
});
