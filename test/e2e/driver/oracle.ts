/** What the page should show, computed in Node from the served data; and which requests left the origin. */

import type { IncidentCollection, IncidentFeature } from "../../../src/core/incident.ts";
import { type Filters, NO_FILTERS } from "../../../src/core/view-state.ts";
import { naiveFilter } from "../../bench/naive-filter.ts";

/** Where each request went: the app must never leave the origin that serves it. */
export function foreignRequests(requests: string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return requests.filter(
    (url) => !url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin,
  );
}

/** The collection the built app serves, read the way the browser reads it. */
export async function servedData(baseUrl: string): Promise<IncidentCollection> {
  const response = await fetch(new URL("data/incidents.geojson", baseUrl));
  return (await response.json()) as IncidentCollection;
}

/**
 * The oracle: ids of the incidents `filters` keep, in the list's order (the served GeoJSON's, which is the
 * table's), computed in Node by the rules written as `features.filter` (test/bench/naive-filter.ts) over the
 * served data. Specs compare what the page shows with this.
 */
export function idsMatching(data: IncidentCollection, filters: Partial<Filters>): string[] {
  const all: Filters = { ...NO_FILTERS, ...filters };
  return naiveFilter(data.features, all, data.meta).map((i) => data.features[i]?.properties.id ?? "");
}

/** The event type most incidents have (the first by id on a tie), for a filter that keeps several. */
export function commonestType(data: IncidentCollection): string {
  const counts = new Map<string, number>();
  for (const f of data.features)
    counts.set(f.properties.event_type, (counts.get(f.properties.event_type) ?? 0) + 1);
  const [best] = [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  if (!best) throw new Error("no incidents");
  return best[0];
}

/** Incidents of `type` whose days overlap [from, to], as docs/embedding.md defines the date filter. */
export function incidentsOf(
  data: IncidentCollection,
  type: string,
  from: string,
  to: string,
): IncidentFeature[] {
  return data.features.filter(
    (f) => f.properties.event_type === type && f.properties.date_start <= to && f.properties.date_end >= from,
  );
}

/**
 * A type filter and a date range that together keep some of that type's incidents but not all, when the
 * data allows: from the second-earliest incident's start to the latest start.
 */
export function chooseView(data: IncidentCollection): { type: string; from: string; to: string } {
  const type = commonestType(data);
  const ofType = data.features
    .filter((f) => f.properties.event_type === type)
    .sort((a, b) => (a.properties.date_start < b.properties.date_start ? -1 : 1));
  const first = ofType[Math.min(1, ofType.length - 1)] as IncidentFeature;
  const last = ofType[ofType.length - 1] as IncidentFeature;
  return { type, from: first.properties.date_start, to: last.properties.date_start };
}

/** Requests that left both allowed origins; the `host` origin may only be asked for `hostUrls`. */
export function requestsOutside(
  requests: readonly string[],
  servingUrl: string,
  host?: { url: string; allowed: readonly string[] },
): string[] {
  const serving = new URL(servingUrl).origin;
  return requests.filter((url) => {
    if (url.startsWith("data:") || url.startsWith("blob:")) return false;
    const origin = new URL(url).origin;
    if (origin === serving) return false;
    if (host && origin === new URL(host.url).origin && host.allowed.includes(url)) return false;
    return true;
  });
}
