/**
 * Any part of the page by its test id (the ids the app's components carry): what a reader does with it and
 * what they see of it. The page-specific actions and questions (when.ts, get-*.ts) are built from the same steps.
 */

import type { Frame, Page } from "playwright-core";
import { embedLayout, screenPointOf } from "./embed.ts";
import { type FocusAt, focusAt, pressKey, tabUntil } from "./keyboard.ts";
import { addressWritten } from "./page-map.ts";

export function controlActions(frame: Frame, page: Page) {
  return {
    /** Clicks a button, link or field. */
    async click(testId: string): Promise<void> {
      await frame.getByTestId(testId).click();
    },
    /** Moves keyboard focus to it, as Tab would. */
    async focus(testId: string): Promise<void> {
      await frame.getByTestId(testId).focus();
    },
    /** Reloads the page, as the browser's reload button does. */
    async reload(): Promise<void> {
      await page.reload();
    },
    /** Resizes the browser window's viewport, as a reader turning a phone or narrowing a window would. */
    async resizeWindow(size: { width: number; height: number }): Promise<void> {
      await page.setViewportSize(size);
    },
    /**
     * Adds a stylesheet as a reader's browser extension would: a constructed sheet (the page's CSP refuses a
     * <style> element).
     */
    async addReaderStyles(css: string): Promise<void> {
      await frame.evaluate((text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }, css);
    },
    /** Renders the page as Windows' high-contrast (forced colours) mode would. */
    async useForcedColors(): Promise<void> {
      await page.emulateMedia({ forcedColors: "active" });
    },
    /** Takes focus off every control (focus on the page itself), as a click on empty page would. */
    async focusPage(): Promise<void> {
      await frame.locator("body").focus();
    },
    /** Replaces the text of a field. */
    async fill(testId: string, text: string): Promise<void> {
      await frame.getByTestId(testId).fill(text);
    },
    /** Presses Tab (Shift+Tab `backwards`) until `reached`; returns every place focus went (see keyboard.ts). */
    tabUntil: (reached: (at: FocusAt) => boolean, options: { backwards?: boolean; limit?: number } = {}) =>
      tabUntil({ page }, reached, { ...options, frame }),
    /** Presses `key` and returns where focus is once the page has rendered what it changed. */
    pressKey: (key: string) => pressKey({ page }, key, frame),
    /** Presses each key in turn on the focused element (Playwright key names: "Tab", "Shift+Tab", "Enter"…). */
    async pressKeys(...keys: string[]): Promise<void> {
      for (const key of keys) await page.keyboard.press(key);
    },
    /** Waits until it is shown (`timeout` for what is slow on purpose, such as a stalled request). */
    async waitForShown(testId: string, timeout?: number): Promise<void> {
      await frame.getByTestId(testId).waitFor(timeout === undefined ? undefined : { timeout });
    },
    /** Waits until the list shows a message (instead of rows) containing `text`. */
    async waitForListMessage(text: string): Promise<void> {
      await frame.locator(".list-empty", { hasText: text }).waitFor();
    },
    /** Waits until it is in the page, shown or not (a list still measuring its rows). */
    async waitForInPage(testId: string): Promise<void> {
      await frame.getByTestId(testId).waitFor({ state: "attached" });
    },
    /** Waits until the address's hash is no longer `hash` (the map has moved and the address followed). */
    async waitForHashChange(hash: string): Promise<void> {
      await frame.waitForFunction((h) => window.location.hash !== h, hash);
    },
    /** Waits until the address's query has `key` set to `value` (the page has taken a change into its link). */
    async waitForQuery(key: string, value: string): Promise<void> {
      await frame.waitForFunction(
        (wanted) => new URLSearchParams(window.location.search).get(wanted.key) === wanted.value,
        { key, value },
      );
    },
    /** Waits until it is hidden (a folded drawer) or gone. */
    async waitForHidden(testId: string): Promise<void> {
      await frame.getByTestId(testId).waitFor({ state: "hidden" });
    },
    /** Waits until it has left the page (a closed dialog or panel). */
    async waitForGone(testId: string, timeout?: number): Promise<void> {
      await frame.getByTestId(testId).waitFor({ state: "detached", ...(timeout ? { timeout } : {}) });
    },
  };
}

export function controlQuestions(frame: Frame) {
  return {
    /** Its text as written in the page (white space kept). */
    async text(testId: string): Promise<string> {
      return (await frame.getByTestId(testId).first().textContent()) ?? "";
    },
    /** One of its attributes (aria-expanded, placeholder, role…), or null. */
    async attribute(testId: string, name: string): Promise<string | null> {
      return frame.getByTestId(testId).first().getAttribute(name);
    },
    /** What a field holds. */
    async value(testId: string): Promise<string> {
      return frame.getByTestId(testId).inputValue();
    },
    async isShown(testId: string): Promise<boolean> {
      return frame.getByTestId(testId).first().isVisible();
    },
    /** Whether the first element matching a CSS selector is shown (for parts without a test id). */
    async shows(selector: string): Promise<boolean> {
      return frame.locator(selector).first().isVisible();
    },
    /** Its inner size (clientWidth, clientHeight): what it draws in, borders aside. */
    async innerSize(testId: string): Promise<{ width: number; height: number }> {
      return frame.getByTestId(testId).evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
    },
    /** The text of the first element matching a CSS selector (for parts without a test id). */
    async textAt(selector: string): Promise<string> {
      return (await frame.locator(selector).first().textContent()) ?? "";
    },
    /** An attribute of the first element matching a CSS selector, or null. */
    async attributeAt(selector: string, name: string): Promise<string | null> {
      return frame.locator(selector).first().getAttribute(name);
    },
    /** The text of every element matching a CSS selector, in document order. */
    async textsAt(selector: string): Promise<string[]> {
      return frame.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ""));
    },
    /** One attribute of every element matching a CSS selector, in document order ("" where it is absent). */
    async attributesAt(selector: string, name: string): Promise<string[]> {
      return frame
        .locator(selector)
        .evaluateAll((nodes, attribute) => nodes.map((n) => n.getAttribute(attribute) ?? ""), name);
    },
    /** Where keyboard focus is: test id, region of the page, whether it is a list row (see keyboard.ts). */
    async focusAt(): Promise<FocusAt> {
      return focusAt(frame);
    },
    /** The boxes a reader sees in an embed's frame: map, canvas, overlays (see embed.ts). */
    async embedLayout() {
      return embedLayout(frame);
    },
    /** Where the map draws `lngLat`, in the frame's pixels. */
    async screenPointOf(lngLat: [number, number]): Promise<{ x: number; y: number }> {
      return screenPointOf(frame, lngLat);
    },
    /** The boxes of every element matching a CSS selector, in document order (null for one not drawn). */
    async boxes(
      selector: string,
    ): Promise<({ x: number; y: number; width: number; height: number } | null)[]> {
      const all = frame.locator(selector);
      const boxes = [];
      for (let i = 0, n = await all.count(); i < n; i++) boxes.push(await all.nth(i).boundingBox());
      return boxes;
    },
    /** The text of Vite's error overlay (dev server only; in its shadow root), or "" when none is shown. */
    async devErrorOverlay(): Promise<string> {
      return frame.evaluate(
        () =>
          document.querySelector("vite-error-overlay")?.shadowRoot?.textContent?.replace(/\s+/g, " ") ?? "",
      );
    },
    /** How many elements have an ARIA role (landmarks: "banner", "main"…), as assistive technology counts them. */
    async roleCount(role: Parameters<Frame["getByRole"]>[0]): Promise<number> {
      return frame.getByRole(role).count();
    },
    /** Whether a field is marked invalid (aria-invalid). */
    async isInvalid(testId: string): Promise<boolean> {
      return (await frame.getByTestId(testId).getAttribute("aria-invalid")) === "true";
    },
    /** Whether keyboard focus is on it or inside it. */
    async holdsFocus(testId: string): Promise<boolean> {
      return frame.getByTestId(testId).evaluate((el) => el.contains(document.activeElement));
    },
    /** Whether a disclosure (a <details>, such as the legend) is unfolded. */
    async isUnfolded(testId: string): Promise<boolean> {
      return frame.getByTestId(testId).evaluate((el) => (el as HTMLDetailsElement).open);
    },
    /** Whether the page is the embed's layout (`?embed=1`) rather than the full app. */
    async isEmbed(): Promise<boolean> {
      return (await frame.locator(".app.embed").count()) > 0;
    },
    /** How many elements carry the test id (0: not in the page). */
    async count(testId: string): Promise<number> {
      return frame.getByTestId(testId).count();
    },
    /** The address's hash ("#zoom/lat/lon"), as the page sees it. */
    async hash(): Promise<string> {
      await addressWritten(frame);
      return frame.evaluate(() => window.location.hash);
    },
    /** The address of the page (or of the embed's frame). */
    async address(): Promise<URL> {
      await addressWritten(frame);
      return new URL(frame.url());
    },
  };
}
