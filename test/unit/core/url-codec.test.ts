import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeCameraHash,
  decodeViewState,
  encodeCameraHash,
  encodeViewHref,
  encodeViewState,
  type KnownIds,
  VIEW_PARAMS,
  viewChangeKind,
} from "../../../src/core/url-codec.ts";
import { DEFAULT_VIEW, type Filters, NO_FILTERS, type ViewState } from "../../../src/core/view-state.ts";

const known: KnownIds = {
  actors: new Set(["sdf", "isis", "asayish", "sna"]),
  sources: new Set(["src-001", "src-002", "src-003"]),
  types: new Set(["attack", "airstrike", "prison-break"]),
  governorates: new Set(["SY-HA", "SY-RA", "SY-DY"]),
  incidents: new Set(["ghuwayran-prison-attack-2022", "raqqa-drone-2024"]),
};

function decode(search: string, hash = "") {
  return decodeViewState(search, hash, known);
}

function view(patch: Omit<Partial<ViewState>, "filters"> & { filters?: Partial<Filters> }): ViewState {
  return { ...DEFAULT_VIEW, ...patch, filters: { ...NO_FILTERS, ...patch.filters } };
}

/** One example per key: the view, and the query it is written as. */
const EXAMPLES: [string, ViewState, string][] = [
  ["from", view({ filters: { from: "2022-01-20" } }), "from=2022-01-20"],
  ["to", view({ filters: { to: "2022-01-30" } }), "to=2022-01-30"],
  ["actor", view({ filters: { actors: ["sdf", "isis"] } }), "actor=sdf,isis"],
  ["role", view({ filters: { actors: ["sdf"], role: "target" } }), "actor=sdf&role=target"],
  ["source", view({ filters: { sources: ["src-002", "src-001"] } }), "source=src-002,src-001"],
  ["type", view({ filters: { types: ["prison-break"] } }), "type=prison-break"],
  ["gov", view({ filters: { governorates: ["SY-HA", "SY-DY"] } }), "gov=SY-HA,SY-DY"],
  ["q", view({ filters: { q: "قسد Ghuwayran, 2022" } }), "q=%D9%82%D8%B3%D8%AF%20Ghuwayran%2C%202022"],
  ["id", view({ selected: "raqqa-drone-2024" }), "id=raqqa-drone-2024"],
  ["lang", view({ lang: "ar" }), "lang=ar"],
  ["embed", view({ embed: { ...DEFAULT_VIEW.embed, enabled: true } }), "embed=1"],
  ["lock", view({ embed: { ...DEFAULT_VIEW.embed, locked: true } }), "lock=1"],
  ["controls", view({ embed: { ...DEFAULT_VIEW.embed, controls: false } }), "controls=0"],
  ["timeline", view({ embed: { ...DEFAULT_VIEW.embed, timeline: false } }), "timeline=0"],
];

describe("encodeViewState / decodeViewState", () => {
  it("writes nothing for the default view and reads nothing back", () => {
    expect(encodeViewState(DEFAULT_VIEW)).toBe("");
    expect(decode("")).toEqual({ view: DEFAULT_VIEW, notices: [] });
  });

  it.each(EXAMPLES)("round-trips the %s key", (_key, state, query) => {
    expect(encodeViewState(state)).toBe(query);
    expect(decode(`?${query}`)).toEqual({ view: state, notices: [] });
  });

  it("has an example for every key of the table", () => {
    expect(EXAMPLES.map(([key]) => key)).toEqual(VIEW_PARAMS.map((param) => param.key));
  });

  it("round-trips a view with every key set at once, camera included", () => {
    const everything = view({
      filters: {
        from: "2022-01-20",
        to: "2022-01-30",
        actors: ["isis"],
        role: "perpetrator",
        sources: ["src-003"],
        types: ["attack", "airstrike"],
        governorates: ["SY-HA"],
        q: "prison",
      },
      selected: "ghuwayran-prison-attack-2022",
      lang: "ar",
      camera: { zoom: 8.25, lat: 36.4752, lon: 40.7411 },
      embed: { enabled: true, locked: true, controls: false, timeline: false },
    });
    const href = encodeViewHref(everything);
    const [search = "", hash = ""] = href.split("#");
    expect(decode(search, `#${hash}`)).toEqual({ view: everything, notices: [] });
  });

  it("ignores keys it does not know, without a notice", () => {
    expect(decode("?utm_source=newsletter&fbclid=abc&actor=sdf")).toEqual({
      view: view({ filters: { actors: ["sdf"] } }),
      notices: [],
    });
  });

  it("drops an unknown actor id with a notice and keeps the known ones", () => {
    const { view: v, notices } = decode("?actor=sdf,nobody,isis");
    expect(v.filters.actors).toEqual(["sdf", "isis"]);
    expect(notices).toEqual([{ key: "actor", value: "nobody", reason: "unknown-id" }]);
  });

  it("drops unknown source, type, governorate and incident ids with a notice each", () => {
    const { view: v, notices } = decode("?source=src-999&type=picnic&gov=SY-XX&id=gone");
    expect(v).toEqual(DEFAULT_VIEW);
    expect(notices.map((n) => `${n.key}:${n.value}:${n.reason}`)).toEqual([
      "source:src-999:unknown-id",
      "type:picnic:unknown-id",
      "gov:SY-XX:unknown-id",
      "id:gone:unknown-id",
    ]);
  });

  it("drops a date that is not a date with a notice", () => {
    const { view: v, notices } = decode("?from=yesterday&to=2022-02-30");
    expect(v.filters).toEqual(NO_FILTERS);
    expect(notices).toEqual([
      { key: "from", value: "yesterday", reason: "not-a-date" },
      { key: "to", value: "2022-02-30", reason: "not-a-date" },
    ]);
  });

  it("reads a month or a year as its first day in from and its last day in to", () => {
    expect(decode("?from=2022-02&to=2023").view.filters).toMatchObject({
      from: "2022-02-01",
      to: "2023-12-31",
    });
  });

  it("swaps a reversed date range and says so", () => {
    const { view: v, notices } = decode("?from=2022-03-01&to=2022-01-01");
    expect(v.filters).toMatchObject({ from: "2022-01-01", to: "2022-03-01" });
    expect(notices).toEqual([{ key: "to", value: "2022-01-01", reason: "range-reversed" }]);
  });

  it("drops values outside a key's choices", () => {
    const { view: v, notices } = decode("?role=boss&lang=fr&embed=yes");
    expect(v).toEqual(DEFAULT_VIEW);
    expect(notices.map((n) => n.reason)).toEqual(["not-allowed", "not-allowed", "not-allowed"]);
  });

  it("never keeps an injected script, in any key, and reports it as markup", () => {
    const script = encodeURIComponent("<script>alert(1)</script>");
    const image = encodeURIComponent('"><img src=x onerror=alert(1)>');
    const { view: v, notices } = decode(`?q=${script}&actor=sdf,${image}&id=${script}&from=${script}`);
    expect(JSON.stringify(v)).not.toMatch(/script|onerror|<|>/);
    expect(v.filters.actors).toEqual(["sdf"]);
    expect(v.filters.q).toBe("");
    expect(notices.map((n) => `${n.key}:${n.reason}`)).toEqual([
      "from:markup",
      "actor:markup",
      "q:markup",
      "id:markup",
    ]);
  });

  it("quotes a dropped value as short plain text", () => {
    const long = "x".repeat(500);
    const { notices } = decode(`?actor=${long}`);
    expect(notices[0]?.value.length).toBeLessThanOrEqual(60);
    expect(notices[0]?.value.endsWith("…")).toBe(true);
  });

  it("reports broken percent-encoding instead of throwing", () => {
    const { view: v, notices } = decode("?q=%E0%A4%A&actor=sdf");
    expect(v.filters.actors).toEqual(["sdf"]);
    expect(notices).toEqual([{ key: "q", value: "%E0%A4%A", reason: "malformed" }]);
  });

  it("cuts a search text that is too long and says so", () => {
    const { view: v, notices } = decode(`?q=${"a".repeat(300)}`);
    expect(v.filters.q).toHaveLength(200);
    expect(notices[0]?.reason).toBe("too-long");
  });

  it("reads + as a space, as forms write it", () => {
    expect(decode("?q=al+hol").view.filters.q).toBe("al hol");
  });

  it("keeps the last value of a repeated key", () => {
    expect(decode("?lang=ar&lang=en").view.lang).toBe("en");
  });
});

describe("camera hash", () => {
  it("writes MapLibre's #zoom/lat/lon and reads it back", () => {
    const camera = { zoom: 7.5, lat: 36.2, lon: 40.1 };
    expect(encodeCameraHash(camera)).toBe("#7.5/36.2/40.1");
    expect(decodeCameraHash("#7.5/36.2/40.1")).toEqual({ ok: true, camera });
    expect(encodeCameraHash(null)).toBe("");
  });

  it("ignores MapLibre's optional bearing and pitch", () => {
    expect(decodeCameraHash("#7/36/40/30/45")).toEqual({ ok: true, camera: { zoom: 7, lat: 36, lon: 40 } });
  });

  it("drops a hash that is not a camera with a notice", () => {
    const { view: v, notices } = decode("", "#91/36/abc");
    expect(v.camera).toBeNull();
    expect(notices).toEqual([{ key: "#", value: "91/36/abc", reason: "bad-camera" }]);
    expect(decode("", "#1/100/40").notices[0]?.reason).toBe("bad-camera");
    expect(decode("", "#section-2").notices[0]?.reason).toBe("bad-camera");
  });
});

describe("URL codec properties", () => {
  const pick = <T>(set: ReadonlySet<T>) => fc.uniqueArray(fc.constantFrom(...set), { maxLength: set.size });
  const day = fc
    .date({
      min: new Date("2000-01-01T00:00:00Z"),
      max: new Date("2030-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  // Search text as a reader types it: any letters, no markup, no control characters, no outer spaces.
  const query = fc
    .string({ unit: fc.constantFrom(..."abc xyzقسدالرقة،,;&=?#%+/éÉ'\"1"), maxLength: 40 })
    .map((s) => s.trim());
  const views: fc.Arbitrary<ViewState> = fc
    .record({
      range: fc.option(fc.tuple(fc.option(day), fc.option(day))),
      actors: pick(known.actors),
      role: fc.constantFrom("any", "perpetrator", "target", "claimant"),
      sources: pick(known.sources),
      types: pick(known.types),
      governorates: pick(known.governorates),
      q: query,
      selected: fc.option(fc.constantFrom(...known.incidents)),
      lang: fc.constantFrom("en", "ar"),
      camera: fc.option(
        fc.record({
          zoom: fc.integer({ min: 0, max: 2400 }).map((z) => z / 100),
          lat: fc.integer({ min: -900_000, max: 900_000 }).map((l) => l / 10_000),
          lon: fc.integer({ min: -1_800_000, max: 1_800_000 }).map((l) => l / 10_000),
        }),
      ),
      embed: fc.record({
        enabled: fc.boolean(),
        locked: fc.boolean(),
        controls: fc.boolean(),
        timeline: fc.boolean(),
      }),
    })
    .map(({ range, selected, lang, camera, embed, ...filters }) => {
      const [a = null, b = null] = range ?? [];
      const [from, to] = a !== null && b !== null && a > b ? [b, a] : [a, b];
      return { filters: { ...filters, from, to }, selected, lang, camera, embed };
    });

  it("decodes every encoded view to the same view, with no notice", () => {
    fc.assert(
      fc.property(views, (v) => {
        const href = encodeViewHref(v);
        const hashAt = href.indexOf("#");
        const search = hashAt === -1 ? href : href.slice(0, hashAt);
        const hash = hashAt === -1 ? "" : href.slice(hashAt);
        expect(decode(search, hash)).toEqual({ view: v, notices: [] });
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on garbage and only ever keeps known ids and valid values", () => {
    const junk = fc.string({ unit: "grapheme", maxLength: 60 });
    const pair = fc.tuple(fc.constantFrom(...VIEW_PARAMS.map((p) => p.key), "x", ""), junk);
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), junk, (pairs, hash) => {
        const search = pairs.map(([k, v]) => `${k}=${v}`).join("&");
        const { view: v } = decode(`?${search}`, `#${hash}`);
        for (const id of v.filters.actors) expect(known.actors.has(id)).toBe(true);
        for (const id of v.filters.sources) expect(known.sources.has(id)).toBe(true);
        if (v.selected !== null) expect(known.incidents.has(v.selected)).toBe(true);
        expect(["en", "ar"]).toContain(v.lang);
        expect(v.filters.q).not.toMatch(/[<>]/);
        // Whatever was read writes out and reads back the same.
        expect(decode(encodeViewState(v), encodeCameraHash(v.camera)).view).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });
});

describe("viewChangeKind", () => {
  const base = view({ filters: { actors: ["sdf"] } });

  it("names the kind of filter that changed, both ends of a date range as one", () => {
    expect(
      viewChangeKind(base, view({ filters: { actors: ["sdf"], from: "2024-01-01", to: "2024-02-01" } })),
    ).toBe("date");
    expect(viewChangeKind(base, view({ filters: { actors: ["sdf", "isis"] } }))).toBe("actor");
  });

  it("tells a camera move apart from everything else, and says nothing for no change", () => {
    expect(viewChangeKind(base, { ...base, camera: { zoom: 5, lat: 35, lon: 39 } })).toBe("camera");
    expect(viewChangeKind(base, { ...base, selected: "raqqa-drone-2024" })).toBe("selected");
    expect(viewChangeKind(base, view({ filters: { actors: ["sdf"] } }))).toBeNull();
  });
});
