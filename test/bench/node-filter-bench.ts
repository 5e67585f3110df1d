import { dayNumberToIsoDay, isoDayToDayNumber } from "../../src/core/day-number.ts";
import type { IncidentCollection } from "../../src/core/incident.ts";
import { binIncidents } from "../../src/core/timeline.ts";
import { type Filters, NO_FILTERS } from "../../src/core/view-state.ts";
import { createIncidentIndex, filterIncidents, prepareSearchText } from "../reference/feature-filter.ts";
import { median, timeRuns } from "./bench-stats.ts";
import { naiveFilter } from "./naive-filter.ts";
import { createSyntheticCollection } from "./synthetic-incidents.ts";

/**
 * The Node part of `npm run bench`: the filter computation alone, typed-column index vs `features.filter`
 * over objects, on the same synthetic incidents in the same run. Every timed run uses a different filter
 * value (a moving brush, the next actor…) so no cache of a previous identical call flatters the index.
 */

export interface NodeScenarioResult {
  n: number;
  scenario: string;
  /** Median ms of filterIncidents (or of the build step for "build" rows). */
  indexMs: number;
  /** Median ms of the naive features.filter; null where there is no naive counterpart. */
  naiveMs: number | null;
  /** naiveMs / indexMs. */
  ratio: number | null;
  /** Median number of incidents matched. */
  matched: number;
  runs: number;
}

type Scenario = { name: string; filters: (i: number) => Filters };

function scenarios(collection: IncidentCollection): Scenario[] {
  const actors = collection.meta.actors.map((a) => a.id);
  const sources = collection.meta.sources.map((s) => s.id);
  const types = collection.meta.event_types.map((t) => t.id);
  // The earliest day, by a loop: spreading 100k values into Math.min can overflow the stack.
  let firstDay = Number.POSITIVE_INFINITY;
  for (const f of collection.features)
    firstDay = Math.min(firstDay, isoDayToDayNumber(f.properties.date_start));
  const queries = ["raqqa", "checkpoint", "الحسكة", "daesh", "convoy manbij", "قسد", "drone", "هجين"];
  // Week-by-week moves of a 90-day brush, as a drag does.
  const brush = (i: number): Filters => ({
    ...NO_FILTERS,
    from: dayNumberToIsoDay(firstDay + i * 7),
    to: dayNumberToIsoDay(firstDay + i * 7 + 90),
  });
  return [
    { name: "no filter", filters: () => NO_FILTERS },
    { name: "date brush (90 d)", filters: brush },
    {
      name: "actor (any role)",
      filters: (i) => ({ ...NO_FILTERS, actors: [actors[i % actors.length] as string] }),
    },
    {
      name: "actor (perpetrator)",
      filters: (i) => ({ ...NO_FILTERS, actors: [actors[i % actors.length] as string], role: "perpetrator" }),
    },
    { name: "source", filters: (i) => ({ ...NO_FILTERS, sources: [sources[i % sources.length] as string] }) },
    { name: "text (cold)", filters: (i) => ({ ...NO_FILTERS, q: queries[i % queries.length] as string }) },
    {
      name: "brush + actor + type",
      filters: (i) => ({
        ...brush(i),
        actors: [actors[i % actors.length] as string, actors[(i + 3) % actors.length] as string],
        types: [types[i % types.length] as string],
      }),
    },
  ];
}

export function runNodeFilterBench(sizes: readonly number[], runs: number): NodeScenarioResult[] {
  const results: NodeScenarioResult[] = [];
  for (const n of sizes) {
    // Through JSON, as the app receives it: flat strings and objects allocated in sheet order. The generator's
    // template-literal strings are rope strings that made folding text ~2× slower than with real data.
    const collection = JSON.parse(JSON.stringify(createSyntheticCollection(n))) as IncidentCollection;
    const features = collection.features;
    const buildRuns = n >= 100_000 ? Math.max(5, Math.floor(runs / 3)) : runs;
    const buildTimes = timeRuns(buildRuns, () => createIncidentIndex(features, collection.meta).order, 1);
    results.push({
      n,
      scenario: "build index",
      indexMs: median(buildTimes),
      naiveMs: null,
      ratio: null,
      matched: n,
      runs: buildRuns,
    });
    const textTimes = timeRuns(
      buildRuns,
      () => {
        const fresh = createIncidentIndex(features, collection.meta);
        const t0 = performance.now();
        prepareSearchText(fresh);
        return [performance.now() - t0];
      },
      1,
    );
    // The build of a fresh index is in the timed span above; report the inner figure instead.
    results.push({
      n,
      scenario: "build search text",
      indexMs: median(textTimes) - median(buildTimes),
      naiveMs: null,
      ratio: null,
      matched: n,
      runs: buildRuns,
    });

    const index = createIncidentIndex(features, collection.meta);
    prepareSearchText(index);
    for (const scenario of scenarios(collection)) {
      const counts: number[] = [];
      const indexTimes = timeRuns(runs, (i) => {
        // A fresh query each run: defeat the narrowing cache so "text (cold)" is the cold figure.
        index.cache.lastTerms = null;
        const visible = filterIncidents(index, scenario.filters(i));
        counts.push(visible.length);
        return visible;
      });
      const naiveRuns = n >= 100_000 && scenario.name.startsWith("text") ? Math.min(runs, 10) : runs;
      const naiveTimes = timeRuns(
        naiveRuns,
        (i) => naiveFilter(features, scenario.filters(i), collection.meta),
        1,
      );
      const indexMs = median(indexTimes);
      const naiveMs = median(naiveTimes);
      results.push({
        n,
        scenario: scenario.name,
        indexMs,
        naiveMs,
        ratio: naiveMs / indexMs,
        matched: median(counts),
        runs,
      });
    }

    const all = filterIncidents(index, NO_FILTERS);
    const binTimes = timeRuns(
      runs,
      () => binIncidents(index, all, { start: index.minDay, end: index.maxDay }).counts,
    );
    results.push({
      n,
      scenario: "timeline bins (all)",
      indexMs: median(binTimes),
      naiveMs: null,
      ratio: null,
      matched: all.length,
      runs,
    });
  }
  return results;
}
