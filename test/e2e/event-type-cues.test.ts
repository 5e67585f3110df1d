import { describe, expect, inject, it } from "vitest";
import { EVENT_TYPES } from "../../src/core/vocabulary.ts";
import { servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);
const TYPE_NAMES = new Map(EVENT_TYPES.map((t) => [t.id, t.name]));

/** The event type is never told by colour alone (WCAG 1.4.1), and its marks stand out (1.4.11). */
describe("event type cues", () => {
  it("names each row's event type in its accessible name and on screen, in both languages", async () => {
    const data = await servedData(baseUrl);
    const typeOf = new Map(data.features.map((f) => [f.properties.id, f.properties.event_type]));
    for (const lang of ["en", "ar"] as const) {
      const app = await openApp(`?lang=${lang}`);
      const ids = await app.get.rowIds();
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        const name = TYPE_NAMES.get(typeOf.get(id) ?? "")?.[lang];
        if (!name) throw new Error(`no vocabulary name for ${id}`);
        expect(await app.get.rowSpoken(id)).toContain(name);
        const shown = `.list-rows [data-incident-id="${id}"] .row-type`;
        expect(await app.get.shows(shown)).toBe(true);
        expect(await app.get.textAt(shown)).toBe(name);
      }
      await app.close();
    }
  });

  it("draws each event type with its own shape on the map and in the legend", async () => {
    const app = await openApp("#13/34.45/40.92");
    const legend = await app.get.legendTypes();
    expect(legend.map((l) => l.text)).toEqual(EVENT_TYPES.map((t) => t.name.en));
    // Shapes alone, without their colour, still tell the types apart.
    const shapes = legend.map((l) => l.shape.replace(/fill="[^"]*"|stroke="[^"]*"/g, ""));
    expect(new Set(shapes).size).toBe(EVENT_TYPES.length);

    const icons = await app.get.markerIcons();
    expect(icons.length).toBeGreaterThan(0);
    const byType = new Map<number, Set<string>>();
    for (const icon of icons) {
      expect(icon.available).toBe(true);
      byType.set(
        icon.type,
        (byType.get(icon.type) ?? new Set()).add(icon.image.replace(/-approximate$/, "")),
      );
    }
    const shapeNames = [...byType.values()].map((s) => [...s]);
    for (const names of shapeNames) expect(names.length).toBe(1);
    expect(new Set(shapeNames.flat()).size).toBe(byType.size);
  });

  it("outlines the list's type marks at 3:1 or more against the row", async () => {
    const app = await openApp();
    const [swatch] = await app.get.markContrasts([".row-swatch"]);
    expect(swatch?.contrast).toBeGreaterThanOrEqual(3);
  });
});
