/**
 * Steps on a Frame, so the same ones work on a page (`page.mainFrame()`) and inside an embed's iframe: choosing a
 * view, the share dialog, downloads, what the document stores, its map (test hook of src/map/create-map.ts).
 */

import { readFileSync } from "node:fs";
import type { Frame, Page } from "playwright-core";
import { waitForMapIdle } from "./page-map.ts";

export type { Frame, Page };

/** A download as the browser saved it. */
export interface SavedFile {
  name: string;
  bytes: Buffer;
}

// ── Choosing a view, as a user does ────────────────────────────────────────────────────────────────────────

/** Ticks `value` in one of the filter bar's multi-selects (filter-type, filter-actor, filter-source, filter-gov). */
export async function tickFilter(frame: Frame, testId: string, value: string): Promise<void> {
  await frame.getByTestId(testId).click();
  await frame.locator(`[data-testid="${testId}-options"] input[value="${value}"]`).check();
  await frame.getByTestId(testId).click(); // folds the panel away again
}

/** Types both dates into the filter bar's date fields. */
export async function setDates(frame: Frame, from: string, to: string): Promise<void> {
  await frame.getByTestId("filter-from").fill(from);
  await frame.getByTestId("filter-to").fill(to);
}

/** Waits until the list header states `count` incidents. */
export async function waitForCount(frame: Frame, count: number): Promise<void> {
  await frame.waitForFunction(
    (n) => document.querySelector('[data-testid="incident-count"]')?.getAttribute("data-count") === String(n),
    count,
  );
}

export async function listedCount(frame: Frame): Promise<number> {
  return Number(await frame.getByTestId("incident-count").getAttribute("data-count"));
}

/** Every id of the (virtualised) list, in list order: scrolls it through from top to bottom. */
export async function allListedIds(frame: Frame): Promise<string[]> {
  return frame.evaluate(async () => {
    const viewport = document.getElementById("incident-list");
    const seen = new Map<number, string>();
    if (!viewport) return [];
    const frameDone = () =>
      new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    viewport.scrollTop = 0;
    await frameDone();
    for (let guard = 0; guard < 10_000; guard++) {
      for (const button of viewport.querySelectorAll("[data-incident-id]")) {
        seen.set(Number(button.getAttribute("data-row")), button.getAttribute("data-incident-id") ?? "");
      }
      const before = viewport.scrollTop;
      viewport.scrollTop = before + Math.max(40, viewport.clientHeight - 40);
      await frameDone();
      if (viewport.scrollTop === before) break;
    }
    for (const button of viewport.querySelectorAll("[data-incident-id]")) {
      seen.set(Number(button.getAttribute("data-row")), button.getAttribute("data-incident-id") ?? "");
    }
    viewport.scrollTop = 0;
    return [...seen.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
  });
}

// ── The share dialog ───────────────────────────────────────────────────────────────────────────────────────

export async function openShareDialog(frame: Frame): Promise<void> {
  await frame.getByTestId("share-button").click();
  await frame.getByTestId("share-dialog").waitFor();
}

export async function closeShareDialog(frame: Frame): Promise<void> {
  await frame.getByTestId("share-close").click();
  await frame.getByTestId("share-dialog").waitFor({ state: "detached" });
}

export async function shareLink(frame: Frame): Promise<string> {
  return frame.getByTestId("share-link").inputValue();
}

export interface EmbedChoices {
  locked?: boolean;
  hideControls?: boolean;
  timeline?: boolean;
  lang?: "en" | "ar";
  /** Incident id, or "" for none. */
  incident?: string;
  width?: number;
  height?: number;
  responsive?: boolean;
}

/** Sets the embed generator's options like a journalist would, then returns the embed code it writes. */
export async function embedCodeFor(frame: Frame, choices: EmbedChoices): Promise<string> {
  const check = async (testId: string, value: boolean | undefined) => {
    if (value !== undefined) await frame.getByTestId(testId).setChecked(value);
  };
  await check("embed-lock", choices.locked);
  await check("embed-hide-controls", choices.hideControls);
  await check("embed-timeline", choices.timeline);
  await check("embed-responsive", choices.responsive);
  if (choices.lang) await frame.getByTestId("embed-lang").selectOption(choices.lang);
  if (choices.incident !== undefined)
    await frame.getByTestId("embed-incident").selectOption(choices.incident);
  if (choices.width !== undefined) await frame.getByTestId("embed-width").fill(String(choices.width));
  if (choices.height !== undefined) await frame.getByTestId("embed-height").fill(String(choices.height));
  return frame.getByTestId("embed-code").inputValue();
}

/** The `src` and `title` of the snippet's iframe, read the way a browser reads the attributes. */
export function parseSnippet(snippet: string): {
  src: string;
  title: string;
  attributes: Map<string, string>;
} {
  const attributes = new Map<string, string>();
  for (const match of snippet.matchAll(/([a-z-]+)="([^"]*)"/g)) {
    attributes.set(match[1] as string, unescapeAttribute(match[2] as string));
  }
  return { src: attributes.get("src") ?? "", title: attributes.get("title") ?? "", attributes };
}

function unescapeAttribute(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Clicks a download button of the share dialog and returns the `count` files the browser saves. */
export async function downloadFrom(page: Page, testId: string, count = 1): Promise<SavedFile[]> {
  const saved: Promise<SavedFile>[] = [];
  page.on("download", (download) => {
    saved.push(
      download.path().then((path) => ({ name: download.suggestedFilename(), bytes: readFileSync(path) })),
    );
  });
  try {
    await page.getByTestId(testId).click();
    while (saved.length < count)
      await page.waitForEvent("download", { timeout: 30_000 }).catch(() => {
        throw new Error(`${testId}: ${saved.length} of ${count} downloads arrived`);
      });
    return await Promise.all(saved);
  } finally {
    page.removeAllListeners("download");
  }
}

// ── Privacy ────────────────────────────────────────────────────────────────────────────────────────────────

export interface StorageUse {
  cookie: string;
  localStorage: number;
  sessionStorage: number;
  indexedDb: string[];
}

/** What the document has stored in the browser. */
export async function storageUse(frame: Frame): Promise<StorageUse> {
  return frame.evaluate(async () => ({
    cookie: document.cookie,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).map((db) => db.name ?? ""),
  }));
}

// ── The map ────────────────────────────────────────────────────────────────────────────────────────────────

type MapHook = {
  __atlasMap?: {
    getSource(id: string): unknown;
    once(event: string, listener: () => void): void;
    triggerRepaint(): void;
    isMoving(): boolean;
    getZoom(): number;
  };
};

/** Waits until the map in `frame` has its incidents and nothing moves (test hook of src/map/create-map.ts). */
export async function waitForMapIn(frame: Frame): Promise<void> {
  await waitForMapIdle(frame);
}

export async function mapZoomIn(frame: Frame): Promise<number> {
  return frame.evaluate(() => (window as unknown as MapHook).__atlasMap?.getZoom() ?? Number.NaN);
}

/** The steps above as a reader's actions on one page or frame (see when.ts). */
export function frameActions(frame: Frame, page: Page) {
  return {
    tickFilter: (testId: string, value: string) => tickFilter(frame, testId, value),
    /** Types both dates, without waiting for the page to follow (see `waitForCount`). */
    typeDates: (from: string, to: string) => setDates(frame, from, to),
    waitForCount: (count: number) => waitForCount(frame, count),
    openShareDialog: () => openShareDialog(frame),
    closeShareDialog: () => closeShareDialog(frame),
    /** Sets the embed generator's options and returns the code it writes. */
    chooseEmbedOptions: (choices: EmbedChoices) => embedCodeFor(frame, choices),
    /** Clicks a download button and returns the `count` files the browser saves. */
    download: (testId: string, count = 1) => downloadFrom(page, testId, count),
  };
}

export function frameQuestions(frame: Frame) {
  return {
    allListedIds: () => allListedIds(frame),
    shareLink: () => shareLink(frame),
    storageUse: () => storageUse(frame),
    /** Cookies the browser holds for any site. */
    cookies: () => frame.page().context().cookies(),
  };
}
