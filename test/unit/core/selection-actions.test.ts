import { describe, expect, it } from "vitest";
import { withCamera, withLang, withSelected } from "../../../src/core/selection-actions.ts";
import { DEFAULT_VIEW } from "../../../src/core/view-state.ts";

describe("withSelected", () => {
  it("selects an incident and closes the selection with null", () => {
    const selected = withSelected(DEFAULT_VIEW, "ghuwayran-prison-attack-2022");
    expect(selected.selected).toBe("ghuwayran-prison-attack-2022");
    expect(withSelected(selected, null).selected).toBeNull();
  });

  it("returns the same view when the selection does not change", () => {
    expect(withSelected(DEFAULT_VIEW, null)).toBe(DEFAULT_VIEW);
  });
});

describe("withLang", () => {
  it("switches the language and leaves the rest of the view alone", () => {
    const arabic = withLang(DEFAULT_VIEW, "ar");
    expect(arabic.lang).toBe("ar");
    expect(arabic.filters).toBe(DEFAULT_VIEW.filters);
  });
});

describe("withCamera", () => {
  it("rounds the camera as the URL hash does", () => {
    const view = withCamera(DEFAULT_VIEW, { zoom: 7.123456, lat: 36.123456789, lon: 40.987654321 });
    expect(view.camera).toEqual({ zoom: 7.12, lat: 36.1235, lon: 40.9877 });
  });

  it("returns the same view when the rounded camera is unchanged", () => {
    const view = withCamera(DEFAULT_VIEW, { zoom: 7, lat: 36, lon: 40 });
    expect(withCamera(view, { zoom: 7.001, lat: 36.00001, lon: 40.00001 })).toBe(view);
  });
});
