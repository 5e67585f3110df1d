import { describe, expect, inject, it } from "vitest";
import { idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);
const WESTERN_DIGIT = /[0-9]/;
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/;

describe("counts and numbers in each language", () => {
  it("says “1 incident”, not “1 incidents”, when one incident matches a search", async () => {
    const data = await servedData(baseUrl);
    const query = "Baghuz";
    expect(idsMatching(data, { q: query })).toHaveLength(1);
    const app = await openApp(`?q=${query}`);
    expect(await app.get.countText()).toBe("1 incident");
  });

  it("gives the Arabic timeline's bars the plural form of their count, in Arabic-Indic digits", async () => {
    const app = await openApp("?lang=ar");
    const titles = await app.get.attributesAt(".timeline-bin", "title");
    expect(titles.length).toBeGreaterThan(0);
    // 3 to 10 take the plural حوادث; "٣ حادثة" is the singular after a number it does not agree with.
    expect(titles.some((title) => /(^|\s)([٣-٩]|١٠) حوادث/.test(title))).toBe(true);
    expect(titles.filter((title) => /(^|\s)([٣-٩]|١٠) حادثة/.test(title))).toEqual([]);
    expect(titles.filter((title) => WESTERN_DIGIT.test(title))).toEqual([]);
  });

  it("writes an Arabic place's distance and its uncertainty in the same digits", async () => {
    const data = await servedData(baseUrl);
    const incident = data.features.find(
      (f) =>
        ARABIC_INDIC_DIGIT.test(f.properties.position.ar) &&
        !WESTERN_DIGIT.test(f.properties.place.name.ar) &&
        f.properties.radius_km > 0,
    );
    if (!incident) throw new Error("no incident placed at a distance from a town");
    const app = await openApp("?lang=ar");
    await app.when.clickListItem(incident.properties.id);
    const place = await app.get.textOf("incident-place");
    expect(place).toContain(incident.properties.position.ar);
    expect(place).toMatch(ARABIC_INDIC_DIGIT);
    expect(place).not.toMatch(WESTERN_DIGIT);
  });
});
