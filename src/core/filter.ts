import type { IncidentFeature } from "./incident";
import type { Filters } from "./view-state";

/**
 * Incidents prepared for fast filtering. PLACEHOLDER shape: the filter work (issue #5) replaces the
 * internals with typed columns and a date-sorted index, keeping these two function signatures.
 */
export interface IncidentIndex {
  features: readonly IncidentFeature[];
}

/** Prepares `features` for repeated filtering. */
export function createIncidentIndex(features: readonly IncidentFeature[]): IncidentIndex {
  return { features };
}

/**
 * The one filter implementation: indexes (into `index.features`) of the incidents matching `filters`,
 * in ascending date order. The map, list, timeline and count are all views of this result.
 */
export function filterIncidents(index: IncidentIndex, _filters: Filters): Uint32Array {
  return Uint32Array.from(index.features.keys());
}
