/**
 * A news article that embeds the map: the embed's iframe as the article's reader sees it (its box, its
 * attributes, its height as the responsive script sets it), the article's scroll and address, and the wheel.
 */

import type { Frame, Page } from "playwright-core";
import { nextFrames } from "./page-map.ts";

/** The embed's iframe: the one the responsive code marks, else the article's first frame. */
const EMBED_IFRAME = "iframe[data-incident-atlas]";

function embedIframe(frame: Frame) {
  return frame.locator(`${EMBED_IFRAME}, iframe`).first();
}

export function articleActions(frame: Frame, page: Page) {
  return {
    /** Turns the mouse wheel over the middle of the part of `box` on screen, Ctrl held when `withCtrl`. */
    async wheelOver(
      box: { x: number; y: number; width: number; height: number },
      deltaY: number,
      withCtrl = false,
    ): Promise<void> {
      const viewportHeight = page.viewportSize()?.height ?? box.y + box.height;
      const top = Math.max(box.y, 0);
      const bottom = Math.min(box.y + box.height, viewportHeight);
      await page.mouse.move(box.x + box.width / 2, (top + bottom) / 2);
      if (withCtrl) await page.keyboard.down("Control");
      await page.mouse.wheel(0, deltaY);
      if (withCtrl) await page.keyboard.up("Control");
    },
    /**
     * Starts watching for MapLibre's "use Ctrl + scroll" notice, which shows for a moment only; the returned
     * function waits until it has shown and gives its text.
     */
    async watchScrollNotice(): Promise<() => Promise<string>> {
      await frame.evaluate(() => {
        const notice = document.querySelector(".maplibregl-cooperative-gesture-screen");
        if (!notice) throw new Error("the map has no cooperative-gesture notice");
        const seen = window as unknown as { noticeText?: string };
        new MutationObserver(() => {
          if (notice.classList.contains("maplibregl-show")) seen.noticeText = notice.textContent ?? "";
        }).observe(notice, { attributes: true });
      });
      return async () => {
        await frame.waitForFunction(
          () => (window as unknown as { noticeText?: string }).noticeText !== undefined,
        );
        return frame.evaluate(() => (window as unknown as { noticeText?: string }).noticeText ?? "");
      };
    },
    /** Waits until the article has scrolled down. */
    async waitForArticleScrolled(): Promise<void> {
      await frame.waitForFunction(() => window.scrollY > 0);
    },
    /** Reloads the article and waits until the embed in it has its list again. */
    async reloadArticle(): Promise<void> {
      await page.reload();
      await frame.frameLocator("iframe").first().getByTestId("incident-count").waitFor({ state: "attached" });
    },
    /** Sets the width of the article's column (the element with id `column`), as a wider layout would. */
    async setColumnWidth(width: number): Promise<void> {
      await frame.evaluate((w) => {
        const column = document.getElementById("column");
        if (column) column.style.width = `${w}px`;
      }, width);
    },
    /** Waits until the embed's iframe is `height` pixels tall. */
    async waitForEmbedHeight(height: number): Promise<void> {
      await frame.waitForFunction(
        ({ h, selector }) => {
          const element = document.querySelector(selector);
          return element !== null && Math.round(element.getBoundingClientRect().height) === h;
        },
        { h: height, selector: EMBED_IFRAME },
      );
    },
    /**
     * The article posts a resize message to itself, as a stray script could; resolves once every listener has
     * handled it (a marker posted after it has arrived) and the page has drawn what they changed.
     */
    async postHeightToItself(height: number): Promise<void> {
      await frame.evaluate(
        (h) =>
          new Promise<void>((resolve) => {
            const marker = `after-${Math.random()}`;
            addEventListener("message", (event) => {
              if (event.data === marker) resolve();
            });
            window.postMessage({ type: "incident-atlas:height", height: h }, "*");
            window.postMessage(marker, "*");
          }),
        height,
      );
      await nextFrames(frame);
    },
  };
}

export function articleQuestions(frame: Frame) {
  return {
    /** The embed's iframe box, in the article's pixels. */
    async embedFrameBox(): Promise<{ x: number; y: number; width: number; height: number }> {
      const box = await embedIframe(frame).evaluate((f) => {
        const r = f.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      });
      return box;
    },
    async embedFrameAttribute(name: string): Promise<string | null> {
      return embedIframe(frame).getAttribute(name);
    },
    /** The article's address and the length of its history: what an embed must leave alone. */
    async articleLocation(): Promise<{ href: string; historyLength: number }> {
      return frame.evaluate(() => ({ href: window.location.href, historyLength: window.history.length }));
    },
  };
}
