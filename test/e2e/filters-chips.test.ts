import { describe, expect, inject, it } from "vitest";
import type { IncidentFeature } from "../../src/core/incident.ts";
import { idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);

/** Opens the app at `query` (written as a reader's link would be) and waits for the map. */
/** An incident with a perpetrator, a claim and a governorate: every kind of filter can be taken from it. */
function richIncident(): IncidentFeature {
  const found = data.features.find(
    (f) => f.properties.perpetrators.length > 0 && f.properties.claims.length > 0 && f.properties.governorate,
  );
  if (!found) throw new Error("no incident has a perpetrator, a claim and a governorate");
  return found;
}

describe("active filter chips", () => {
  it("shows one removable chip for each active filter", async () => {
    const p = richIncident().properties;
    const actor = p.perpetrators[0]?.id as string;
    const source = p.claims[0]?.source.id as string;
    const gov = p.governorate?.id as string;
    const word = p.title.en.split(" ")[1] as string;
    const app = await openApp(
      `?from=${p.date_start}&to=${p.date_end}&actor=${actor}&role=perpetrator&source=${source}` +
        `&type=${p.event_type}&gov=${gov}&q=${encodeURIComponent(word)}`,
    );
    expect((await app.get.chips()).map(({ key, value }) => ({ key, value }))).toEqual([
      { key: "date", value: `${p.date_start}..${p.date_end}` },
      { key: "actor", value: actor },
      { key: "role", value: "perpetrator" },
      { key: "source", value: source },
      { key: "type", value: p.event_type },
      { key: "gov", value: gov },
      { key: "q", value: word },
    ]);
    expect(await app.get.hasClearAll()).toBe(true);
  });

  it("names the chosen actor, source and governorate on their chips", async () => {
    const p = richIncident().properties;
    const actor = data.meta.actors.find((a) => a.id === p.perpetrators[0]?.id);
    const source = data.meta.sources.find((s) => s.id === p.claims[0]?.source.id);
    const app = await openApp(`?actor=${actor?.id}&source=${source?.id}&gov=${p.governorate?.id}`);
    const texts = (await app.get.chips()).map((c) => c.text);
    expect(texts[0]).toContain(actor?.name.en);
    expect(texts[1]).toContain(source?.outlet.en);
    expect(texts[2]).toContain(p.governorate?.name.en);
  });

  it("restores the incidents the filter had hidden when its chip is removed", async () => {
    const p = richIncident().properties;
    const actor = p.perpetrators[0]?.id as string;
    const expected = idsMatching(data, { actors: [actor] });
    expect(idsMatching(data, { actors: [actor], types: [p.event_type] })).not.toEqual(expected);
    const app = await openApp(`?actor=${actor}&type=${p.event_type}`);
    await app.when.removeChip("type", p.event_type);
    expect(await app.get.chips()).toEqual([expect.objectContaining({ key: "actor", value: actor })]);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("drops the role chip with the last actor's chip", async () => {
    const p = richIncident().properties;
    const actor = p.perpetrators[0]?.id as string;
    const app = await openApp(`?actor=${actor}&role=perpetrator`);
    await app.when.removeChip("actor", actor);
    expect(await app.get.chips()).toEqual([]);
    expect(await app.get.role()).toBe("any");
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));
  });

  it("clears the search box when the search chip is removed", async () => {
    const word = richIncident().properties.title.en.split(" ")[1] as string;
    const app = await openApp();
    await app.when.search(word);
    await app.when.removeChip("q", word);
    expect(await app.get.searchText()).toBe("");
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));
  });

  it("removes every chip and lists every incident with Clear all", async () => {
    const p = richIncident().properties;
    const app = await openApp(
      `?from=${p.date_start}&actor=${p.perpetrators[0]?.id}&type=${p.event_type}&gov=${p.governorate?.id}`,
    );
    await app.when.clearAll();
    expect(await app.get.chips()).toEqual([]);
    expect(await app.get.hasClearAll()).toBe(false);
    expect(await app.get.dateInputs()).toEqual({ from: "", to: "" });
    expect(await app.get.shown()).toEqual({
      listed: idsMatching(data, {}),
      counted: data.features.length,
      drawn: idsMatching(data, {}).sort(),
    });
  });

  it("keeps the map the same size while chips, Clear all and the no-match message come and go", async () => {
    const p = richIncident().properties;
    const app = await openApp();
    const before = await app.get.box(".map-frame");
    const sizes: Array<{ width: number; height: number } | undefined> = [];
    const frame = async () => {
      const box = await app.get.box(".map-frame");
      sizes.push(box ? { width: box.width, height: box.height } : undefined);
    };
    await app.when.pickActor(p.perpetrators[0]?.id as string);
    expect(await app.get.hasClearAll()).toBe(true);
    await frame();
    await app.when.search("zzzz-no-such-word");
    expect(await app.get.emptyMessage()).not.toBeNull();
    await frame();
    await app.when.clearAll();
    expect(await app.get.chips()).toEqual([]);
    await frame();
    const unchanged = { width: before?.width, height: before?.height };
    expect(sizes).toEqual([unchanged, unchanged, unchanged]);
  });

  it("says no incident matches, and its button clears the filters", async () => {
    // An event type and a governorate that no incident has together.
    const types = [...new Set(data.features.map((f) => f.properties.event_type))];
    const govs = [...new Set(data.features.flatMap((f) => f.properties.governorate?.id ?? []))];
    const pair = types
      .flatMap((type) => govs.map((gov) => ({ type, gov })))
      .find(({ type, gov }) => idsMatching(data, { types: [type], governorates: [gov] }).length === 0);
    if (!pair) throw new Error("every event type occurs in every governorate");
    const app = await openApp(`?type=${pair.type}&gov=${pair.gov}`);
    expect(await app.get.emptyMessage()).toContain("No incident matches these filters");
    expect(await app.get.filterCount()).toEqual({ shown: 0, total: data.features.length });
    expect(await app.get.drawnIds()).toEqual([]);
    await app.when.clearFromEmptyMessage();
    expect(await app.get.emptyMessage()).toBeNull();
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));
  });
});
