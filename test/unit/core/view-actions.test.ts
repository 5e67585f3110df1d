import { describe, expect, it } from "vitest";
import { activeFilterChips, createFilterVocabulary } from "../../../src/core/active-filters.ts";
import {
  withActorToggled,
  withDateRange,
  withEmbedOptions,
  withFilterRemoved,
  withFiltersCleared,
  withGovernorateToggled,
  withQuery,
  withRole,
  withSelected,
  withSourceToggled,
  withTypeToggled,
} from "../../../src/core/view-actions.ts";
import { DEFAULT_VIEW, NO_FILTERS, type ViewState } from "../../../src/core/view-state.ts";

const busy: ViewState = {
  ...DEFAULT_VIEW,
  filters: {
    from: "2022-01-01",
    to: "2022-12-31",
    actors: ["sdf", "isis"],
    role: "target",
    sources: ["src-1"],
    types: ["attack"],
    governorates: ["SY-HA"],
    q: "prison",
  },
  selected: "incident-1",
  lang: "ar",
  camera: { zoom: 7, lat: 36, lon: 40 },
};

describe("view actions", () => {
  it("toggles an actor in and out, keeping the order chosen", () => {
    const one = withActorToggled(DEFAULT_VIEW, "sdf");
    const two = withActorToggled(one, "isis");
    expect(two.filters.actors).toEqual(["sdf", "isis"]);
    expect(withActorToggled(two, "sdf").filters.actors).toEqual(["isis"]);
  });

  it("toggles sources, types and governorates the same way", () => {
    expect(withSourceToggled(DEFAULT_VIEW, "src-1").filters.sources).toEqual(["src-1"]);
    expect(withTypeToggled(withTypeToggled(DEFAULT_VIEW, "raid"), "raid").filters.types).toEqual([]);
    expect(withGovernorateToggled(DEFAULT_VIEW, "SY-RA").filters.governorates).toEqual(["SY-RA"]);
  });

  it("returns the very same view when nothing changes, so nothing downstream re-runs", () => {
    expect(withRole(DEFAULT_VIEW, "any")).toBe(DEFAULT_VIEW);
    expect(withQuery(DEFAULT_VIEW, "")).toBe(DEFAULT_VIEW);
    expect(withDateRange(busy, "2022-01-01", "2022-12-31")).toBe(busy);
    expect(withFiltersCleared(DEFAULT_VIEW)).toBe(DEFAULT_VIEW);
    expect(withSelected(busy, "incident-1")).toBe(busy);
    expect(withEmbedOptions(DEFAULT_VIEW, { controls: true })).toBe(DEFAULT_VIEW);
  });

  it("swaps a date range dragged backwards", () => {
    expect(withDateRange(DEFAULT_VIEW, "2024-03-01", "2024-01-01").filters).toMatchObject({
      from: "2024-01-01",
      to: "2024-03-01",
    });
  });

  it("clears every filter but keeps the selection, language and camera", () => {
    const cleared = withFiltersCleared(busy);
    expect(cleared.filters).toEqual(NO_FILTERS);
    expect(cleared).toMatchObject({ selected: "incident-1", lang: "ar", camera: busy.camera });
  });

  it("removes exactly what a chip stands for", () => {
    expect(withFilterRemoved(busy, { key: "actor", value: "sdf" }).filters.actors).toEqual(["isis"]);
    expect(withFilterRemoved(busy, { key: "date", value: "" }).filters).toMatchObject({
      from: null,
      to: null,
    });
    expect(withFilterRemoved(busy, { key: "role", value: "target" }).filters.role).toBe("any");
    expect(withFilterRemoved(busy, { key: "source", value: "src-1" }).filters.sources).toEqual([]);
    expect(withFilterRemoved(busy, { key: "type", value: "attack" }).filters.types).toEqual([]);
    expect(withFilterRemoved(busy, { key: "gov", value: "SY-HA" }).filters.governorates).toEqual([]);
    expect(withFilterRemoved(busy, { key: "q", value: "prison" }).filters.q).toBe("");
  });

  it("resets the role when the last actor is removed", () => {
    const one = withFilterRemoved(busy, { key: "actor", value: "sdf" });
    expect(withFilterRemoved(one, { key: "actor", value: "isis" }).filters.role).toBe("any");
  });

  it("reaches no filters by removing every chip one by one", () => {
    const vocabulary = createFilterVocabulary({ actors: [], sources: [], event_types: [], governorates: [] });
    let view = busy;
    for (let guard = 0; guard < 20; guard++) {
      const chips = activeFilterChips(view.filters, vocabulary);
      if (chips.length === 0) break;
      view = withFilterRemoved(view, chips[0] as (typeof chips)[number]);
    }
    expect(view.filters).toEqual(NO_FILTERS);
  });
});
