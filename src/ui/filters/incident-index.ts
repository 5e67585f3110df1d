import { createIncidentIndex, type IncidentIndex } from "../../core/filter";
import type { Store } from "../../state/store";

const built = new WeakMap<object, IncidentIndex>();

/**
 * The store's incident index. The timeline needs its day columns and filters the same index once more
 * without the date range (the bars show what the brush could select). Prefers `store.index` when the store
 * exposes it; otherwise builds one (once per incident list) with the same function and the same vocabulary,
 * so it answers exactly as the store's does.
 */
export function incidentIndexOf(store: Store): IncidentIndex {
  const own = (store as Store & { index?: IncidentIndex }).index;
  if (own) return own;
  let index = built.get(store.incidents);
  if (!index) {
    index = createIncidentIndex(store.incidents, store.collection.meta);
    built.set(store.incidents, index);
  }
  return index;
}
