import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { dayNumberToIsoDay } from "../../src/core/day-number.ts";
import type { IncidentCollection } from "../../src/core/incident.ts";
import { binIncidents, binRange } from "../../src/core/timeline.ts";
import { NO_FILTERS } from "../../src/core/view-state.ts";
import { ar } from "../../src/i18n/ar.ts";
import { en } from "../../src/i18n/en.ts";
import { createIncidentIndex, filterIncidents } from "../reference/feature-filter.ts";
import { type AppDriver, given, idsMatching, type SharedBrowser, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const FILTER_STRINGS_AR = ar.filters;
const FILTER_STRINGS_EN = en.filters;
const ARABIC_DIGITS = /[\u0660-\u0669]/;
let browser: SharedBrowser;
let data: IncidentCollection;
let app: AppDriver | undefined;

beforeAll(async () => {
  [browser, data] = await Promise.all([given.browser(), servedData(baseUrl)]);
});
afterAll(async () => browser?.close());
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The app in Arabic, as a reader switching language (or following an Arabic link) sees it. */
async function openInArabic(): Promise<AppDriver> {
  app = await browser.open(`${baseUrl}?lang=ar`);
  await app.when.waitForMap();
  return app;
}

describe("the filters in Arabic", () => {
  it("lays the filter bar out right to left: From stands to the right of To", async () => {
    const app = await openInArabic();
    expect(await app.get.direction('[data-testid="filter-bar"]')).toBe("rtl");
    const from = await app.get.box('[data-testid="filter-from"]');
    const to = await app.get.box('[data-testid="filter-to"]');
    expect(from && to && from.x > to.x).toBe(true);
  });

  it("labels the filter bar, the count and the timeline in Arabic", async () => {
    const app = await openInArabic();
    const bar = await app.get.textOf("filter-bar");
    for (const key of ["from", "to", "actor", "role", "source", "type", "governorate", "search"] as const) {
      expect(bar).toContain(FILTER_STRINGS_AR[key]);
      expect(bar).not.toContain(FILTER_STRINGS_EN[key]);
    }
    expect(await app.get.textOf("timeline")).toContain(FILTER_STRINGS_AR.timelineLabel);
    expect(await app.get.filterCountText()).toMatch(ARABIC_DIGITS);
    expect(await app.get.filterCount()).toEqual({ shown: data.features.length, total: data.features.length });
  });

  it("runs the timeline from right to left: the earliest bar is on the right", async () => {
    const app = await openInArabic();
    const first = await app.get.box('[data-testid="timeline-brush"] .timeline-bin:first-child');
    const last = await app.get.box('[data-testid="timeline-brush"] .timeline-bin:last-child');
    expect(first && last && first.x > last.x).toBe(true);
  });

  it("narrows the list, the Arabic count and the map to an actor found by its Arabic name", async () => {
    const actor = data.meta.actors
      .map((a) => ({ a, n: idsMatching(data, { actors: [a.id] }).length }))
      .filter(({ a, n }) => n > 0 && n < data.features.length && a.name.ar !== "")
      .sort((x, y) => y.n - x.n)[0]?.a;
    if (!actor) throw new Error("no actor with an Arabic name narrows the incidents");
    const expected = idsMatching(data, { actors: [actor.id] });

    const app = await openInArabic();
    await app.when.pickActor(actor.id, actor.name.ar);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
    expect(await app.get.filterCountText()).toMatch(ARABIC_DIGITS);
  });

  it("selects the period of the bars dragged across on the mirrored timeline", async () => {
    const index = createIncidentIndex(data.features, data.meta);
    const { edges, counts } = binIncidents(index, filterIncidents(index, NO_FILTERS), {
      start: index.minDay,
      end: index.maxDay,
    });
    const a = Math.floor(counts.length / 4);
    const b = Math.floor(counts.length / 2);
    const range = binRange(edges, a, b);
    const period = { from: dayNumberToIsoDay(range.start), to: dayNumberToIsoDay(range.end) };

    const app = await openInArabic();
    await app.when.dragOnTimeline(a, b);
    expect(await app.get.dateInputs()).toEqual(period);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, period));
  });

  it("names the chips in Arabic", async () => {
    const incident = data.features.find(
      (f) => f.properties.governorate && f.properties.perpetrators.length > 0,
    );
    const p = incident?.properties;
    const actor = data.meta.actors.find((a) => a.id === p?.perpetrators[0]?.id);
    if (!p?.governorate || !actor) throw new Error("no incident has a governorate and a perpetrator");
    app = await browser.open(`${baseUrl}?lang=ar&actor=${actor.id}&gov=${p.governorate.id}`);
    const texts = (await app.get.chips()).map((c) => c.text);
    expect(texts[0]).toContain(actor.name.ar);
    expect(texts[1]).toContain(p.governorate.name.ar);
    expect(await app.get.textOf("filter-chips")).toContain(FILTER_STRINGS_AR.clearAll);
  });

  it("explains a dropped link value in Arabic", async () => {
    app = await browser.open(`${baseUrl}?lang=ar&actor=no-such-actor`);
    const notices = await app.get.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("no-such-actor");
    expect(notices[0]).toMatch(/[\u0600-\u06FF]/);
    expect(await app.get.textOf("url-notices")).toContain(FILTER_STRINGS_AR.noticesLabel);
  });
});
