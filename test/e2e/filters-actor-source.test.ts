import { describe, expect, inject, it } from "vitest";
import { normalizeText } from "../../src/core/normalize-text.ts";
import type { ActorRole } from "../../src/core/view-state.ts";
import { idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const ROLES: readonly ActorRole[] = ["any", "perpetrator", "target", "claimant"];
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);

/** The actor whose roles tell the most apart (most distinct results over the four roles), then the busiest. */
function actorWithRoles(): string {
  const scored = data.meta.actors.map((actor) => {
    const results = ROLES.map((role) => idsMatching(data, { actors: [actor.id], role }).join(","));
    return {
      id: actor.id,
      distinct: new Set(results).size,
      any: idsMatching(data, { actors: [actor.id] }).length,
    };
  });
  scored.sort((a, b) => b.distinct - a.distinct || b.any - a.any);
  return scored[0]?.id ?? "";
}

/** Sources by the number of incidents citing them, most first, leaving out any cited by every incident. */
function sourcesByUse(): string[] {
  return data.meta.sources
    .map((s) => ({ id: s.id, n: idsMatching(data, { sources: [s.id] }).length }))
    .filter((s) => s.n > 0 && s.n < data.features.length)
    .sort((a, b) => b.n - a.n)
    .map((s) => s.id);
}

describe("filtering by actor", () => {
  for (const role of ROLES) {
    it(`narrows the list, the count and the map to incidents with the chosen actor as ${role}`, async () => {
      const actor = actorWithRoles();
      const expected = idsMatching(data, { actors: [actor], role });
      expect(expected.length).toBeLessThan(data.features.length);

      const app = await openApp();
      await app.when.pickActor(actor);
      await app.when.chooseRole(role);
      expect(await app.get.shown()).toEqual({
        listed: expected,
        counted: expected.length,
        drawn: [...expected].sort(),
      });
    });
  }

  it("finds an actor by an alias that is not part of its names", async () => {
    const found = data.meta.actors.flatMap((actor) => {
      const names = normalizeText(`${actor.name.en} ${actor.name.ar}`);
      const alias = actor.aliases.find(
        (a) => normalizeText(a).length > 2 && !names.includes(normalizeText(a)),
      );
      return alias ? [{ id: actor.id, alias }] : [];
    })[0];
    expect(found).toBeDefined();
    const { id, alias } = found as { id: string; alias: string };
    const expected = idsMatching(data, { actors: [id] });

    const app = await openApp();
    await app.when.pickActor(id, alias);
    expect(await app.get.listedIds()).toEqual(expected);
  });
});

describe("filtering by source", () => {
  it("narrows the list, the count and the map to incidents with a claim citing the source", async () => {
    const source = sourcesByUse()[0] as string;
    const expected = idsMatching(data, { sources: [source] });

    const app = await openApp();
    await app.when.pickSource(source);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("shows what either of two outlets reports when both are chosen", async () => {
    // Two sources whose incidents differ, so the union is more than either.
    const ranked = sourcesByUse();
    const first = ranked[0] as string;
    const one = idsMatching(data, { sources: [first] });
    const second = ranked.find((id) => idsMatching(data, { sources: [id] }).some((x) => !one.includes(x)));
    expect(second).toBeDefined();
    const expected = idsMatching(data, { sources: [first, second as string] });
    expect(expected.length).toBeGreaterThan(one.length);

    const app = await openApp();
    await app.when.pickSource(first);
    await app.when.pickSource(second as string);
    expect(await app.get.listedIds()).toEqual(expected);
  });

  it("finds a source by its outlet's name and date", async () => {
    const source = data.meta.sources.find((s) => s.published.length === 10) ?? data.meta.sources[0];
    if (!source) throw new Error("the data lists no source");
    const app = await openApp();
    const options = await app.when.optionsFor("source", `${source.outlet.en} ${source.published}`);
    expect(options).toContain(source.id);
  });
});
