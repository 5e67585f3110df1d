import type { IncidentIndex } from "../../core/filter.ts";
import type { Store } from "../../state/store.ts";

/**
 * The store's incident index. The timeline needs its day columns and filters the same index once more
 * without the date range (the bars show what the brush could select), so it answers exactly as the store's
 * `visible` does.
 */
export function incidentIndexOf(store: Store): IncidentIndex {
  return store.index;
}
