import { describe, expect, it } from "vitest";
import { ImportCatalog } from "../../../../src/pipeline/import/catalog.ts";
import type { DatasetEvent } from "../../../../src/pipeline/import/dataset-event.ts";
import { ACLED_GEO_PRECISION } from "../../../../src/pipeline/import/precision.ts";

const curatedPlace = {
  id: "tall-tamr",
  name_en: "Tall Tamr",
  name_ar: "تل تمر",
  aliases: "",
  lat: "36.65",
  lon: "40.37",
  kind: "town",
  governorate: "hasakah",
  coord_source: "",
};

function event(eventId: string, placeName: string, lat: number, lon: number): DatasetEvent {
  return {
    dataset: "acled",
    eventId,
    row: 2,
    date: { date_start: "2024-03-02", date_end: "", date_precision: "day" },
    lat,
    lon,
    place: ACLED_GEO_PRECISION["1"] ?? (undefined as never),
    placeName,
    admin: [],
    event_type: "attack",
    typeLabel: "Violence against civilians: Attack",
    perpetrators: [],
    targets: [],
    deaths: null,
    reportedBy: "",
    reportedOn: "",
    recordDay: null,
  };
}

describe("the import's places", () => {
  it("match a name within reach of a place, add one beyond it, and give a point asked again the same answer", () => {
    const catalog = new ImportCatalog([], [curatedPlace]);
    const ids = [
      event("SYR1", "Tall Tamr", 36.65, 40.37), // the curated point
      event("SYR2", "Tall Tamr", 36.7, 40.45), // about 9 km away: the same place
      event("SYR3", "Tall Tamr", 37.2, 40.37), // about 61 km north: another place of that name
      event("SYR4", "Tall Tamr", 37.2, 40.37),
      event("SYR5", "Tall Tamr", 37.21, 40.38), // beside the new one
      event("SYR6", "Tall Tamr", 36.7, 40.45), // back near the curated one
      event("SYR7", "TALL  TAMR", 36.65, 40.37), // the name as another export spells it
    ].map((e) => catalog.placeFor(e).id);
    expect(ids).toEqual([
      "tall-tamr",
      "tall-tamr",
      "tall-tamr-2",
      "tall-tamr-2",
      "tall-tamr-2",
      "tall-tamr",
      "tall-tamr",
    ]);
    expect(catalog.newPlaces.map((p) => [p.id, p.lat, p.lon])).toEqual([["tall-tamr-2", "37.2", "40.37"]]);
    expect([...catalog.usedPlaces]).toEqual(["tall-tamr"]);
  });

  it("give a nameless event a place of its own every time", () => {
    const catalog = new ImportCatalog([], []);
    const a = catalog.placeFor(event("SYR8", "", 36.5, 40.7));
    const b = catalog.placeFor(event("SYR9", "", 36.5, 40.7));
    expect(a.id).not.toBe(b.id);
    expect(catalog.newPlaces).toHaveLength(2);
  });
});

describe("the import's actors", () => {
  it("give a name the same actor each time, however the export spells its case and accents", () => {
    const catalog = new ImportCatalog(
      [
        {
          id: "sdf",
          name_en: "Syrian Democratic Forces",
          name_ar: "",
          aliases: "SDF",
          kind: "",
          parent: "",
          color: "",
        },
      ],
      [],
    );
    const ids = [
      "SDF",
      "Sdf",
      "Syrian Democratic Forces",
      "Armed Group 1",
      "ARMED GROUP 1",
      "Armed Group 1",
    ].map((n) => catalog.actorFor(n));
    expect(ids).toEqual(["sdf", "sdf", "sdf", "armed-group-1", "armed-group-1", "armed-group-1"]);
    expect(catalog.newActors.map((a) => a.aliases)).toEqual(["Armed Group 1"]);
    expect([...catalog.usedActors]).toEqual(["sdf"]);
  });
});
