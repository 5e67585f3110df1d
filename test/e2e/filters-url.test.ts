import { describe, expect, inject, it } from "vitest";
import type { IncidentFeature } from "../../src/core/incident.ts";
import { idsMatching, pickIsolatedIncident, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
/** What the injected snippets below would set or create if they ever ran or became markup. */
const MARK = "atlasInjected";
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);

/** An incident with a perpetrator, a claim and a governorate, and the link naming all of its filters. */
function linkToRichIncident(): { incident: IncidentFeature; query: Record<string, string> } {
  const incident = data.features.find(
    (f) => f.properties.perpetrators.length > 0 && f.properties.claims.length > 0 && f.properties.governorate,
  );
  if (!incident) throw new Error("no incident has a perpetrator, a claim and a governorate");
  const p = incident.properties;
  return {
    incident,
    query: {
      from: p.date_start,
      to: p.date_end,
      actor: p.perpetrators[0]?.id as string,
      role: "perpetrator",
      source: p.claims[0]?.source.id as string,
      type: p.event_type,
      gov: p.governorate?.id as string,
      q: p.title.en.split(" ")[1] as string,
    },
  };
}

function filtersOf(query: Record<string, string>) {
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    actors: query.actor ? [query.actor] : [],
    role: (query.role ?? "any") as "any",
    sources: query.source ? [query.source] : [],
    types: query.type ? [query.type] : [],
    governorates: query.gov ? [query.gov] : [],
    q: query.q ?? "",
  };
}

describe("a link with filters", () => {
  it("reproduces every filter in the filter bar", async () => {
    const { query } = linkToRichIncident();
    const app = await openApp(`?${new URLSearchParams(query)}`);
    expect(await app.get.dateInputs()).toEqual({ from: query.from, to: query.to });
    expect(await app.get.picked("actor")).toEqual([query.actor]);
    expect(await app.get.role()).toBe(query.role);
    expect(await app.get.picked("source")).toEqual([query.source]);
    expect(await app.get.picked("type")).toEqual([query.type]);
    expect(await app.get.picked("gov")).toEqual([query.gov]);
    expect(await app.get.searchText()).toBe(query.q);
  });

  it("reproduces the list, the count and the map", async () => {
    const { query, incident } = linkToRichIncident();
    const expected = idsMatching(data, filtersOf(query));
    expect(expected).toContain(incident.properties.id);
    const app = await openApp(`?${new URLSearchParams(query)}`);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("opens the incident named by id, in the language named by lang", async () => {
    const incident = pickIsolatedIncident(data);
    const app = await openApp(`?id=${incident.properties.id}&lang=ar`);
    expect(await app.get.panelTitle()).toBe(incident.properties.title.ar);
    expect(await app.get.htmlDirAndLang()).toEqual({ dir: "rtl", lang: "ar" });
  });

  it("places the map where the #zoom/lat/lon hash says", async () => {
    const [lon, lat] = pickIsolatedIncident(data).geometry.coordinates;
    const app = await openApp(`#9/${lat}/${lon}`);
    expect(await app.get.mapZoom()).toBeCloseTo(9, 1);
    expect(await app.get.mapShows([lon, lat])).toBe(true);
    expect((await app.get.url()).hash).toBe(`#9/${lat}/${lon}`);
  });

  it("reads a month in from and a year in to as their first and last days", async () => {
    const sorted = [...data.features].map((f) => f.properties.date_start).sort();
    const month = (sorted[1] as string).slice(0, 7);
    const year = (sorted[sorted.length - 2] as string).slice(0, 4);
    const app = await openApp(`?from=${month}&to=${year}`);
    expect(await app.get.dateInputs()).toEqual({ from: `${month}-01`, to: `${year}-12-31` });
    expect(await app.get.listedIds()).toEqual(
      idsMatching(data, { from: `${month}-01`, to: `${year}-12-31` }),
    );
  });

  it("ignores keys it does not know, without a notice", async () => {
    const type = data.features[0]?.properties.event_type as string;
    const app = await openApp(`?utm_source=newsletter&type=${type}&colour=red`);
    expect(await app.get.notices()).toEqual([]);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { types: [type] }));
  });
});

describe("changing filters writes the address", () => {
  it("writes from and to", async () => {
    const { query } = linkToRichIncident();
    const app = await openApp();
    await app.when.setDates(query.from ?? null, query.to ?? null);
    expect((await app.get.url()).query).toEqual({ from: query.from, to: query.to });
  });

  it("writes actor and role", async () => {
    const { query } = linkToRichIncident();
    const app = await openApp();
    await app.when.pickActor(query.actor as string);
    await app.when.chooseRole("perpetrator");
    expect((await app.get.url()).query).toEqual({ actor: query.actor, role: "perpetrator" });
  });

  it("writes several actors comma-separated", async () => {
    const [a, b] = data.meta.actors.map((x) => x.id);
    const app = await openApp();
    await app.when.pickActor(a as string);
    await app.when.pickActor(b as string);
    expect((await app.get.url()).query).toEqual({ actor: `${a},${b}` });
  });

  it("writes source, type and gov", async () => {
    const { query } = linkToRichIncident();
    const app = await openApp();
    await app.when.pickSource(query.source as string);
    await app.when.pickType(query.type as string);
    await app.when.pickGovernorate(query.gov as string);
    expect((await app.get.url()).query).toEqual({ source: query.source, type: query.type, gov: query.gov });
  });

  it("writes q", async () => {
    const { query } = linkToRichIncident();
    const app = await openApp();
    await app.when.search(query.q as string);
    expect((await app.get.url()).query).toEqual({ q: query.q });
  });

  it("writes id and lang", async () => {
    const incident = pickIsolatedIncident(data);
    const app = await openApp();
    await app.when.clickListItem(incident.properties.id);
    await app.when.switchLanguage();
    await app.when.waitForMap();
    expect((await app.get.url()).query).toEqual({ id: incident.properties.id, lang: "ar" });
  });

  it("writes the camera as #zoom/lat/lon", async () => {
    const [lon, lat] = pickIsolatedIncident(data).geometry.coordinates;
    const app = await openApp();
    await app.when.moveMap(8.5, lat, lon);
    expect((await app.get.url()).hash).toBe(`#8.5/${lat}/${lon}`);
  });
});

describe("a link with a bad value", () => {
  it("drops an unknown actor id with a notice and keeps the known one", async () => {
    const actor = data.meta.actors[0]?.id as string;
    const app = await openApp(`?actor=${actor},no-such-actor`);
    expect(await app.get.picked("actor")).toEqual([actor]);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { actors: [actor] }));
    const notices = await app.get.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("no-such-actor");
    expect((await app.get.url()).query).toEqual({ actor });
  });

  it("drops a from that is not a date with a notice", async () => {
    const app = await openApp("?from=2022-13-45");
    expect(await app.get.dateInputs()).toEqual({ from: "", to: "" });
    expect(await app.get.notices()).toEqual([expect.stringContaining("2022-13-45")]);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));
  });

  it("swaps from and to given the wrong way round, and says so", async () => {
    const sorted = [...data.features].map((f) => f.properties.date_start).sort();
    const early = sorted[2] as string;
    const late = sorted[sorted.length - 3] as string;
    const app = await openApp(`?from=${late}&to=${early}`);
    expect(await app.get.dateInputs()).toEqual({ from: early, to: late });
    expect(await app.get.notices()).toHaveLength(1);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { from: early, to: late }));
  });

  it("never runs or inserts a script given as search text", async () => {
    const payload = `<script>window.${MARK}=1</script><img src=x class=${MARK} onerror="window.${MARK}=1;alert(1)">`;
    const app = await openApp(`?q=${encodeURIComponent(payload)}`);
    expect(await app.get.notices()).toHaveLength(1);
    expect(await app.get.searchText()).toBe("");
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));
    expect(await app.get.injected(MARK)).toEqual({ ran: false, elements: 0 });
    expect(app.dialogs).toEqual([]);
    expect((await app.get.url()).query).toEqual({});
  });

  it("never runs or inserts markup given as an incident id", async () => {
    const payload = `<img src=x class=${MARK} onerror="window.${MARK}=1;alert(1)">`;
    const app = await openApp(`?id=${encodeURIComponent(payload)}`);
    expect(await app.get.notices()).toHaveLength(1);
    expect(await app.get.panelIsOpen()).toBe(false);
    expect(await app.get.injected(MARK)).toEqual({ ran: false, elements: 0 });
    expect(app.dialogs).toEqual([]);
    expect((await app.get.url()).query).toEqual({});
  });

  it("lets the reader dismiss the notice", async () => {
    const app = await openApp("?gov=XX-NOWHERE");
    expect(await app.get.notices()).toHaveLength(1);
    await app.when.dismissNotices();
    expect(await app.get.notices()).toEqual([]);
  });
});
