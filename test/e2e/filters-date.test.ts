import { describe, expect, inject, it } from "vitest";
import { dayNumberToIsoDay, isoDayToDayNumber } from "../../src/core/day-number.ts";
import { describeDateRange } from "../../src/core/describe-view.ts";
import type { IncidentFeature } from "../../src/core/incident.ts";
import { binIncidents, binRange } from "../../src/core/timeline.ts";
import { NO_FILTERS } from "../../src/core/view-state.ts";
import { createIncidentIndex, filterIncidents } from "../reference/feature-filter.ts";
import { byDate, given, idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);

/** The timeline's bars as the app computes them for the unfiltered data (pure core, in Node). */
function timelineBars(): { edges: Int32Array; count: number } {
  const index = createIncidentIndex(data.features, data.meta);
  const bins = binIncidents(index, filterIncidents(index, NO_FILTERS), {
    start: index.minDay,
    end: index.maxDay,
  });
  return { edges: bins.edges, count: bins.counts.length };
}

/** The period bars a..b stand for, with a side at the very edge of the data left open (null), as the brush does. */
function periodOfBars(a: number, b: number): { from: string | null; to: string | null } {
  const { edges, count } = timelineBars();
  const range = binRange(edges, a, b);
  return {
    from: Math.min(a, b) <= 0 ? null : dayNumberToIsoDay(range.start),
    to: Math.max(a, b) >= count - 1 ? null : dayNumberToIsoDay(range.end),
  };
}

function spanDays(f: IncidentFeature): number {
  return isoDayToDayNumber(f.properties.date_end) - isoDayToDayNumber(f.properties.date_start);
}

describe("filtering by date", () => {
  it("narrows the list, the count and the map to the dates typed into From and To", async () => {
    const sorted = byDate(data);
    const from = sorted[Math.floor(sorted.length / 4)]?.properties.date_start ?? "";
    const to = sorted[Math.floor((sorted.length * 3) / 4)]?.properties.date_start ?? "";
    const expected = idsMatching(data, { from, to });
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(data.features.length);

    const app = await openApp();
    await app.when.setDates(from, to);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("keeps an incident whose dates span the chosen period although it starts before it", async () => {
    const longest = [...data.features].sort((a, b) => spanDays(b) - spanDays(a))[0] as IncidentFeature;
    expect(spanDays(longest)).toBeGreaterThan(1);
    const inside = dayNumberToIsoDay(isoDayToDayNumber(longest.properties.date_start) + 1);

    const app = await openApp();
    await app.when.setDates(inside, inside);
    const listed = await app.get.listedIds();
    expect(listed).toContain(longest.properties.id);
    expect(listed).toEqual(idsMatching(data, { from: inside, to: inside }));
  });

  it("selects a period by dragging across the timeline; the date fields and the chip follow", async () => {
    const { count } = timelineBars();
    const a = Math.floor(count / 4);
    const b = Math.floor((count * 3) / 4);
    const period = periodOfBars(a, b);

    const app = await openApp();
    expect((await app.get.timeline()).bars).toBe(count);
    await app.when.dragOnTimeline(a, b);
    expect(await app.get.dateInputs()).toEqual({ from: period.from ?? "", to: period.to ?? "" });
    expect(await app.get.chips()).toEqual([
      expect.objectContaining({ key: "date", value: `${period.from ?? ""}..${period.to ?? ""}` }),
    ]);
  });

  it("narrows the list, the count and the map to the period dragged on the timeline", async () => {
    const { count } = timelineBars();
    const a = Math.floor(count / 3);
    const b = Math.floor((count * 2) / 3);
    const expected = idsMatching(data, periodOfBars(a, b));

    const app = await openApp();
    await app.when.dragOnTimeline(a, b);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("selects the same period when the timeline is dragged backwards", async () => {
    const { count } = timelineBars();
    const a = Math.floor(count / 5);
    const b = Math.floor(count / 2);
    const period = periodOfBars(a, b);

    const app = await openApp();
    await app.when.dragOnTimeline(b, a);
    expect(await app.get.dateInputs()).toEqual({ from: period.from ?? "", to: period.to ?? "" });
  });

  it("moves the start of the period one bar with the arrow key on its handle", async () => {
    const { edges, count } = timelineBars();
    const a = Math.floor(count / 4);
    const b = Math.floor(count / 2);
    const expected = {
      from: dayNumberToIsoDay(binRange(edges, a + 1, b).start),
      to: dayNumberToIsoDay(binRange(edges, a, b).end),
    };

    const app = await openApp();
    await app.when.dragOnTimeline(a, b);
    await app.when.pressOnTimelineHandle("start", "ArrowRight");
    expect(await app.get.dateInputs()).toEqual(expected);
  });

  it("shows every date again with All dates", async () => {
    const { count } = timelineBars();
    const app = await openApp();
    await app.when.dragOnTimeline(Math.floor(count / 4), Math.floor(count / 2));
    await app.when.showAllDates();
    expect(await app.get.dateInputs()).toEqual({ from: "", to: "" });
    expect(await app.get.chips()).toEqual([]);
    expect(await app.get.listedIds()).toEqual(idsMatching(data, {}));
  });

  it("swaps dates typed the wrong way round", async () => {
    const sorted = byDate(data);
    const early = sorted[2]?.properties.date_start as string;
    const late = sorted[sorted.length - 3]?.properties.date_start as string;
    expect(early < late).toBe(true);

    const app = await openApp();
    await app.when.setDates(late, early);
    expect(await app.get.dateInputs()).toEqual({ from: early, to: late });
    expect(await app.get.listedIds()).toEqual(idsMatching(data, { from: early, to: late }));
  });

  it("steps the period through time with Play, and the list follows each step", async () => {
    const { edges, count } = timelineBars();
    const windows = Array.from({ length: count }, (_, k) => {
      const range = binRange(edges, k, k);
      return { from: dayNumberToIsoDay(range.start), to: dayNumberToIsoDay(range.end) };
    });
    const expectedAt = windows.map((w) => idsMatching(data, w));
    // Watch until the list has changed at least once (Play starts on the first bar).
    const first = JSON.stringify(expectedAt[0]);
    const changesAt = expectedAt.findIndex((ids) => JSON.stringify(ids) !== first);
    expect(changesAt).toBeGreaterThan(0);
    const steps = Math.min(changesAt, 6);

    const app = await openApp();
    await app.when.togglePlay();
    const seen: { dates: { from: string; to: string }; listed: string[] }[] = [];
    for (let k = 0; k <= steps; k++) {
      await app.when.waitForPeriod(windows[k] as { from: string; to: string });
      // The dates show at once, the list with the filter's answer: read it once the count has that answer.
      await app.when.waitForCount((expectedAt[k] as string[]).length);
      seen.push({ dates: await app.get.dateInputs(), listed: await app.get.listedIds() });
    }
    await app.when.togglePlay();

    expect(seen.map((s) => s.dates)).toEqual(windows.slice(0, steps + 1));
    expect(seen.map((s) => s.listed)).toEqual(expectedAt.slice(0, steps + 1));
    expect(seen[steps]?.listed).not.toEqual(seen[0]?.listed);
  });

  it("stops stepping when Pause is pressed", async () => {
    const app = await openApp();
    await app.when.togglePlay();
    await app.when.waitForPeriod("any");
    await app.when.togglePlay();
    const paused = await app.get.dateInputs();
    // Play steps on a clock, so time itself is what is tested here: watch for longer than two of its steps.
    await app.when.wait(2000);
    expect(await app.get.dateInputs()).toEqual(paused);
    expect((await app.get.timeline()).playing).toBe(false);
  });
});

describe("filtering by date in the reader's time zone", () => {
  for (const timezoneId of ["Asia/Damascus", "Pacific/Honolulu"]) {
    it(`keeps the same incidents and dates for a drag on the timeline in ${timezoneId}`, async () => {
      const { count } = timelineBars();
      const a = Math.floor(count / 3);
      const b = Math.floor((count * 2) / 3);
      const period = periodOfBars(a, b);
      const zoned = await given.browser({ timezoneId });
      try {
        const app = await zoned.open(baseUrl);
        await app.when.waitForMap();
        await app.when.dragOnTimeline(a, b);
        expect(await app.get.dateInputs()).toEqual({ from: period.from ?? "", to: period.to ?? "" });
        expect((await app.get.chips())[0]?.text).toContain(describeDateRange(period.from, period.to, "en"));
        expect(await app.get.listedIds()).toEqual(idsMatching(data, period));
      } finally {
        await zoned.close(); // closes its tab too
      }
    });
  }
});
