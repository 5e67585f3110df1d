import { describe, expect, inject, it } from "vitest";
import { useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const openApp = useSharedBrowser(baseUrl);

/** Buttons that remove themselves hand focus on, so a keyboard user is never sent back to the top of the page. */
describe("focus after a reset", () => {
  it("goes to Play when the timeline's “All dates” resets the range", async () => {
    const app = await openApp("?from=2022-01-01&to=2023-12-31");
    await app.when.showAllDates();
    expect(await app.get.focusedTestId()).toBe("timeline-play");
  });

  it("goes to the next chip when a chip is removed, and to the count after the last", async () => {
    const app = await openApp("?q=prison&from=2019-01-01");
    const chips = (await app.get.chips()).map((chip) => `chip-${chip.key}-${chip.value}`);
    expect(chips).toHaveLength(2);
    await app.when.click(chips[0] ?? "");
    await expect.poll(() => app.get.focusedTestId()).toBe(chips[1]);
    await app.when.click(chips[1] ?? "");
    await expect.poll(() => app.get.focusedTestId()).toBe("filter-count");
  });

  it("goes to the count after “Clear all”", async () => {
    const app = await openApp("?q=prison");
    await app.when.clearAll();
    expect(await app.get.focusedTestId()).toBe("filter-count");
  });

  it("goes to the count after the no-results message's “Clear the filters”", async () => {
    const app = await openApp("?q=zzzqqqxxx");
    await app.when.clearFromEmptyMessage();
    expect(await app.get.focusedTestId()).toBe("filter-count");
  });
});
