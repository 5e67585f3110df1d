import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { buildFromDir } from "../../../src/pipeline/node/load.ts";

// The curated sheets in data/ are what journalists will quote, so these tests read the real data, not fixtures.
const ROOT = join(import.meta.dirname, "../../..");
/**
 * The five source articles, by file name. The articles themselves live outside the repository (../shared/seeds),
 * which CI's checkout does not have, so the names are pinned here.
 */
const SEED_FILES = [
  "000_58f3410a6ee9b842.txt",
  "001_ffd4ad19f2a1a5b9.txt",
  "002_47da1345ca6bb968.txt",
  "003_4b97131118e2a211.txt",
  "004_fe820dd276bdc49f.txt",
];
const result = buildFromDir(join(ROOT, "data"));
const features = result.collection?.features ?? [];
const byId = new Map(features.map((f) => [f.properties.id, f.properties]));

/** The five incidents issue 3 names, with the governorate each must be derived into. */
const HEADLINE_INCIDENTS: [id: string, governorate: string][] = [
  ["ghuwayran-prison-attack-2022", "SY-HA"],
  ["malouk-raid-2022", "SY-HA"],
  ["ghanim-al-ali-attack-2025", "SY-RA"],
  ["gharanij-attack-2025", "SY-DY"],
  ["afrin-airstrike-janabi-2024", "SY-HL"],
];

describe("curated incident data", () => {
  it("passes the data check with no errors and no warnings", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(features.length).toBeGreaterThan(0);
  });

  it.each(HEADLINE_INCIDENTS)("places headline incident %s in governorate %s", (id, governorate) => {
    const incident = byId.get(id);
    expect(incident, `${id} is missing`).toBeDefined();
    expect(incident?.governorate?.id).toBe(governorate);
  });

  it("gives every incident at least one claim with a claimant and a source", () => {
    for (const { properties: p } of features) {
      expect(p.claims.length, p.id).toBeGreaterThan(0);
      for (const claim of p.claims) {
        expect(claim.claimant.id, `${p.id}/${claim.id}`).not.toBe("");
        expect(claim.source.id, `${p.id}/${claim.id}`).not.toBe("");
      }
    }
  });

  it("backs every contested incident with claims from at least two different claimants", () => {
    const contested = features.filter((f) => f.properties.contested);
    expect(contested.length).toBeGreaterThan(0);
    for (const { properties: p } of contested) {
      const claimants = new Set(p.claims.map((c) => c.claimant.id));
      expect(claimants.size, p.id).toBeGreaterThanOrEqual(2);
    }
  });

  it("marks the accounts the issue names as disagreeing as contested", () => {
    // Ministry of Defence versus SDF on Ghanim al-Ali; interim government calling the Afrin dead a civilian.
    expect(byId.get("ghanim-al-ali-attack-2025")?.contested).toBe(true);
    expect(byId.get("afrin-airstrike-janabi-2024")?.contested).toBe(true);
  });

  it("traces every incident to at least one of the five articles", () => {
    const articleSourceIds = new Set(["src-000", "src-001", "src-002", "src-003", "src-004"]);
    for (const { properties: p } of features) {
      const cited = p.claims.some((c) => articleSourceIds.has(c.source.id));
      expect(cited, `${p.id} cites no article`).toBe(true);
    }
  });

  it("traces each of the five articles to exactly one source row through its file column", () => {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(ROOT, "data/sources.csv"), "utf8"), {
      header: true,
      skipEmptyLines: true,
    });
    const files = parsed.data.map((row) => row.file ?? "").filter((file) => file !== "");
    expect([...files].sort()).toEqual(SEED_FILES);
  });

  it("gives every outside source that is not one of the articles an http(s) address", () => {
    const outside = result.collection?.meta.sources.filter((s) => !s.id.startsWith("src-")) ?? [];
    expect(outside.length).toBeGreaterThan(0);
    for (const source of outside) expect(source.url, source.id).toMatch(/^https?:\/\//);
  });
});
