import { describe, expect, inject, it } from "vitest";
import { idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);

/** The commonest event type, and the commonest governorate among its incidents. */
function typeAndGovernorate(): { type: string; gov: string } {
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  };
  const type = count(data.features.map((f) => f.properties.event_type));
  const gov = count(
    data.features.flatMap((f) =>
      f.properties.event_type === type ? (f.properties.governorate?.id ?? []) : [],
    ),
  );
  return { type, gov };
}

describe("back and forward through filter changes", () => {
  it("steps back through two filter changes, then forward again", async () => {
    const { type, gov } = typeAndGovernorate();
    const app = await openApp();
    await app.when.pickType(type);
    await app.when.pickGovernorate(gov);

    await app.when.goBack();
    expect((await app.get.url()).query).toEqual({ type });
    expect(await app.get.picked("gov")).toEqual([]);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { types: [type] }));

    await app.when.goBack();
    expect((await app.get.url()).query).toEqual({});
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));

    await app.when.goForward();
    expect((await app.get.url()).query).toEqual({ type });
    expect(await app.get.picked("type")).toEqual([type]);
    expect(await app.get.shown()).toEqual({
      listed: idsMatching(data, { types: [type] }),
      counted: idsMatching(data, { types: [type] }).length,
      drawn: idsMatching(data, { types: [type] }).sort(),
    });
  });

  it("undoes a whole timeline drag with one Back", async () => {
    const { type } = typeAndGovernorate();
    const app = await openApp();
    await app.when.pickType(type);
    const { bars } = await app.get.timeline();
    await app.when.dragOnTimeline(Math.floor(bars / 4), Math.floor((bars * 3) / 4));
    expect((await app.get.dateInputs()).from).not.toBe("");

    await app.when.goBack();
    expect(await app.get.dateInputs()).toEqual({ from: "", to: "" });
    expect((await app.get.url()).query).toEqual({ type });
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { types: [type] }));
  });

  it("brings a removed chip back with Back", async () => {
    const { type, gov } = typeAndGovernorate();
    const app = await openApp(`?type=${type}&gov=${gov}`);
    await app.when.removeChip("gov", gov);
    await app.when.goBack();
    expect((await app.get.chips()).map((c) => c.key)).toEqual(["type", "gov"]);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { types: [type], governorates: [gov] }));
  });

  it("restores the search text with Back", async () => {
    const { type } = typeAndGovernorate();
    const word = data.features[0]?.properties.title.en.split(" ")[1] as string;
    const app = await openApp();
    await app.when.search(word);
    await app.when.pickType(type);
    await app.when.goBack();
    expect(await app.get.searchText()).toBe(word);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { q: word }));
    await app.when.goBack();
    expect(await app.get.searchText()).toBe("");
  });
});
