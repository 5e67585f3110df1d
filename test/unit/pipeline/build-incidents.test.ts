import { describe, expect, it } from "vitest";
import {
  buildIncidents,
  formatRowError,
  type SheetTexts,
  stringifyCollection,
} from "../../../src/pipeline/index.ts";
import { caseSheets, reference, TODAY, withCell } from "./sheets.ts";

const build = (sheets: SheetTexts) => buildIncidents(sheets, reference, { today: TODAY });
const messages = (sheets: SheetTexts) => build(sheets).errors.map(formatRowError);

describe("buildIncidents", () => {
  it("gives one feature per incident row, sorted by date_start then id", () => {
    const { collection, errors } = build(caseSheets("valid-minimal"));
    expect(errors).toEqual([]);
    expect(collection?.features.map((f) => [f.properties.date_start, f.id])).toEqual([
      ["2021-01-01", "desert-clash-2021"],
      ["2022-01-20", "ghuwayran-prison-attack-2022"],
      ["2023-05-01", "raqqa-arrests-2023-05"],
    ]);
  });

  it("expands month and year dates to full days and keeps what was entered", () => {
    const features = build(caseSheets("valid-minimal")).collection?.features ?? [];
    const raqqa = features.find((f) => f.id === "raqqa-arrests-2023-05")?.properties;
    expect([raqqa?.date_start, raqqa?.date_end, raqqa?.date_start_raw, raqqa?.date_end_raw]).toEqual([
      "2023-05-01",
      "2023-05-31",
      "2023-05",
      "2023-05",
    ]);
  });

  it("derives governorate and position from the place, or from a lat/lon override", () => {
    const features = build(caseSheets("valid-minimal")).collection?.features ?? [];
    const byId = new Map(features.map((f) => [f.id, f.properties]));
    expect(byId.get("ghuwayran-prison-attack-2022")?.governorate?.id).toBe("SY-HA");
    expect(byId.get("ghuwayran-prison-attack-2022")?.position).toEqual({
      en: "3 km S of Al-Hasakah",
      ar: "٣ كم جنوب الحسكة",
    });
    expect(byId.get("raqqa-arrests-2023-05")?.position).toEqual({ en: "in Raqqa", ar: "في الرقة" });
    const desert = features.find((f) => f.id === "desert-clash-2021");
    expect(desert?.geometry.coordinates).toEqual([40.8, 34.7]);
    expect(desert?.properties.governorate?.id).toBe("SY-DY");
  });

  it("marks an incident contested when a claim disputes or denies, and reads Arabic-Indic figures", () => {
    const features = build(caseSheets("valid-minimal")).collection?.features ?? [];
    const prison = features.find((f) => f.id === "ghuwayran-prison-attack-2022")?.properties;
    expect(prison?.contested).toBe(true);
    expect(prison?.claims.map((c) => [c.claimant.id, c.stance, c.killed])).toEqual([
      ["sdf", "asserts", 300],
      ["isis", "disputes", null],
    ]);
    expect(features.find((f) => f.id === "raqqa-arrests-2023-05")?.properties.contested).toBe(false);
  });

  it("gives the bbox of all incidents and the vocabularies in meta", () => {
    const collection = build(caseSheets("valid-minimal")).collection;
    expect(collection?.bbox).toEqual([39.0079, 34.7, 40.8, 36.4752]);
    expect(collection?.meta.actors.map((a) => a.id)).toEqual(["asayish", "isis", "sdf", "sohr"]);
    expect(collection?.meta.governorates).toHaveLength(14);
    expect(collection?.meta.event_types.map((t) => t.id)).toContain("prison-break");
  });

  it("reads sheets with a BOM and CRLF line ends exactly like plain ones, Arabic byte for byte", () => {
    expect(build(caseSheets("bom-crlf")).collection).toEqual(build(caseSheets("valid-minimal")).collection);
    const title = build(caseSheets("bom-crlf")).collection?.features[1]?.properties.title.ar;
    expect(title).toBe("هجوم على سجن غويران");
  });

  it("reports a missing sheet file by name and builds nothing", () => {
    const { "claims.csv": _, ...rest } = caseSheets("valid-minimal");
    const result = build(rest);
    expect(result.collection).toBeNull();
    expect(result.errors.map(formatRowError)).toEqual([
      "claims.csv: is missing. Fix: create claims.csv next to the other sheets, with the header id,incident,claimant,source,stance,claim_en,claim_ar.",
    ]);
  });

  it("counts rows with a line break inside a quoted cell as one spreadsheet row", () => {
    const sheets = withCell("incidents.csv", 2, "summary_en", "First line.\nSecond line.");
    const result = build(withCell("incidents.csv", 3, "event_type", "riot", sheets));
    expect(result.errors.map(formatRowError)).toEqual([
      'incidents.csv row 3, column event_type: "riot" is not an event type. Fix: use one of: attack, armed-clash, airstrike, raid, shelling, bombing, killing, arrest, prison-break.',
    ]);
  });
});

describe("validation rules, one message each", () => {
  const cases: [string, SheetTexts, string][] = [
    [
      "an id that is not a slug",
      withCell("claims.csv", 2, "id", "Ghuwayran SDF"),
      'claims.csv row 2, column id: "Ghuwayran SDF" is not a valid id (lowercase a-z, 0-9 and single hyphens). Fix: write it as "ghuwayran-sdf".',
    ],
    [
      "a date that is not real",
      withCell("incidents.csv", 2, "date_start", "2022-13-01"),
      'incidents.csv row 2, column date_start: "2022-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13. Fix: check the month and the day.',
    ],
    [
      "an end before the start",
      withCell("incidents.csv", 2, "date_end", "2022-01-19"),
      'incidents.csv row 2, column date_end: "2022-01-19" is before date_start "2022-01-20". Fix: swap the two dates or correct one of them.',
    ],
    [
      "a date in the future",
      withCell("sources.csv", 2, "published", "2026-01-16"),
      'sources.csv row 2, column published: "2026-01-16" is in the future (today is 2026-01-15). Fix: check the year and the month.',
    ],
    [
      "a date whose shape does not match its precision",
      withCell("incidents.csv", 4, "date_start", "2021-06"),
      'incidents.csv row 4, column date_start: "2021-06" is a month-precise date, but date_precision is "year". Fix: write it as YYYY or set date_precision to month.',
    ],
    [
      "swapped coordinates, with the hint",
      withCell("places.csv", 3, "lat", "39.0079", withCell("places.csv", 3, "lon", "35.9528")),
      'places.csv row 3, column lat: "39.0079" (with lon 35.9528) is outside Syria and its border region. Fix: swap lat and lon? lat 35.9528, lon 39.0079 is inside.',
    ],
    [
      "a figure that is negative",
      withCell("claims.csv", 2, "killed", "-3"),
      'claims.csv row 2, column killed: "-3" is not a non-negative whole number. Fix: write a whole number of people (0 or more), or leave the cell empty when the claim gives none.',
    ],
    [
      "a URL that is not http(s)",
      withCell("sources.csv", 2, "url", "ftp://example.org/a"),
      'sources.csv row 2, column url: "ftp://example.org/a" is not an http:// or https:// address. Fix: paste the full web address, or leave the cell empty.',
    ],
    [
      "an unknown reference, with a suggestion",
      withCell("claims.csv", 2, "claimant", "sfd"),
      'claims.csv row 2, column claimant: "sfd" is not an id in actors.csv. Fix: did you mean "sdf"? Otherwise add a row with this id to actors.csv.',
    ],
    [
      "a word outside the vocabulary",
      withCell("claims.csv", 2, "stance", "confirms"),
      'claims.csv row 2, column stance: "confirms" is not a stance. Fix: use one of: asserts, disputes, denies.',
    ],
    [
      "an empty required cell",
      withCell("incidents.csv", 2, "title_ar", ""),
      "incidents.csv row 2, column title_ar: the cell is empty, but title_ar is required. Fix: fill in title_ar.",
    ],
    [
      "a radius too small for the precision",
      withCell("incidents.csv", 4, "radius_km", "5"),
      'incidents.csv row 4, column radius_km: "5" is smaller than the 10 km a "district" location needs. Fix: set radius_km to at least 10, or choose a more exact location_precision.',
    ],
  ];
  for (const [rule, sheets, expected] of cases) {
    it(`reports ${rule}`, () => {
      expect(messages(sheets)).toEqual([expected]);
    });
  }

  it("warns about an unknown column with a did-you-mean and still builds", () => {
    const base = caseSheets("valid-minimal");
    const sheets = {
      ...base,
      "places.csv": (base["places.csv"] ?? "").replace("coord_source", "coord_sorce"),
    };
    const result = build(sheets);
    expect(result.collection).not.toBeNull();
    expect(result.warnings.map(formatRowError)).toEqual([
      'warning: places.csv row 1, column coord_sorce: unknown column "coord_sorce" is ignored. Fix: did you mean "coord_source"? Rename it.',
    ]);
  });
});

describe("stringifyCollection", () => {
  it("writes each feature exactly as JSON.stringify would, one per line, as valid JSON", () => {
    const collection = build(caseSheets("valid-minimal")).collection;
    if (!collection) throw new Error("valid-minimal has errors");
    const text = stringifyCollection(collection);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(collection)));
    const lines = text.split("\n").filter((l) => l.startsWith('{"type":"Feature"'));
    expect(lines.map((l) => l.replace(/,$/, ""))).toEqual(collection.features.map((f) => JSON.stringify(f)));
  });
});
