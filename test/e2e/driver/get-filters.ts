/** Questions about the filter bar, the timeline and the page's address. */

import type { Frame } from "playwright-core";
import { asciiDigits } from "../../../src/core/date-text.ts";
import { addressWritten } from "./page-map.ts";
import { type Chip, MULTI_SELECTS, type MultiSelectKind, type PageUrl } from "./types.ts";

export function filterQuestions(frame: Frame) {
  return {
    /** The numbers behind the count (a count of one or two is a word in Arabic: "حادثتان"). */
    async filterCount(): Promise<{ shown: number; total: number }> {
      const count = frame.getByTestId("filter-count");
      const [shown, total] = [await count.getAttribute("data-shown"), await count.getAttribute("data-total")];
      if (shown === null || total === null) throw new Error(`the count reads "${await count.textContent()}"`);
      return { shown: Number(shown), total: Number(total) };
    },
    async filterCountText(): Promise<string> {
      return (await frame.getByTestId("filter-count").textContent()) ?? "";
    },
    async chips(): Promise<Chip[]> {
      return frame.locator('[data-testid="filter-chips"] [data-testid^="chip-"]').evaluateAll((chips) =>
        chips.map((chip) => {
          const rest = (chip.getAttribute("data-testid") ?? "").slice("chip-".length);
          const dash = rest.indexOf("-");
          return {
            key: rest.slice(0, dash),
            value: rest.slice(dash + 1),
            text: (chip.textContent ?? "").replace(/\s+/g, " ").trim(),
          };
        }),
      );
    },
    /** The texts of the chips shown over the list, removable or not (an embed's locked chips have no test id). */
    async chipTexts(): Promise<string[]> {
      return frame.locator(".chip-list .chip").allTextContents();
    },
    /** How many chips are buttons that remove their filter. */
    async removableChips(): Promise<number> {
      return frame.locator(".chip-list button").count();
    },
    async hasClearAll(): Promise<boolean> {
      return (await frame.getByTestId("clear-filters").count()) > 0;
    },
    /** The "no incident matches" message, or null when there is none. */
    async emptyMessage(): Promise<string | null> {
      const message = frame.getByTestId("filter-empty");
      return (await message.count()) === 0 ? null : ((await message.textContent()) ?? "");
    },
    async dateInputs(): Promise<{ from: string; to: string }> {
      return {
        from: asciiDigits(await frame.getByTestId("filter-from").inputValue()),
        to: asciiDigits(await frame.getByTestId("filter-to").inputValue()),
      };
    },
    async role(): Promise<string> {
      return frame.getByTestId("filter-role").inputValue();
    },
    async searchText(): Promise<string> {
      return frame.getByTestId("filter-q").inputValue();
    },
    /** Ids ticked in a multi-select (opens and closes it). */
    async picked(kind: MultiSelectKind): Promise<string[]> {
      const testId = MULTI_SELECTS[kind];
      await frame.getByTestId(testId).click();
      const ids = await frame
        .locator(`[data-testid="${testId}-options"] input[type="checkbox"]:checked`)
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
      await frame.getByTestId(testId).click();
      return ids;
    },
    /** The text of a part of the page, by test id ("filter-bar", "timeline"…), white space collapsed. */
    async textOf(testId: string): Promise<string> {
      return ((await frame.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ").trim();
    },
    /** The writing direction the browser applies to the first element matching `selector`. */
    async direction(selector: string): Promise<string> {
      return frame
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).direction);
    },
    /** The timeline: number of bars, their step, the brush handles' spoken dates, whether it plays. */
    async timeline(): Promise<{ bars: number; step: string; start: string; end: string; playing: boolean }> {
      const timeline = frame.getByTestId("timeline");
      return {
        bars: await timeline.locator(".timeline-bin").count(),
        step: (await timeline.getAttribute("data-step")) ?? "",
        start: (await frame.getByTestId("timeline-handle-start").getAttribute("aria-valuetext")) ?? "",
        end: (await frame.getByTestId("timeline-handle-end").getAttribute("aria-valuetext")) ?? "",
        playing: (await frame.getByTestId("timeline-play").getAttribute("data-playing")) === "true",
      };
    },
    /** Notices about parts of the address that were left out; [] when none is shown. */
    async notices(): Promise<string[]> {
      const box = frame.getByTestId("url-notices");
      if ((await box.count()) === 0) return [];
      return box.locator("li").allTextContents();
    },
    /**
     * Whether text from the address ran as code or became markup: `marker` is what the injected snippets would
     * set (`window[marker]`) or name (an element with id or class `marker`).
     */
    async injected(marker: string): Promise<{ ran: boolean; elements: number }> {
      return frame.evaluate(
        (name) => ({
          ran: (window as unknown as Record<string, unknown>)[name] !== undefined,
          elements: document.querySelectorAll(`#${name}, .${name}`).length,
        }),
        marker,
      );
    },
    async url(): Promise<PageUrl> {
      await addressWritten(frame);
      const url = new URL(frame.url());
      return { query: Object.fromEntries(url.searchParams), hash: url.hash };
    },
    async historyLength(): Promise<number> {
      await addressWritten(frame);
      return frame.evaluate(() => window.history.length);
    },
  };
}
