import { describe, expect, it } from "vitest";
import { activeFilterChips, createFilterVocabulary } from "../../../src/core/active-filters.ts";
import { NO_FILTERS } from "../../../src/core/view-state.ts";
import { source } from "./incident-fixture.ts";

const vocabulary = createFilterVocabulary({
  actors: [
    {
      id: "sdf",
      name: { en: "Syrian Democratic Forces", ar: "قوات سوريا الديمقراطية" },
      color: "#000000",
      aliases: [],
      kind: "armed-group",
      parent: null,
    },
  ],
  sources: [source("src-004", "North Pulse", "2022-01-25")],
  event_types: [
    { id: "prison-break", name: { en: "Prison attack / escape", ar: "هجوم على سجن" }, color: "#999933" },
  ],
  governorates: [{ id: "SY-HA", name: { en: "Al-Hasakah", ar: "الحسكة" } }],
});

describe("activeFilterChips", () => {
  it("gives no chips without filters", () => {
    expect(activeFilterChips(NO_FILTERS, vocabulary)).toEqual([]);
  });

  it("names each chip in both languages, in a fixed order", () => {
    const chips = activeFilterChips(
      {
        from: "2022-01-20",
        to: null,
        actors: ["sdf"],
        role: "target",
        sources: ["src-004"],
        types: ["prison-break"],
        governorates: ["SY-HA"],
        q: " prison ",
      },
      vocabulary,
    );
    expect(chips.map((c) => [c.key, c.value, c.name.en, c.name.ar])).toEqual([
      ["date", "2022-01-20..", "2022-01-20 – …", "2022-01-20 – …"],
      ["actor", "sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية"],
      ["role", "target", "target", "الجهة المستهدَفة"],
      ["source", "src-004", "North Pulse", "North Pulse"],
      ["type", "prison-break", "Prison attack / escape", "هجوم على سجن"],
      ["gov", "SY-HA", "Al-Hasakah", "الحسكة"],
      ["q", " prison ", "prison", "prison"],
    ]);
    expect(chips[0]?.range).toEqual({ from: "2022-01-20", to: null });
    expect(chips[3]?.detail).toBe("2022-01-25");
  });

  it("shows an id missing from the vocabulary as itself", () => {
    expect(activeFilterChips({ ...NO_FILTERS, actors: ["ghost"] }, vocabulary)[0]?.name).toEqual({
      en: "ghost",
      ar: "ghost",
    });
  });

  it("shows no role chip when no actor is chosen, since the role then narrows nothing", () => {
    expect(activeFilterChips({ ...NO_FILTERS, role: "perpetrator" }, vocabulary)).toEqual([]);
  });
});
