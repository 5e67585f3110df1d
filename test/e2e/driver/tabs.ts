/** Other tabs of the same browser: a link opened in a new tab, an address opened beside the app, an embed's frame. */

import type { Frame, Page } from "playwright-core";
import { watchCspViolations } from "./csp.ts";
import { createGet } from "./get.ts";
import { frameFrom, waitForMapIdle } from "./page-map.ts";
import type { AppDriver } from "./types.ts";
import { createWhen } from "./when.ts";

/** What a reader does and sees in one page or frame, without the app's own bookkeeping (requests, errors). */
export interface Surface {
  when: AppDriver["when"];
  get: AppDriver["get"];
}

export interface Tab extends Surface {
  /** The embed in this tab served from `origin`, once its list is in the page and its map has settled. */
  embedFrom(origin: string): Promise<Surface>;
  close(): Promise<void>;
}

export function surfaceOf(frame: Frame, page: Page): Surface {
  return { when: createWhen(frame, page, { failing: false }), get: createGet(frame) };
}

function tabOf(page: Page): Tab {
  return {
    ...surfaceOf(page.mainFrame(), page),
    async embedFrom(origin) {
      const frame = await frameFrom(page, origin);
      await frame.getByTestId("incident-count").waitFor({ state: "attached" });
      await waitForMapIdle(frame);
      return surfaceOf(frame, page);
    },
    close: () => page.close(),
  };
}

export function tabActions(page: Page) {
  return {
    /** Opens `url` in a new tab of the same browser (its own viewport when given); waits for the first load. */
    async openTab(url: string, viewport?: { width: number; height: number }): Promise<Tab> {
      const tab = await page.context().newPage();
      if (viewport) await tab.setViewportSize(viewport);
      await tab.goto(url);
      return tabOf(tab);
    },
    /**
     * Goes to `url` in this tab, as following a link would, and waits until the list is drawn (its rows or its
     * message) and the map has started. The app's bookkeeping (requests, errors) goes on counting.
     */
    async visit(url: string): Promise<void> {
      await page.goto(url);
      await page.getByTestId("incident-count").waitFor({ state: "attached" });
      await page.waitForFunction(() => !document.querySelector('.list-empty[role="status"]'));
      await page.locator(".maplibregl-canvas").waitFor({ state: "attached" });
    },
    /** The embed in this page served from `origin`, once its list is in the page and its map has settled. */
    embedFrom: (origin: string): Promise<Surface> => tabOf(page).embedFrom(origin),
    /**
     * Opens `url` in a new tab that records every Content Security Policy violation from its first byte; the
     * returned `violations` lists those found so far (ask before closing the tab).
     */
    async openTabWatchingPolicy(url: string): Promise<{ tab: Tab; violations: () => Promise<string[]> }> {
      const tab = await page.context().newPage();
      const violations = await watchCspViolations(tab);
      await tab.goto(url);
      return { tab: tabOf(tab), violations };
    },
    /** Runs `action` (a click or a key on a link) and returns the tab it opened, once that has its document. */
    async tabOpenedBy<T>(action: () => Promise<T>): Promise<{ tab: Tab; address: URL; result: T }> {
      const opened = page.context().waitForEvent("page");
      const result = await action();
      const tab = await opened;
      await tab.waitForLoadState("domcontentloaded");
      return { tab: tabOf(tab), address: new URL(tab.url()), result };
    },
  };
}
