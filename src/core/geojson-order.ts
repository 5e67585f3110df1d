import type { IncidentFeature } from "./incident.ts";

/** GeoJSON order: date_start, then id (string order), as the pipeline sorts. Stable for equal keys. */
export function inGeojsonOrder(features: readonly IncidentFeature[]): readonly IncidentFeature[] {
  const before = (a: IncidentFeature, b: IncidentFeature) => {
    const x = a.properties;
    const y = b.properties;
    return x.date_start < y.date_start
      ? -1
      : x.date_start > y.date_start
        ? 1
        : x.id < y.id
          ? -1
          : x.id > y.id
            ? 1
            : 0;
  };
  for (let i = 1; i < features.length; i++) {
    if (before(features[i - 1] as IncidentFeature, features[i] as IncidentFeature) > 0) {
      return [...features].sort(before);
    }
  }
  return features;
}
