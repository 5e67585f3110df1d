/** What a user does on the full page or in an embed: each action waits until the page has followed. */

import type { Frame, Page } from "playwright-core";
import type { ActorRole } from "../../../src/core/view-state.ts";
import { articleActions } from "./article.ts";
import { checkActions } from "./check.ts";
import { controlActions } from "./controls.ts";
import { frameActions } from "./frame.ts";
import { settle, type WithMap, waitForMapIdle } from "./page-map.ts";
import { popupActions } from "./popups.ts";
import { tabActions } from "./tabs.ts";
import { MULTI_SELECTS, type MultiSelectKind } from "./types.ts";

export function createWhen(frame: Frame, page: Page, state: { failing: boolean }) {
  const w = {
    ...controlActions(frame, page),
    ...popupActions(frame),
    ...articleActions(frame, page),
    ...tabActions(page),
    ...frameActions(frame, page),
    ...checkActions(page),
    async clickListItem(id: string): Promise<void> {
      await frame.locator(`.list-rows [data-incident-id="${id}"]`).click();
    },
    /** Waits until keyboard focus is on a row of the list. */
    async waitForRowFocus(): Promise<void> {
      await frame.waitForFunction(() => document.activeElement?.hasAttribute("data-incident-id") === true);
    },
    async focusList(): Promise<void> {
      await frame.locator('.list-rows [tabindex="0"]').focus();
    },
    async press(key: string): Promise<void> {
      await page.keyboard.press(key);
    },
    /** Clicks the language button and waits until the page has switched. */
    async switchLanguage(): Promise<void> {
      const before = await frame.evaluate(() => document.documentElement.lang);
      await frame.getByTestId("lang-switch").click();
      await frame.waitForFunction((lang) => document.documentElement.lang !== lang, before);
    },
    async closePanel(): Promise<void> {
      await frame.getByTestId("panel-close").click();
    },
    async waitForMap(): Promise<void> {
      await waitForMapIdle(frame);
    },
    /** Waits until the page has rendered what the last step changed and the map has drawn it. */
    async settle(): Promise<void> {
      await settle(frame);
    },
    /** Centres the map on the incident at a zoom where it is no longer clustered, then clicks its symbol. */
    async clickIncidentOnMap(id: string, coordinates: [number, number], zoom = 13): Promise<void> {
      await frame.evaluate(
        ({ center, zoom }) => (window as unknown as WithMap).__atlasMap?.jumpTo({ center, zoom }),
        { center: coordinates, zoom },
      );
      await waitForMapIdle(frame);
      const point = await w.screenPointOf(coordinates);
      await page.mouse.move(point.x, point.y);
      await page.mouse.click(point.x, point.y);
      void id;
    },
    async hoverIncidentOnMap(coordinates: [number, number], zoom = 13): Promise<void> {
      await frame.evaluate(
        ({ center, zoom }) => (window as unknown as WithMap).__atlasMap?.jumpTo({ center, zoom }),
        { center: coordinates, zoom },
      );
      await waitForMapIdle(frame);
      const point = await w.screenPointOf(coordinates);
      await page.mouse.move(point.x - 30, point.y - 30);
      await page.mouse.move(point.x, point.y, { steps: 3 });
    },
    async screenPointOf(coordinates: [number, number]): Promise<{ x: number; y: number }> {
      return frame.evaluate((lngLat) => {
        const map = (window as unknown as WithMap).__atlasMap;
        if (!map) throw new Error("no map");
        const p = map.project(lngLat);
        const rect = map.getCanvas().getBoundingClientRect();
        return { x: rect.left + p.x, y: rect.top + p.y };
      }, coordinates);
    },
    // ── Filters ──────────────────────────────────────────────────────────────────────────────────────
    /**
     * Opens one of the filter bar's multi-selects, types `search` into its search box when given (the option
     * must then be among the matches), ticks the option `id`, and closes the list again.
     */
    async pick(kind: MultiSelectKind, id: string, search?: string): Promise<void> {
      const testId = MULTI_SELECTS[kind];
      await frame.getByTestId(testId).click();
      if (search !== undefined) await frame.getByTestId(`${testId}-search`).fill(search);
      await frame.locator(`[data-testid="${testId}-options"] input[type="checkbox"][value="${id}"]`).check();
      await frame.getByTestId(testId).click();
      await settle(frame);
    },
    /** Unticks option `id` of a multi-select. */
    async unpick(kind: MultiSelectKind, id: string): Promise<void> {
      const testId = MULTI_SELECTS[kind];
      await frame.getByTestId(testId).click();
      await frame
        .locator(`[data-testid="${testId}-options"] input[type="checkbox"][value="${id}"]`)
        .uncheck();
      await frame.getByTestId(testId).click();
      await settle(frame);
    },
    async pickActor(id: string, search?: string): Promise<void> {
      await w.pick("actor", id, search);
    },
    async pickSource(id: string, search?: string): Promise<void> {
      await w.pick("source", id, search);
    },
    async pickType(id: string): Promise<void> {
      await w.pick("type", id);
    },
    async pickGovernorate(id: string): Promise<void> {
      await w.pick("gov", id);
    },
    /** The options a multi-select's search box leaves for `search` (ids, in the order shown). */
    async optionsFor(kind: MultiSelectKind, search: string): Promise<string[]> {
      const testId = MULTI_SELECTS[kind];
      await frame.getByTestId(testId).click();
      await frame.getByTestId(`${testId}-search`).fill(search);
      const ids = await frame
        .locator(`[data-testid="${testId}-options"] input[type="checkbox"]`)
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
      await frame.getByTestId(testId).click();
      return ids;
    },
    async chooseRole(role: ActorRole): Promise<void> {
      await frame.getByTestId("filter-role").selectOption(role);
      await settle(frame);
    },
    /** Types the dates into the From and To fields (null empties a field). */
    async setDates(from: string | null, to: string | null): Promise<void> {
      await frame.getByTestId("filter-from").fill(from ?? "");
      await frame.getByTestId("filter-to").fill(to ?? "");
      await settle(frame);
    },
    /** Types into the search box and waits until the app has taken the text (it waits for a pause in typing). */
    async search(text: string): Promise<void> {
      await frame.getByTestId("filter-q").fill(text);
      const wanted = text.trim() === "" ? null : text;
      await frame.waitForFunction((q) => new URLSearchParams(window.location.search).get("q") === q, wanted);
      await settle(frame);
    },
    /**
     * Drags across the timeline from the middle of bar `fromBar` to the middle of bar `toBar` (bars counted in
     * time order, whatever the writing direction).
     */
    async dragOnTimeline(fromBar: number, toBar: number): Promise<void> {
      const bars = frame.locator('[data-testid="timeline-brush"] .timeline-bin');
      const a = await bars.nth(fromBar).boundingBox();
      const b = await bars.nth(toBar).boundingBox();
      if (!a || !b) throw new Error(`timeline bar ${fromBar} or ${toBar} is not shown`);
      const y = a.y + a.height / 2;
      await page.mouse.move(a.x + a.width / 2, y);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, y, { steps: 8 });
      await page.mouse.up();
      await settle(frame);
    },
    /** Focuses a brush handle of the timeline and presses `keys` on it, one after another. */
    async pressOnTimelineHandle(which: "start" | "end", ...keys: string[]): Promise<void> {
      const handle = frame.getByTestId(`timeline-handle-${which}`);
      await handle.focus();
      for (const key of keys) await handle.press(key);
      await settle(frame);
    },
    /** Presses Play (or Pause, when playing). */
    async togglePlay(): Promise<void> {
      await frame.getByTestId("timeline-play").click();
    },
    /** Waits until the date fields show this period ("any": any period at all), as Play or a drag sets them. */
    async waitForPeriod(period: { from: string; to: string } | "any", timeout = 5000): Promise<void> {
      await frame.waitForFunction(
        (p) => {
          // The fields show the page's digits (Arabic-Indic in Arabic): compared as ASCII.
          const ascii = (text: string | undefined) =>
            text?.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
          const from = ascii(
            (document.querySelector('[data-testid="filter-from"]') as HTMLInputElement | null)?.value,
          );
          const to = ascii(
            (document.querySelector('[data-testid="filter-to"]') as HTMLInputElement | null)?.value,
          );
          return p === "any" ? Boolean(from || to) : from === p.from && to === p.to;
        },
        period,
        { timeout },
      );
    },
    /** Waits until the count says `count` incidents are shown (the filter's answer has arrived). */
    async waitForCount(count: number, timeout = 5000): Promise<void> {
      await frame.waitForFunction(
        (n) =>
          document.querySelector('[data-testid="incident-count"]')?.getAttribute("data-count") === String(n),
        count,
        { timeout },
      );
    },
    /** In an embed: opens the filters' drawer from the title bar. */
    async openEmbedFilters(): Promise<void> {
      await frame.getByTestId("embed-filters-button").click();
      await frame.getByTestId("embed-filters-drawer").waitFor();
    },
    /** In an embed: closes the filters' drawer with its Done button. */
    async closeEmbedFilters(): Promise<void> {
      await frame.locator(".embed-filters-done").click();
      await frame.getByTestId("embed-filters-drawer").waitFor({ state: "hidden" });
    },
    /** Puts keyboard focus on the map (its canvas), where the map's own keys (+, −, arrows) act. */
    async focusMap(): Promise<void> {
      await frame.locator(".maplibregl-canvas").focus();
    },
    /** Waits until the map is zoomed in further than `zoom`. */
    async waitForZoomAbove(zoom: number): Promise<void> {
      await frame.waitForFunction(
        (z) => ((window as unknown as WithMap).__atlasMap?.getZoom() ?? 0) > z,
        zoom,
      );
    },
    /** Puts the cursor in the search box without typing. */
    async focusSearch(): Promise<void> {
      await frame.getByTestId("filter-q").focus();
    },
    /** Moves the mouse over the middle of the page, as a reader about to use it does. */
    async movePointer(): Promise<void> {
      const { width, height } = frame.page().viewportSize() ?? { width: 800, height: 600 };
      await frame.page().mouse.move(width / 2, height / 2, { steps: 2 });
    },
    /** Waits until the browser has an idle moment (what the page does "when idle" has been started). */
    async pageIdle(): Promise<void> {
      await frame.evaluate(
        () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 10_000 })),
      );
    },
    /**
     * Lets time pass, as a reader watching the page would. Only for behaviour that is about time itself (the
     * timeline's Play steps on a clock); anything else waits for a signal from the page.
     */
    async wait(ms: number): Promise<void> {
      await frame.waitForTimeout(ms);
    },
    async showAllDates(): Promise<void> {
      await frame.getByTestId("timeline-all").click();
      await settle(frame);
    },
    async removeChip(key: string, value: string): Promise<void> {
      await frame.getByTestId(`chip-${key}-${value}`).click();
      await settle(frame);
    },
    async clearAll(): Promise<void> {
      await frame.getByTestId("clear-filters").click();
      await settle(frame);
    },
    /** The button offered by the "nothing matches" message. */
    async clearFromEmptyMessage(): Promise<void> {
      await frame.getByTestId("filter-empty-clear").click();
      await settle(frame);
    },
    async dismissNotices(): Promise<void> {
      await frame.getByTestId("url-notices").getByRole("button").click();
    },

    // ── Address and history ──────────────────────────────────────────────────────────────────────────
    /** The browser's Back button; waits until the address has changed and the page has followed. */
    async goBack(): Promise<void> {
      const before = frame.url();
      await frame.evaluate(() => window.history.back());
      await frame.waitForFunction((url) => window.location.href !== url, before);
      await settle(frame);
    },
    async goForward(): Promise<void> {
      const before = frame.url();
      await frame.evaluate(() => window.history.forward());
      await frame.waitForFunction((url) => window.location.href !== url, before);
      await settle(frame);
    },
    /** Pans and zooms the map as a reader's drag and wheel would end up, then waits for it to settle. */
    async moveMap(zoom: number, lat: number, lon: number): Promise<void> {
      await frame.evaluate(
        ({ center, zoom }) => (window as unknown as WithMap).__atlasMap?.jumpTo({ center, zoom }),
        { center: [lon, lat] as [number, number], zoom },
      );
      await settle(frame);
    },
    async retry(): Promise<void> {
      await frame.getByTestId("data-retry").click();
    },
    dataComesBack(): void {
      state.failing = false;
    },
  };
  return w;
}
