import type { IncidentStore } from "../incident-store.ts";

/**
 * Incident indices in output order: by date_start, then by id (string order, as before).
 * Incidents share few distinct start days, so this is a counting sort over the days followed by small sorts of
 * each day's ids: no comparator runs across the whole million, and only indices move.
 */
export function sortOrder(store: IncidentStore): Int32Array {
  const n = store.count;
  const starts = store.dateTable.meta;
  // Rank of each date fragment by its date_start ("YYYY-MM-DD" strings sort as dates).
  const byStart = starts.map((_, i) => i).sort((a, b) => compare(starts[a] as string, starts[b] as string));
  const fragments = byStart.length;
  const rank = new Int32Array(starts.length);
  let days = 0;
  for (let i = 0; i < fragments; i++) {
    const fragment = byStart[i] as number;
    if (i > 0 && starts[fragment] !== starts[byStart[i - 1] as number]) days++;
    rank[fragment] = days;
  }
  const bucketStart = new Int32Array(days + 2);
  const dates = store.dates.data;
  for (let i = 0; i < n; i++) {
    const slot = (rank[dates[i] as number] as number) + 1;
    bucketStart[slot] = (bucketStart[slot] as number) + 1;
  }
  for (let d = 1; d < bucketStart.length; d++) {
    bucketStart[d] = (bucketStart[d] as number) + (bucketStart[d - 1] as number);
  }
  const order = new Int32Array(n);
  const fill = bucketStart.slice();
  for (let i = 0; i < n; i++) {
    const d = rank[dates[i] as number] as number;
    order[fill[d] as number] = i;
    fill[d] = (fill[d] as number) + 1;
  }
  const ids = store.ids;
  const byId = (a: number, b: number) => compare(ids[a] as string, ids[b] as string);
  for (let d = 0; d + 1 < bucketStart.length; d++) {
    const from = bucketStart[d] as number;
    const to = bucketStart[d + 1] as number;
    if (to - from > 1) order.subarray(from, to).sort(byId);
  }
  return order;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
