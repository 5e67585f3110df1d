import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumberToIsoDay, isoDayToDayNumber } from "../../../src/core/day-number.ts";
import {
  binEdges,
  binIncidents,
  chooseStep,
  type DayRange,
  dayRangeToIso,
  nextPlayWindow,
  timelineOf,
} from "../../../src/core/timeline.ts";
import { NO_FILTERS } from "../../../src/core/view-state.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";
import { createIncidentIndex, filterIncidents } from "../../reference/feature-filter.ts";
import { incident } from "./incident-fixture.ts";

const d = isoDayToDayNumber;
const range = (from: string, to: string): DayRange => ({ start: d(from), end: d(to) });

describe("chooseStep", () => {
  it("uses days for a few months, months for up to fifteen years, years beyond", () => {
    expect(chooseStep(range("2024-01-01", "2024-03-31"))).toBe("day");
    expect(chooseStep(range("2022-01-01", "2024-12-31"))).toBe("month");
    expect(chooseStep(range("2000-01-01", "2025-12-31"))).toBe("year");
  });
});

describe("binEdges", () => {
  it("starts bins on the first of a month and covers the last day", () => {
    const edges = binEdges(range("2024-01-15", "2024-03-02"), "month");
    expect([...edges].map(dayNumberToIsoDay)).toEqual([
      "2024-01-01",
      "2024-02-01",
      "2024-03-01",
      "2024-04-01",
    ]);
  });
});

describe("binIncidents", () => {
  const features = [
    incident({ start: "2024-01-05" }),
    incident({ start: "2024-01-20" }),
    incident({ start: "2024-02-10", end: "2024-02-12" }),
    // A month-precise incident in March, and a range across February and March.
    incident({ start: "2024-03-01", end: "2024-03-31" }),
    incident({ start: "2024-02-25", end: "2024-03-03" }),
  ];
  const index = createIncidentIndex(features);
  const all = filterIncidents(index, NO_FILTERS);

  it("counts an incident in every month its span overlaps, and says which are wholly inside", () => {
    const bins = binIncidents(index, all, range("2024-01-01", "2024-03-31"), "month");
    expect([...bins.counts]).toEqual([2, 2, 2]);
    expect([...bins.contained]).toEqual([2, 1, 1]);
    expect(bins.max).toBe(2);
  });

  it("counts only the incidents it is given", () => {
    const bins = binIncidents(index, Uint32Array.of(0, 1), range("2024-01-01", "2024-03-31"), "month");
    expect([...bins.counts]).toEqual([2, 0, 0]);
  });

  it("counts day by day, a span once per day", () => {
    const bins = binIncidents(index, all, range("2024-02-09", "2024-02-13"), "day");
    expect([...bins.counts]).toEqual([0, 1, 1, 1, 0]);
  });

  it("gives each bar the number of incidents a date filter on that bar keeps", () => {
    const collection = createSyntheticCollection(300, { seed: 3 });
    const big = createIncidentIndex(collection.features, collection.meta);
    fc.assert(
      fc.property(
        fc.constantFrom("day", "month", "year" as const),
        fc.integer({ min: 0, max: 4000 }),
        (step, offset) => {
          const span = step === "day" ? 60 : step === "month" ? 900 : 4000;
          const shown = { start: big.minDay + offset, end: big.minDay + offset + span };
          const bins = binIncidents(big, filterIncidents(big, NO_FILTERS), shown, step);
          for (let k = 0; k < bins.counts.length; k++) {
            const bar = { start: bins.edges[k] as number, end: (bins.edges[k + 1] as number) - 1 };
            expect(bins.counts[k]).toBe(
              filterIncidents(big, { ...NO_FILTERS, ...dayRangeToIso(bar) }).length,
            );
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe("timelineOf", () => {
  const features = [
    incident({ start: "2024-01-05" }),
    incident({ start: "2024-02-10", end: "2024-02-12" }),
    incident({ start: "2024-02-25", end: "2024-03-03" }),
    incident({ start: "2024-01-30", end: "2024-02-02" }),
  ];
  const index = createIncidentIndex(features);
  const all = filterIncidents(index, NO_FILTERS);
  const months = range("2024-01-01", "2024-03-31");

  it("gives the bars and the incidents that cross a bar's edge, for drawing one by one", () => {
    const answer = timelineOf(index, all, months);
    expect(answer.step).toBe("day");
    const monthly = timelineOf(index, all, range("2023-01-01", "2024-12-31"));
    expect(monthly.step).toBe("month");
    expect([...monthly.counts]).toEqual([
      ...binIncidents(index, all, range("2023-01-01", "2024-12-31")).counts,
    ]);
    expect([...monthly.spans].map((p) => features[p]?.properties.date_start).sort()).toEqual([
      "2024-01-30",
      "2024-02-25",
    ]);
  });

  it("gives no spans when there are more than the limit: they would only blur", () => {
    const wide = range("2023-01-01", "2024-12-31");
    expect(timelineOf(index, all, wide, 2).spans.length).toBe(2);
    expect(timelineOf(index, all, wide, 1).spans.length).toBe(0);
  });
});

describe("nextPlayWindow", () => {
  const edges = binEdges(range("2024-01-01", "2024-04-30"), "month");

  it("starts with the first bin", () => {
    expect(dayRangeToIso(nextPlayWindow(edges, null) as DayRange)).toEqual({
      from: "2024-01-01",
      to: "2024-01-31",
    });
  });

  it("moves the window one bin forward, keeping its width", () => {
    const next = nextPlayWindow(edges, range("2024-01-01", "2024-02-29"));
    expect(dayRangeToIso(next as DayRange)).toEqual({ from: "2024-02-01", to: "2024-03-31" });
  });

  it("stops when the window reaches the last bin", () => {
    expect(nextPlayWindow(edges, range("2024-03-01", "2024-04-30"))).toBeNull();
  });
});
