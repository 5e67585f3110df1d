import { describe, expect, inject, it } from "vitest";
import { byDate, given, idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

// #15 item 4: the date fields follow the page's language, not the browser's (an English Chromium wrote
// "mm/dd/yyyy" in both languages and would not take Arabic-Indic digits).
const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);
const toArabicDigits = (text: string) =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));

describe("date fields in the page's language", () => {
  it("show year-month-day in Arabic words and digits, and take a date typed in Arabic digits", async () => {
    const sorted = byDate(data);
    const from = sorted[Math.floor(sorted.length / 2)]?.properties.date_start ?? "";
    const to = sorted.at(-1)?.properties.date_end ?? "";
    const expected = idsMatching(data, { from, to });
    expect(expected.length).toBeLessThan(data.features.length);

    const app = await openApp(`?lang=ar&to=${to}`);
    expect(await app.get.attribute("filter-from", "placeholder")).toBe("سنة-شهر-يوم");
    expect(await app.get.value("filter-to")).toBe(toArabicDigits(to));
    await app.when.setDates(toArabicDigits(from), toArabicDigits(to));
    expect(await app.get.listedIds()).toEqual(expected);
  });

  it("names a date it cannot read, keeps what was typed, and leaves the filter as it was", async () => {
    const app = await openApp();
    expect(await app.get.attribute("filter-from", "placeholder")).toBe("YYYY-MM-DD");
    const before = await app.get.listedIds();
    await app.when.fill("filter-from", "01/20/2022");
    await app.when.press("Tab");
    await expect.poll(() => app.get.text("filter-from-error")).toMatch(/year-month-day/);
    expect(await app.get.value("filter-from")).toBe("01/20/2022");
    expect(await app.get.isInvalid("filter-from")).toBe(true);
    expect(await app.get.listedIds()).toEqual(before);
  });

  it("keeps the English page's fields in Western digits", async () => {
    const app = await given.app(`${baseUrl}?from=2022-01-20`);
    try {
      await app.when.waitForMap();
      expect(await app.get.value("filter-from")).toBe("2022-01-20");
    } finally {
      await app.close();
    }
  });
});
