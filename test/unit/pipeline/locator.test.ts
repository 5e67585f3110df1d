import { describe, expect, it } from "vitest";
import { createLocator } from "../../../src/pipeline/stages/locator.ts";
import { reference } from "./sheets.ts";

const locator = createLocator(reference);

describe("createLocator", () => {
  it("phrases a position by distance and compass direction from the nearest town, in both languages", () => {
    expect(locator.positionAt(39.07, 35.9)).toEqual({ en: "8 km SE of Raqqa", ar: "٨ كم جنوب شرق الرقة" });
  });

  it('says "in <town>" within a kilometre of it', () => {
    expect(locator.positionAt(39.008, 35.953)).toEqual({ en: "in Raqqa", ar: "في الرقة" });
  });

  it("finds the governorate a point lies in", () => {
    expect(locator.governorateAt(40.7411, 36.4752)).toEqual({
      id: "SY-HA",
      name: { en: "Al-Hasakah", ar: "الحسكة" },
    });
    expect(locator.governorateAt(36.2913, 33.5102)?.id).toBe("SY-DI");
  });

  it("gives no governorate for a point across the border, but accepts it in the border region", () => {
    // About 20 km north of Ras al-Ayn, inside Turkey.
    expect(locator.governorateAt(40.0, 37.05)).toBeNull();
    expect(locator.inRegion(40.0, 37.05)).toBe(true);
  });

  it("rejects points far outside Syria, such as swapped coordinates", () => {
    expect(locator.inRegion(36.4752, 40.7411)).toBe(false);
    expect(locator.inRegion(28.97, 41.01)).toBe(false);
  });
});
