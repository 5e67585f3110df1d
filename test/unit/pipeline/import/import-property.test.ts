import { join } from "node:path";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importDataset } from "../../../../src/pipeline/import/index.ts";
import { buildIncidents, formatRowError } from "../../../../src/pipeline/index.ts";
import { readSheets } from "../../../../src/pipeline/node/load.ts";
import { createLocator } from "../../../../src/pipeline/stages/locator.ts";
import { FIXTURES, reference, TODAY } from "../sheets.ts";

const locator = createLocator(reference);
const curated = readSheets(join(FIXTURES, "import", "sheets"));

// Names that stress matching and CSV quoting: commas, quotes, Arabic, a curated alias, near-duplicates.
const actorName = fc.constantFrom(
  "Syrian Democratic Forces",
  "SDF",
  "Group, with a comma",
  'The "Quoted" Brigade',
  "مجموعة مسلحة",
  "Civilians (Syria)",
  "civilians (syria)",
  "",
);
const placeName = fc.constantFrom(
  "Tell Tamer",
  "تل تمر",
  "Raqqa",
  "A village, east side",
  "الهول",
  "",
  "Qamishli",
);
const subType = fc.constantFrom(
  "Armed clash",
  "Attack",
  "Air/drone strike",
  "Arrests",
  "Grenade",
  "Peaceful protest",
);

const acledRow = fc.record({
  id: fc.integer({ min: 1, max: 400 }),
  day: fc.date({
    min: new Date("2015-01-01T00:00:00Z"),
    max: new Date("2025-12-31T00:00:00Z"),
    noInvalidDate: true,
  }),
  time_precision: fc.constantFrom("1", "2", "3"),
  geo_precision: fc.constantFrom("1", "2", "3"),
  sub_event_type: subType,
  battle: fc.boolean(),
  actor1: actorName,
  assoc: fc.array(actorName, { maxLength: 2 }),
  actor2: actorName,
  location: placeName,
  lat: fc.option(fc.double({ min: 35.2, max: 36.9, noNaN: true }), { freq: 8 }),
  lon: fc.double({ min: 38.2, max: 41.4, noNaN: true }),
  fatalities: fc.integer({ min: 0, max: 60 }),
  source: fc.constantFrom("Outlet A", "Outlet A; Outlet B", "Outlet, with comma"),
});

type AcledRow = typeof acledRow extends fc.Arbitrary<infer T> ? T : never;

function acledCsv(rows: AcledRow[]): string {
  return Papa.unparse(
    rows.map((r) => ({
      event_id_cnty: `SYR${r.id}`,
      event_date: r.day.toISOString().slice(0, 10),
      time_precision: r.time_precision,
      event_type: r.battle ? "Battles" : "Violence against civilians",
      sub_event_type: r.sub_event_type,
      actor1: r.actor1,
      assoc_actor_1: r.assoc.join("; "),
      actor2: r.actor2,
      assoc_actor_2: "",
      country: "Syria",
      admin1: "Al-Hasakeh",
      location: r.location,
      latitude: r.lat === null ? "" : r.lat.toFixed(4),
      longitude: r.lon.toFixed(4),
      geo_precision: r.geo_precision,
      source: r.source,
      fatalities: String(r.fatalities),
      timestamp: "1709856000",
    })),
  );
}

const options = {
  dataset: "acled" as const,
  file: "random.csv",
  country: "Syria",
  since: null,
  today: TODAY,
  inRegion: (lon: number, lat: number) => locator.inRegion(lon, lat),
};

// Tens of imports and builds per run: slow on a busy machine, hence the longer timeout.
describe("importDataset with random ACLED exports", { timeout: 120_000 }, () => {
  it("import → check → build: no errors, every event one incident, and importing again changes nothing", () => {
    fc.assert(
      fc.property(fc.array(acledRow, { minLength: 1, maxLength: 25 }), (rows) => {
        const csv = acledCsv(rows);
        const first = importDataset(csv, curated, options);
        const built = buildIncidents(first.sheets, reference, { today: TODAY });
        expect(built.errors.map(formatRowError)).toEqual([]);
        expect(built.counts.incidents).toBe(3 + first.counts.events);
        const skipped = first.problems.length + first.filtered.country + first.filtered.since;
        const outOfScope = [...first.filtered.type.values()].reduce((a, b) => a + b, 0);
        expect(first.counts.events + skipped + outOfScope).toBe(rows.length);

        const again = importDataset(csv, first.sheets, options);
        expect(again.sheets).toEqual(first.sheets);
        expect(buildIncidents(again.sheets, reference, { today: TODAY }).output?.text()).toBe(
          built.output?.text(),
        );
      }),
      { numRuns: 25 },
    );
  });
});
