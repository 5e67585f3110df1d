import type { CollectionMeta, IncidentFeature } from "../../src/core/incident.ts";
import { normalizeText, searchTerms } from "../../src/core/normalize-text.ts";
import type { Filters } from "../../src/core/view-state.ts";

/**
 * The simplest alternative to the typed-column index: `features.filter` over the objects, written straight
 * from the filter rules. The benchmark times it beside `filterIncidents`; the unit tests use it as the
 * executable statement of the rules the index must agree with. Returns feature indexes in sheet order.
 */
export function naiveFilter(
  features: readonly IncidentFeature[],
  filters: Filters,
  meta?: Pick<CollectionMeta, "actors">,
): number[] {
  const terms = searchTerms(filters.q);
  const aliases = new Map((meta?.actors ?? []).map((a) => [a.id, a.aliases]));
  const out: number[] = [];
  features.forEach((feature, i) => {
    const p = feature.properties;
    const end = p.date_end || p.date_start;
    if (filters.from !== null && end < filters.from) return;
    if (filters.to !== null && p.date_start > filters.to) return;
    if (filters.types.length > 0 && !filters.types.includes(p.event_type)) return;
    if (
      filters.governorates.length > 0 &&
      !(p.governorate && filters.governorates.includes(p.governorate.id))
    ) {
      return;
    }
    if (filters.actors.length > 0) {
      const perpetrators = p.perpetrators.map((a) => a.id);
      const targets = p.targets.map((a) => a.id);
      const claimants = p.claims.map((c) => c.claimant.id);
      const playing =
        filters.role === "perpetrator"
          ? perpetrators
          : filters.role === "target"
            ? targets
            : filters.role === "claimant"
              ? claimants
              : [...perpetrators, ...targets, ...claimants];
      if (!filters.actors.some((id) => playing.includes(id))) return;
    }
    if (filters.sources.length > 0 && !p.claims.some((c) => filters.sources.includes(c.source.id))) return;
    if (terms.length > 0) {
      const actors = [...p.perpetrators, ...p.targets, ...p.claims.map((c) => c.claimant)];
      const text = normalizeText(
        [
          p.title.en,
          p.title.ar,
          p.summary.en,
          p.summary.ar,
          p.place.name.en,
          p.place.name.ar,
          p.position.en,
          p.position.ar,
          ...actors.flatMap((a) => [a.name.en, a.name.ar, ...(aliases.get(a.id) ?? [])]),
        ].join(" "),
      );
      if (!terms.every((term) => text.includes(term))) return;
    }
    out.push(i);
  });
  return out;
}
