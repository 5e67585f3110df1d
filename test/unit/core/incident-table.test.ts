import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDayToDayNumber } from "../../../src/core/day-number.ts";
import { decodeCore, decodeRelations, readTableFiles } from "../../../src/core/decode-table.ts";
import { isApproximate } from "../../../src/core/format.ts";
import type { IncidentCollection, IncidentFeature } from "../../../src/core/incident.ts";
import {
  FLAG_BITS,
  type IncidentTable,
  POSITION_TOLERANCE_M,
  ROLE_BITS,
  TABLE_FILES,
  type TableHeader,
} from "../../../src/core/incident-table.ts";
import { checkTableHeader } from "../../../src/core/table-header.ts";
import { createTableFiles, IncidentTableWriter } from "../../../src/core/table-writer.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** The features in GeoJSON order (date_start, then id), as the table stores them. */
function inOrder(features: IncidentFeature[]): IncidentFeature[] {
  return [...features].sort((a, b) =>
    a.properties.date_start < b.properties.date_start
      ? -1
      : a.properties.date_start > b.properties.date_start
        ? 1
        : a.properties.id < b.properties.id
          ? -1
          : a.properties.id > b.properties.id
            ? 1
            : 0,
  );
}

/**
 * A generated collection with the cases the generator leaves out: incidents without a governorate, contested,
 * exact, with a missing or reversed end, month and year precision, actors, sources and types meta lacks.
 */
const collectionArbitrary = fc
  .record({
    count: fc.integer({ min: 0, max: 60 }),
    seed: fc.integer(),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { maxLength: 12 }),
    shuffle: fc.boolean(),
  })
  .map(({ count, seed, edits, shuffle }) => {
    const collection = createSyntheticCollection(count, { seed, actors: 14, sources: 30 });
    const features = collection.features;
    for (const [i, kind] of edits) {
      const feature = features[i % Math.max(1, features.length)];
      if (!feature) break;
      const p = feature.properties;
      if (kind === 0) p.governorate = null;
      else if (kind === 1) p.contested = true;
      else if (kind === 2) p.location_precision = "exact";
      else if (kind === 3) p.date_end = "";
      else if (kind === 4)
        p.date_end = "2000-01-01"; // before date_start: read as a one-day incident
      else if (kind === 5)
        p.targets.push({ id: "not-in-meta", name: { en: "Stray Band", ar: "عصابة" }, color: "#123456" });
      else if (kind === 6) p.source_ids = [...p.source_ids, "src-only-listed"];
      else p.event_type = "unlisted-type";
    }
    if (!shuffle) collection.features = inOrder(features);
    return collection;
  });

/** What the table should say of a feature's actors: id → role bits, in first-met order. */
function expectedActors(feature: IncidentFeature): [string, number][] {
  const roles = new Map<string, number>();
  const p = feature.properties;
  const add = (id: string, bit: number) => roles.set(id, (roles.get(id) ?? 0) | bit);
  for (const a of p.perpetrators) add(a.id, ROLE_BITS.perpetrator);
  for (const a of p.targets) add(a.id, ROLE_BITS.target);
  for (const c of p.claims) add(c.claimant.id, ROLE_BITS.claimant);
  return [...roles];
}

function actorsAt(table: IncidentTable, p: number): [string, number][] {
  const out: [string, number][] = [];
  for (let k = table.actors.offsets[p] as number; k < (table.actors.offsets[p + 1] as number); k++) {
    out.push([
      table.meta.actors[table.actors.codes[k] as number]?.id as string,
      table.actors.roles[k] as number,
    ]);
  }
  return out;
}

function sourcesAt(table: IncidentTable, p: number): string[] {
  const out: string[] = [];
  for (let k = table.sources.offsets[p] as number; k < (table.sources.offsets[p + 1] as number); k++) {
    out.push(table.meta.sources[table.sources.codes[k] as number]?.id as string);
  }
  return out;
}

function shardFeature(files: Map<string, Uint8Array>, table: IncidentTable, p: number): IncidentFeature {
  const shard = JSON.parse(
    text(files.get(TABLE_FILES.shard(Math.floor(p / table.shardSize)))),
  ) as IncidentFeature[];
  return shard[p % table.shardSize] as IncidentFeature;
}

/** Metres between two points (equirectangular: exact enough at metres). */
function metresBetween([x1, y1]: [number, number], [x2, y2]: [number, number]): number {
  const rad = Math.PI / 180;
  const dx = (x2 - x1) * Math.cos(y1 * rad);
  return Math.hypot(dx, y2 - y1) * rad * 6_371_008.8;
}

/**
 * The table's position of p is the feature's point within the header's stated precision: exactly its float32 when
 * stored as f32; within half a step (and POSITION_TOLERANCE_M) when stored as u16 steps.
 */
function expectPosition(
  header: TableHeader,
  table: IncidentTable,
  p: number,
  [x, y]: [number, number],
): void {
  const lon = table.lon[p] as number;
  const lat = table.lat[p] as number;
  for (const [layout, value, truth] of [
    [header.columns.lon, lon, x],
    [header.columns.lat, lat, y],
  ] as const) {
    if (layout.type === "f32") {
      expect(value).toBe(Math.fround(truth));
    } else {
      expect(layout.type).toBe("u16");
      // Half a step, plus float32's own rounding of the decoded value.
      const slack = (layout.step as number) / 2 + Math.abs(truth) * 2 ** -23;
      expect(Math.abs(value - truth)).toBeLessThanOrEqual(slack);
    }
  }
  expect(metresBetween([x, y], [lon, lat])).toBeLessThanOrEqual(POSITION_TOLERANCE_M);
}

// Generous: the property test builds and reads back 80 tables, slow on a busy machine.
describe("the incident table", { timeout: 30_000 }, () => {
  it("reads back every incident's fields and its shard feature as the GeoJSON has them", () => {
    fc.assert(
      fc.property(collectionArbitrary, fc.integer({ min: 1, max: 9 }), (collection, shardSize) => {
        const files = createTableFiles(collection, { shardSize });
        const table = readTableFiles(files);
        const header = JSON.parse(text(files.get(TABLE_FILES.header))) as TableHeader;
        const features = inOrder(collection.features);
        const ids = JSON.parse(text(files.get(TABLE_FILES.ids))) as string[];
        expect(table.count).toBe(features.length);
        expect(table.shardCount).toBe(Math.ceil(features.length / shardSize));
        expect(ids).toEqual(features.map((f) => f.properties.id));
        features.forEach((feature, p) => {
          const f = feature.properties;
          const start = isoDayToDayNumber(f.date_start);
          const end = f.date_end ? Math.max(start, isoDayToDayNumber(f.date_end)) : start;
          expect(table.dayStart[p]).toBe(start);
          expect(table.dayEnd[p]).toBe(end);
          expectPosition(header, table, p, feature.geometry.coordinates as [number, number]);
          expect(table.radiusKm[p]).toBe(Math.fround(f.radius_km));
          expect(table.meta.event_types[table.type[p] as number]?.id).toBe(f.event_type);
          const g = table.governorate[p] as number;
          expect(g === 0 ? null : table.meta.governorates[g - 1]?.id).toBe(f.governorate?.id ?? null);
          expect(table.flags[p]).toBe(
            (isApproximate(f) ? FLAG_BITS.approximate : 0) | (f.contested ? FLAG_BITS.contested : 0),
          );
          expect(table.datePrecision[p]).toBe({ day: 0, month: 1, year: 2 }[f.date_precision]);
          expect(actorsAt(table, p)).toEqual(expectedActors(feature));
          expect(sourcesAt(table, p)).toEqual([
            ...new Set([...f.claims.map((c) => c.source.id), ...f.source_ids]),
          ]);
          expect(shardFeature(files, table, p)).toEqual(feature);
          expect(table.endPrefixMax[p]).toBe(Math.max(...Array.from(table.dayEnd.subarray(0, p + 1))));
        });
        if (features.length > 0) {
          expect(table.minDay).toBe(Math.min(...table.dayStart));
          expect(table.maxDay).toBe(Math.max(...table.dayEnd));
        }
      }),
      { numRuns: 80 },
    );
  });

  it("keeps meta's codes and appends an id meta lacks instead of dropping it, without touching the caller's meta", () => {
    const collection = createSyntheticCollection(5, { seed: 1, actors: 12 });
    const stray = { id: "not-in-meta", name: { en: "Stray Band", ar: "عصابة" }, color: "#123456" };
    collection.features[0]?.properties.targets.push(stray);
    const actorsBefore = collection.meta.actors.length;
    const table = readTableFiles(createTableFiles(collection));
    expect(table.meta.actors.slice(0, actorsBefore)).toEqual(collection.meta.actors);
    expect(table.meta.actors[actorsBefore]).toEqual({ ...stray, aliases: [], kind: "unknown", parent: null });
    expect(collection.meta.actors).toHaveLength(actorsBefore);
  });

  it("stores each column in the narrowest type that holds it (exactly, or within the position tolerance)", () => {
    const headerOf = (collection: IncidentCollection) =>
      checkTableHeader(JSON.parse(text(createTableFiles(collection).get("table.json"))));
    const small = headerOf(createSyntheticCollection(50));
    expect(small.columns.actorCodes.type).toBe("u8");
    expect(small.columns.sourceCodes.type).toBe("u8");
    expect(small.columns.dayEnd.type).toBe("u16"); // some month and year spans
    expect(small.columns.lon.type).toBe("u16"); // north and east Syria: steps of a few metres
    expect(small.columns.lat.type).toBe("u16");
    expect(small.columns.radiusKm.type).toBe("u16"); // whole and tenth kilometres
    expect(small.columns.counts.type).toBe("u8");
    expect(small.columns.flagsPrecision.type).toBe("u8");
    const many = createSyntheticCollection(50, { actors: 400, sources: 70_000 });
    const header = headerOf(many);
    expect(header.columns.actorCodes.type).toBe("u16");
    expect(header.columns.sourceCodes.type).toBe("u32");

    // Days apart by more than 255 days: u16 differences; all on one day: u8 spans of 0.
    const spread = createSyntheticCollection(3, { seed: 5 });
    spread.features.forEach((feature, i) => {
      const day = `${2000 + 2 * i}-01-01`;
      Object.assign(feature.properties, { date_start: day, date_end: day, date_precision: "day" });
    });
    const days = headerOf(spread);
    expect(days.columns.dayStart).toMatchObject({ type: "u16", base: isoDayToDayNumber("2000-01-01") });
    expect(days.columns.dayEnd.type).toBe("u8");

    // Points across the world: a u16 step would be hundreds of metres, so float32.
    const world = createSyntheticCollection(3, { seed: 6 });
    (world.features[0] as IncidentFeature).geometry.coordinates = [-170.5, -60.25];
    (world.features[1] as IncidentFeature).geometry.coordinates = [170.5, 70.125];
    const worldHeader = headerOf(world);
    expect(worldHeader.columns.lon.type).toBe("f32");
    expect(worldHeader.columns.lat.type).toBe("f32");

    // A radius that is no whole number of tenths, and 16 sources: float32 radii and one byte per count.
    const odd = createSyntheticCollection(3, { seed: 7, sources: 30 });
    const first = (odd.features[0] as IncidentFeature).properties;
    first.radius_km = 2.25;
    first.source_ids = Array.from({ length: 16 }, (_, k) => `src-extra-${k}`);
    const oddHeader = headerOf(odd);
    expect(oddHeader.columns.radiusKm.type).toBe("f32");
    expect(oddHeader.columns.counts.type).toBe("u16");
    const table = readTableFiles(createTableFiles(odd));
    const sourceCounts = Array.from({ length: table.count }, (_, p) => sourcesAt(table, p).length);
    expect(Math.max(...sourceCounts)).toBeGreaterThanOrEqual(16);
    expect(table.radiusKm).toContain(Math.fround(2.25));
  });

  it("emits each shard as soon as it is full, and the rest at finish", () => {
    const collection = createSyntheticCollection(10);
    const names: string[] = [];
    const writer = new IncidentTableWriter(collection.meta, {
      shardSize: 4,
      onFile: (name) => names.push(name),
    });
    for (const feature of inOrder(collection.features).slice(0, 5)) writer.add(feature);
    expect(names).toEqual(["shard-0.json"]);
    writer.finish();
    expect(names).toEqual([
      "shard-0.json",
      "shard-1.json",
      "search-tokens.txt",
      "search-offsets.bin",
      "search-0.bin",
      "ids.json",
      "relations.bin",
      "table.bin",
      "table.json",
    ]);
  });

  it("refuses features out of date order, naming both incidents", () => {
    const [a, b] = inOrder(createSyntheticCollection(2, { seed: 3 }).features) as [
      IncidentFeature,
      IncidentFeature,
    ];
    const writer = new IncidentTableWriter(createSyntheticCollection(0).meta, { onFile: () => undefined });
    writer.add(b);
    expect(() => writer.add(a)).toThrow(
      `incident ${a.properties.id} (date_start ${a.properties.date_start}) comes after ${b.properties.id}, which starts later: add the features in the GeoJSON's order (date_start, then id)`,
    );
  });

  it("writes an empty table for no incidents", () => {
    const empty: IncidentCollection = { ...createSyntheticCollection(0), features: [] };
    const table = readTableFiles(createTableFiles(empty));
    expect(table.count).toBe(0);
    expect(table.bbox).toBeNull();
    expect(table.minDay).toBe(0);
  });
});

describe("checkTableHeader and decodeTable", () => {
  const files = createTableFiles(createSyntheticCollection(20));
  const header = JSON.parse(text(files.get("table.json"))) as TableHeader;
  const bin = (files.get("table.bin") as Uint8Array).slice().buffer;
  const relations = (files.get("relations.bin") as Uint8Array).slice().buffer;

  it("refuses a table of another version (the first format too) and says how to get one this app reads", () => {
    expect(() => checkTableHeader({ ...header, version: 1 })).toThrow(
      "the incident table is version 1 but this app reads version 3: rebuild the data with npm run data:build",
    );
    expect(() => checkTableHeader({ ...header, version: 2 })).toThrow(
      "is version 2 but this app reads version 3",
    );
  });

  it("refuses a quantised column without its base and step", () => {
    const { step: _, ...lon } = header.columns.lon;
    expect(header.columns.lon.type).toBe("u16");
    expect(() => checkTableHeader({ ...header, columns: { ...header.columns, lon } })).toThrow(
      "table.json is damaged (column lon has no valid base and step): rebuild the data with npm run data:build",
    );
  });

  it("refuses a file that is not a table", () => {
    expect(() => checkTableHeader({ type: "FeatureCollection" })).toThrow(
      'table.json is not an Incident Atlas table (its format is missing, expected "incident-atlas-table"): rebuild the data with npm run data:build',
    );
    expect(() => checkTableHeader([1, 2])).toThrow("table.json is not an Incident Atlas table");
  });

  it("refuses a damaged header, naming what is wrong", () => {
    const { dayStart: _, ...columns } = header.columns;
    expect(() => checkTableHeader({ ...header, columns })).toThrow(
      "table.json is damaged (column dayStart has no valid type, offset and length): rebuild the data with npm run data:build",
    );
  });

  it("refuses a truncated table.bin, with both sizes", () => {
    expect(() => decodeCore(checkTableHeader(header), bin.slice(0, 100))).toThrow(
      `table.bin is 100 bytes, the header expects ${header.bytes}: the file is truncated; upload it again, or rebuild the data with npm run data:build`,
    );
  });

  it("refuses a table.bin of another build", () => {
    const longer = new Uint8Array(header.bytes + 8);
    expect(() => decodeCore(checkTableHeader(header), longer.buffer)).toThrow(
      `table.bin is ${header.bytes + 8} bytes, the header expects ${header.bytes}: it is not the table.bin of this table.json; rebuild the data with npm run data:build and deploy the whole table folder`,
    );
  });

  it("refuses a truncated relations.bin, with both sizes", () => {
    expect(() => decodeRelations(checkTableHeader(header), relations.slice(0, 16))).toThrow(
      `relations.bin is 16 bytes, the header expects ${header.relationBytes}: the file is truncated; upload it again, or rebuild the data with npm run data:build`,
    );
  });

  it("decodes table.bin alone, then the relations, into the table readTableFiles gives", () => {
    const core = decodeCore(checkTableHeader(header), bin.slice(0));
    expect("actors" in core).toBe(false);
    expect({ ...core, ...decodeRelations(checkTableHeader(header), relations.slice(0)) }).toEqual(
      readTableFiles(files),
    );
  });
});
