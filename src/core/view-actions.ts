import type { FilterChip } from "./active-filters.ts";
import { type ActorRole, type EmbedOptions, type Filters, NO_FILTERS, type ViewState } from "./view-state.ts";

/**
 * Pure ViewState updates for the filters (issue #5), after iD's actions: the store's actions only assign
 * `view.value = withX(view.value, …)`. Each returns the SAME object when nothing changes, so signals
 * downstream (filter, map, URL) do not fire for a no-op. Lists keep the order the reader chose things in
 * (chips and URLs read in that order).
 */

// Selection, language and camera live beside the map explorer's code; re-exported so callers find every
// ViewState update here.
export { withCamera, withLang, withSelected } from "./selection-actions.ts";

function withFilters(view: ViewState, filters: Filters): ViewState {
  return filters === view.filters ? view : { ...view, filters };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function toggled(list: readonly string[], id: string): string[] {
  return list.includes(id) ? list.filter((item) => item !== id) : [...list, id];
}

type ListField = "actors" | "sources" | "types" | "governorates";

function withList(view: ViewState, field: ListField, list: readonly string[]): ViewState {
  const unique = [...new Set(list)];
  if (sameList(view.filters[field], unique)) return view;
  return withFilters(view, { ...view.filters, [field]: unique });
}

/**
 * Sets the date range (inclusive ISO days; null leaves a side open). A reversed range is swapped, so a
 * brush dragged leftwards still means what the reader selected.
 * @example withDateRange(view, "2024-03-01", "2024-01-01") // from 2024-01-01 to 2024-03-01
 */
export function withDateRange(view: ViewState, from: string | null, to: string | null): ViewState {
  const [a, b] = from !== null && to !== null && from > to ? [to, from] : [from, to];
  if (view.filters.from === a && view.filters.to === b) return view;
  return withFilters(view, { ...view.filters, from: a, to: b });
}

/** Adds the actor to the actor filter, or removes it if it is there. */
export function withActorToggled(view: ViewState, actorId: string): ViewState {
  return withList(view, "actors", toggled(view.filters.actors, actorId));
}

/** Replaces the chosen actors. */
export function withActors(view: ViewState, actorIds: readonly string[]): ViewState {
  return withList(view, "actors", actorIds);
}

/** Which part the chosen actors must play. */
export function withRole(view: ViewState, role: ActorRole): ViewState {
  return view.filters.role === role ? view : withFilters(view, { ...view.filters, role });
}

export function withSourceToggled(view: ViewState, sourceId: string): ViewState {
  return withList(view, "sources", toggled(view.filters.sources, sourceId));
}

export function withSources(view: ViewState, sourceIds: readonly string[]): ViewState {
  return withList(view, "sources", sourceIds);
}

export function withTypeToggled(view: ViewState, typeId: string): ViewState {
  return withList(view, "types", toggled(view.filters.types, typeId));
}

export function withTypes(view: ViewState, typeIds: readonly string[]): ViewState {
  return withList(view, "types", typeIds);
}

export function withGovernorateToggled(view: ViewState, governorateId: string): ViewState {
  return withList(view, "governorates", toggled(view.filters.governorates, governorateId));
}

export function withGovernorates(view: ViewState, governorateIds: readonly string[]): ViewState {
  return withList(view, "governorates", governorateIds);
}

/** Sets the search text as typed (the filter normalises it; the box keeps what the reader wrote). */
export function withQuery(view: ViewState, q: string): ViewState {
  return view.filters.q === q ? view : withFilters(view, { ...view.filters, q });
}

/**
 * Removes what one chip stands for (see active-filters.ts): one actor/source/type/governorate, the date
 * range, the role (back to any), or the search text. Removing the last actor also resets the role, which
 * means nothing without an actor.
 */
export function withFilterRemoved(view: ViewState, chip: Pick<FilterChip, "key" | "value">): ViewState {
  switch (chip.key) {
    case "date":
      return withDateRange(view, null, null);
    case "actor": {
      const next = withList(
        view,
        "actors",
        view.filters.actors.filter((id) => id !== chip.value),
      );
      return next.filters.actors.length === 0 ? withRole(next, "any") : next;
    }
    case "role":
      return withRole(view, "any");
    case "source":
      return withList(
        view,
        "sources",
        view.filters.sources.filter((id) => id !== chip.value),
      );
    case "type":
      return withList(
        view,
        "types",
        view.filters.types.filter((id) => id !== chip.value),
      );
    case "gov":
      return withList(
        view,
        "governorates",
        view.filters.governorates.filter((id) => id !== chip.value),
      );
    case "q":
      return withQuery(view, "");
  }
}

/** "Clear all": every filter back to none. Selection, language, camera and embed options stay. */
export function withFiltersCleared(view: ViewState): ViewState {
  const f = view.filters;
  const clear =
    f.from === null &&
    f.to === null &&
    f.actors.length === 0 &&
    f.role === "any" &&
    f.sources.length === 0 &&
    f.types.length === 0 &&
    f.governorates.length === 0 &&
    f.q === "";
  return clear ? view : withFilters(view, NO_FILTERS);
}

/** Changes some embed options (share panel preview, issue #6). */
export function withEmbedOptions(view: ViewState, options: Partial<EmbedOptions>): ViewState {
  const embed = { ...view.embed, ...options };
  const same = (Object.keys(embed) as (keyof EmbedOptions)[]).every((key) => embed[key] === view.embed[key]);
  return same ? view : { ...view, embed };
}
