import { describe, expect, it } from "vitest";
import { describeCaption, describeFilters, describeView } from "../../../src/core/describe-view.ts";
import type {
  CollectionMeta,
  IncidentCollection,
  IncidentFeature,
  SourceRef,
} from "../../../src/core/incident.ts";
import { type Filters, NO_FILTERS } from "../../../src/core/view-state.ts";

const northPulse: SourceRef = {
  id: "src-004",
  outlet: { en: "North Pulse", ar: "نورث بالس" },
  published: "2022-01-25",
  published_precision: "day",
  language: "ar",
  url: null,
  affiliation: { en: "", ar: "" },
};
const monthlyReport: SourceRef = {
  ...northPulse,
  id: "src-009",
  outlet: { en: "Monthly Monitor", ar: "المرصد الشهري" },
  published: "2025-04",
  published_precision: "month",
};

const meta: CollectionMeta = {
  actors: [
    {
      id: "sdf",
      name: { en: "SDF", ar: "قسد" },
      color: "#e6b800",
      aliases: [],
      kind: "armed-group",
      parent: null,
    },
    {
      id: "isis",
      name: { en: "ISIS", ar: "داعش" },
      color: "#000000",
      aliases: [],
      kind: "armed-group",
      parent: null,
    },
    {
      id: "asayish",
      name: { en: "Asayish", ar: "الأسايش" },
      color: "#aa0000",
      aliases: [],
      kind: "security-force",
      parent: null,
    },
  ],
  sources: [northPulse, monthlyReport],
  event_types: [
    { id: "airstrike", name: { en: "Airstrike", ar: "غارة جوية" }, color: "#332288" },
    { id: "prison-break", name: { en: "Prison attack", ar: "هجوم على سجن" }, color: "#999933" },
  ],
  governorates: [{ id: "SY-HA", name: { en: "Al-Hasakah", ar: "الحسكة" } }],
};

function filters(changes: Partial<Filters>): Filters {
  return { ...NO_FILTERS, ...changes };
}

describe("describeView", () => {
  it("says a view without filters shows all incidents", () => {
    expect(describeView(NO_FILTERS, meta, "en")).toBe("All incidents");
    expect(describeView(NO_FILTERS, meta, "ar")).toBe("كل الحوادث");
  });

  it("names the date range, the actor with its role and the source with its date", () => {
    const view = filters({
      from: "2022-01-20",
      to: "2022-01-30",
      actors: ["sdf"],
      role: "target",
      sources: ["src-004"],
    });
    expect(describeView(view, meta, "en")).toBe(
      "Incidents 20 Jan 2022 – 30 Jan 2022 · actor: SDF (target) · source: North Pulse, 25 Jan 2022",
    );
    expect(describeView(view, meta, "ar")).toBe(
      "الحوادث من ٢٠ كانون الثاني ٢٠٢٢ إلى ٣٠ كانون الثاني ٢٠٢٢ · الجهة: قسد (مستهدَفة) · المصدر: نورث بالس، ٢٥ كانون الثاني ٢٠٢٢",
    );
  });

  it("describes an open-ended date range from one side", () => {
    expect(describeView(filters({ from: "2022-01-20" }), meta, "en")).toBe("Incidents from 20 Jan 2022");
    expect(describeView(filters({ to: "2022-01-30" }), meta, "en")).toBe("Incidents until 30 Jan 2022");
    expect(describeView(filters({ to: "2022-01-30" }), meta, "ar")).toBe("الحوادث حتى ٣٠ كانون الثاني ٢٠٢٢");
  });

  it("lists several actors as alternatives, since any of them matches", () => {
    const view = filters({ actors: ["sdf", "isis"], role: "any" });
    expect(describeView(view, meta, "en")).toBe("Incidents · actors: SDF or ISIS");
    expect(describeView(view, meta, "ar")).toBe("الحوادث · الجهات: قسد أو داعش");
  });

  it("dates a source at its own precision", () => {
    expect(describeView(filters({ sources: ["src-009"] }), meta, "en")).toBe(
      "Incidents · source: Monthly Monitor, Apr 2025",
    );
  });

  it("names event types, governorates and the search text in the chosen language", () => {
    const view = filters({ types: ["airstrike"], governorates: ["SY-HA"], q: "  prison " });
    expect(describeView(view, meta, "en")).toBe(
      "Incidents · type: Airstrike · governorate: Al-Hasakah · search: “prison”",
    );
    expect(describeView(view, meta, "ar")).toBe(
      "الحوادث · النوع: غارة جوية · المحافظة: الحسكة · بحث: «prison»",
    );
  });

  it("shows an id the data does not know instead of hiding that filter", () => {
    expect(describeView(filters({ actors: ["ghost-brigade"], role: "perpetrator" }), meta, "en")).toBe(
      "Incidents · actor: ghost-brigade (perpetrator)",
    );
  });

  it("cuts a long list after three names and says how many more", () => {
    const view = filters({ actors: ["sdf", "isis", "asayish", "a", "b"], role: "claimant" });
    expect(describeView(view, meta, "en")).toBe("Incidents · actors: SDF, ISIS, Asayish, +2 more (claimant)");
  });

  it("cuts a long list in Arabic with Arabic commas and the count in Arabic digits, like every number the UI shows", () => {
    const view = filters({ actors: ["sdf", "isis", "asayish", "a", "b"] });
    expect(describeView(view, meta, "ar")).toBe("الحوادث · الجهات: قسد، داعش، الأسايش، و٢ غيرها");
  });
});

describe("describeFilters", () => {
  it("gives one phrase per active filter", () => {
    expect(describeFilters(filters({ from: "2022-01-20", types: ["airstrike"] }), meta, "en")).toEqual([
      "Incidents from 20 Jan 2022",
      "type: Airstrike",
    ]);
  });
});

function incident(id: string, date: string, type: string, source: SourceRef): IncidentFeature {
  const sdf = { id: "sdf", name: { en: "SDF", ar: "قسد" }, color: "#e6b800" };
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [40.7, 36.4] },
    properties: {
      id,
      title: { en: id, ar: id },
      summary: { en: "", ar: "" },
      date_start: date,
      date_end: date,
      date_start_raw: date,
      date_end_raw: date,
      date_precision: "day",
      place: { id: "p", name: { en: "P", ar: "P" }, kind: "town" },
      location_precision: "town",
      radius_km: 2,
      governorate: null,
      position: { en: "P", ar: "P" },
      event_type: type,
      perpetrators: [],
      targets: [],
      claims: [
        {
          id: `${id}-claim`,
          claimant: sdf,
          source,
          stance: "asserts",
          text: { en: "", ar: "" },
          killed: null,
          injured: null,
          captured: null,
        },
      ],
      source_ids: [source.id],
      contested: false,
    },
  };
}

describe("describeCaption", () => {
  const collection: IncidentCollection = {
    type: "FeatureCollection",
    features: [
      incident("a", "2022-01-21", "prison-break", northPulse),
      incident("b", "2022-03-02", "airstrike", monthlyReport),
      incident("c", "2023-07-09", "airstrike", northPulse),
    ],
    meta,
  };

  it("spans the dates of the shown incidents when no date filter is set", () => {
    expect(describeCaption(collection, [0, 1], NO_FILTERS, "en").dateRange).toBe("21 Jan 2022 – 2 Mar 2022");
  });

  it("uses the date filter's bounds when one is set", () => {
    const caption = describeCaption(collection, [0], filters({ from: "2022-01-01", to: "2022-12-31" }), "en");
    expect(caption.dateRange).toBe("1 Jan 2022 – 31 Dec 2022");
  });

  it("has a legend of only the event types shown, with their colours", () => {
    expect(describeCaption(collection, [1, 2], NO_FILTERS, "ar").legend).toEqual([
      { label: "غارة جوية", color: "#332288" },
    ]);
  });

  it("takes event type names and colours from the vocabulary when the data carries none", () => {
    const bare = { ...collection, meta: { ...meta, event_types: [] } };
    expect(describeCaption(bare, [0], NO_FILTERS, "en").legend).toEqual([
      { label: "Prison attack / escape", color: "#999933" },
    ]);
  });

  it("credits each outlet the shown incidents rest on, once", () => {
    expect(describeCaption(collection, [0, 1, 2], NO_FILTERS, "en").sourceCredits).toBe(
      "Sources: Monthly Monitor; North Pulse",
    );
    expect(describeCaption(collection, [], NO_FILTERS, "en").sourceCredits).toBe("");
  });
});
