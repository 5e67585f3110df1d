/**
 * The browser driver: the ONLY file that imports playwright-core. Specs read as user stories through it:
 * `const app = await given.app(baseUrl); await app.when.clickListItem(id); expect(await app.get.panelTitle())…`
 *
 * Test hook used here: the built app sets `window.__atlasMap` to its MapLibre map (src/map/create-map.ts),
 * only so these tests can ask what the map has actually rendered (queryRenderedFeatures) and where an
 * incident sits on screen. Nothing else in the page uses it.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page, type Route } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { asciiDigits } from "../../src/core/date-text.ts";
import type { IncidentCollection } from "../../src/core/incident.ts";
import { TABLE_FILES } from "../../src/core/incident-table.ts";
import { createTableFiles } from "../../src/core/table-writer.ts";
import { type ActorRole, type Filters, NO_FILTERS } from "../../src/core/view-state.ts";
import { naiveFilter } from "../bench/naive-filter.ts";
import { CHROMIUM_PATH } from "./global-setup.ts";

/** Software WebGL (SwiftShader) in Debian's headless chromium, nothing phoning home. */
export const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Layer ids from src/map/incident-layer.ts (INCIDENT_LAYERS); duplicated so the driver needs no app import. */
const LAYERS = {
  points: "incident-points",
  clusters: "incident-clusters",
  clusterCount: "incident-cluster-count",
  selected: "incident-selected-point",
  shapes: "incident-point-shapes",
};

export interface AppOptions {
  viewport?: { width: number; height: number };
  /** false: launch without WebGL, as an old or locked-down browser would be. */
  webgl?: boolean;
  /** Make the data request fail (until `when.dataComesBack()`). */
  failData?: boolean;
  /** Serve this collection instead of the built data (for example a large generated one). */
  data?: IncidentCollection;
  timezoneId?: string;
  /** false: do not wait for the incident list (the data is broken on purpose and an error screen is expected). */
  waitForList?: boolean;
  /** Runs on the new tab before the app is opened (routes of its own: a held or missing file). */
  prepare?: (page: Page) => Promise<void>;
}

export interface RenderedIncidents {
  /** Ids of incidents drawn as their own symbol. */
  ids: string[];
  /** Incidents drawn inside clusters (sum of cluster counts). */
  clustered: number;
}

type MapHandle = {
  queryRenderedFeatures(options: { layers: string[] }): {
    properties: Record<string, unknown>;
    layer: { id: string };
  }[];
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  project(lngLat: [number, number]): { x: number; y: number };
  getZoom(): number;
  getCenter(): { lng: number; lat: number };
  getBounds(): { contains(lngLat: [number, number]): boolean };
  isMoving(): boolean;
  loaded(): boolean;
  once(event: string, listener: () => void): void;
  triggerRepaint(): void;
  getCanvas(): HTMLCanvasElement;
  getSource(id: string): unknown;
  hasImage(id: string): boolean;
};
type WithMap = { __atlasMap?: MapHandle };

export interface AppDriver {
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Alerts, confirms and prompts the page opened (each dismissed at once). */
  dialogs: string[];
  when: ReturnType<typeof createWhen>;
  get: ReturnType<typeof createGet>;
  close(): Promise<void>;
}

async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Boolean((window as unknown as WithMap).__atlasMap?.getSource("incidents")),
  );
  // No named inner functions in page callbacks: tsx/esbuild would wrap them in a __name helper the page lacks.
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as WithMap).__atlasMap;
          if (!map) return resolve();
          map.once("idle", () => resolve());
          map.triggerRepaint();
        }),
    );
    // An animation (flyTo/easeTo) passes through idle-looking frames: wait until nothing moves.
    const moving = await page.evaluate(() => (window as unknown as WithMap).__atlasMap?.isMoving() ?? false);
    if (!moving) return;
    await page.waitForTimeout(100);
  }
}

/** The filter bar's multi-selects, by the test id of the button that opens each. */
const MULTI_SELECTS = {
  actor: "filter-actor",
  source: "filter-source",
  type: "filter-type",
  gov: "filter-gov",
} as const;
export type MultiSelectKind = keyof typeof MULTI_SELECTS;

/** What a chip stands for (its test id is `chip-<key>-<value>`). */
export interface Chip {
  key: string;
  value: string;
  text: string;
}

/** The page's address, split as the app writes it. */
export interface PageUrl {
  /** Query keys and their decoded values. */
  query: Record<string, string>;
  /** "#zoom/lat/lon", or "". */
  hash: string;
}

/** Two animation frames: Preact has rendered and the browser has painted what the last event changed. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** After a change: the page has rendered and, when there is a map, the map has drawn it. */
async function settle(page: Page): Promise<void> {
  await nextFrames(page);
  const hasMap = await page.evaluate(() => Boolean((window as unknown as WithMap).__atlasMap));
  if (hasMap) await waitForMapIdle(page);
}

/**
 * One reading of the incidents the map draws (see `get.drawnIds`): incidents drawn one by one carry their table
 * position, aggregates of a small filtered set their members' positions; the table's ids file (as the page is
 * served it) names them.
 */
async function readDrawnIds(page: Page): Promise<string[]> {
  return page.evaluate(async (layers) => {
    const map = (window as unknown as WithMap).__atlasMap;
    if (!map) throw new Error("no map");
    const ids = (await (await fetch("data/table/ids.json")).json()) as string[];
    const drawn = new Set<string>();
    for (const f of map.queryRenderedFeatures({ layers: [layers.points, layers.clusters] })) {
      if (f.properties.kind === "aggregate") {
        if (typeof f.properties.members !== "string")
          throw new Error("an aggregate does not name its incidents");
        for (const p of f.properties.members.split(",")) drawn.add(ids[Number(p)] ?? `?${p}`);
      } else drawn.add(ids[Number(f.properties.position)] ?? `?${f.properties.position}`);
    }
    return [...drawn].sort();
  }, LAYERS);
}

function createWhen(page: Page, state: { failing: boolean }) {
  const w = {
    async clickListItem(id: string): Promise<void> {
      await page.locator(`.list-rows [data-incident-id="${id}"]`).click();
    },
    async focusList(): Promise<void> {
      await page.locator('.list-rows [tabindex="0"]').focus();
    },
    async press(key: string): Promise<void> {
      await page.keyboard.press(key);
    },
    /** Clicks the language button and waits until the page has switched. */
    async switchLanguage(): Promise<void> {
      const before = await page.evaluate(() => document.documentElement.lang);
      await page.getByTestId("lang-switch").click();
      await page.waitForFunction((lang) => document.documentElement.lang !== lang, before);
    },
    async closePanel(): Promise<void> {
      await page.getByTestId("panel-close").click();
    },
    async waitForMap(): Promise<void> {
      await waitForMapIdle(page);
    },
    /** Centres the map on the incident at a zoom where it is no longer clustered, then clicks its symbol. */
    async clickIncidentOnMap(id: string, coordinates: [number, number], zoom = 13): Promise<void> {
      await page.evaluate(
        ({ center, zoom }) => (window as unknown as WithMap).__atlasMap?.jumpTo({ center, zoom }),
        { center: coordinates, zoom },
      );
      await waitForMapIdle(page);
      const point = await w.screenPointOf(coordinates);
      await page.mouse.move(point.x, point.y);
      await page.mouse.click(point.x, point.y);
      void id;
    },
    async hoverIncidentOnMap(coordinates: [number, number], zoom = 13): Promise<void> {
      await page.evaluate(
        ({ center, zoom }) => (window as unknown as WithMap).__atlasMap?.jumpTo({ center, zoom }),
        { center: coordinates, zoom },
      );
      await waitForMapIdle(page);
      const point = await w.screenPointOf(coordinates);
      await page.mouse.move(point.x - 30, point.y - 30);
      await page.mouse.move(point.x, point.y, { steps: 3 });
    },
    async screenPointOf(coordinates: [number, number]): Promise<{ x: number; y: number }> {
      return page.evaluate((lngLat) => {
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
      await page.getByTestId(testId).click();
      if (search !== undefined) await page.getByTestId(`${testId}-search`).fill(search);
      await page.locator(`[data-testid="${testId}-options"] input[type="checkbox"][value="${id}"]`).check();
      await page.getByTestId(testId).click();
      await settle(page);
    },
    /** Unticks option `id` of a multi-select. */
    async unpick(kind: MultiSelectKind, id: string): Promise<void> {
      const testId = MULTI_SELECTS[kind];
      await page.getByTestId(testId).click();
      await page.locator(`[data-testid="${testId}-options"] input[type="checkbox"][value="${id}"]`).uncheck();
      await page.getByTestId(testId).click();
      await settle(page);
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
      await page.getByTestId(testId).click();
      await page.getByTestId(`${testId}-search`).fill(search);
      const ids = await page
        .locator(`[data-testid="${testId}-options"] input[type="checkbox"]`)
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
      await page.getByTestId(testId).click();
      return ids;
    },
    async chooseRole(role: ActorRole): Promise<void> {
      await page.getByTestId("filter-role").selectOption(role);
      await settle(page);
    },
    /** Types the dates into the From and To fields (null empties a field). */
    async setDates(from: string | null, to: string | null): Promise<void> {
      await page.getByTestId("filter-from").fill(from ?? "");
      await page.getByTestId("filter-to").fill(to ?? "");
      await settle(page);
    },
    /** Types into the search box and waits until the app has taken the text (it waits for a pause in typing). */
    async search(text: string): Promise<void> {
      await page.getByTestId("filter-q").fill(text);
      const wanted = text.trim() === "" ? null : text;
      await page.waitForFunction((q) => new URLSearchParams(window.location.search).get("q") === q, wanted);
      await settle(page);
    },
    /**
     * Drags across the timeline from the middle of bar `fromBar` to the middle of bar `toBar` (bars counted in
     * time order, whatever the writing direction).
     */
    async dragOnTimeline(fromBar: number, toBar: number): Promise<void> {
      const bars = page.locator('[data-testid="timeline-brush"] .timeline-bin');
      const a = await bars.nth(fromBar).boundingBox();
      const b = await bars.nth(toBar).boundingBox();
      if (!a || !b) throw new Error(`timeline bar ${fromBar} or ${toBar} is not shown`);
      const y = a.y + a.height / 2;
      await page.mouse.move(a.x + a.width / 2, y);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, y, { steps: 8 });
      await page.mouse.up();
      await settle(page);
    },
    /** Focuses a brush handle of the timeline and presses `keys` on it, one after another. */
    async pressOnTimelineHandle(which: "start" | "end", ...keys: string[]): Promise<void> {
      const handle = page.getByTestId(`timeline-handle-${which}`);
      await handle.focus();
      for (const key of keys) await handle.press(key);
      await settle(page);
    },
    /** Presses Play (or Pause, when playing). */
    async togglePlay(): Promise<void> {
      await page.getByTestId("timeline-play").click();
    },
    /** Waits until the date fields show this period ("any": any period at all), as Play or a drag sets them. */
    async waitForPeriod(period: { from: string; to: string } | "any", timeout = 5000): Promise<void> {
      await page.waitForFunction(
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
    /** In an embed: opens the filters' drawer from the title bar. */
    async openEmbedFilters(): Promise<void> {
      await page.getByTestId("embed-filters-button").click();
      await page.getByTestId("embed-filters-drawer").waitFor();
    },
    /** Puts the cursor in the search box without typing. */
    async focusSearch(): Promise<void> {
      await page.getByTestId("filter-q").focus();
    },
    /** Waits until the browser has an idle moment (what the page does "when idle" has been started). */
    async pageIdle(): Promise<void> {
      await page.evaluate(
        () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 10_000 })),
      );
    },
    /** Lets time pass, as a reader watching the page would. */
    async wait(ms: number): Promise<void> {
      await page.waitForTimeout(ms);
    },
    async showAllDates(): Promise<void> {
      await page.getByTestId("timeline-all").click();
      await settle(page);
    },
    async removeChip(key: string, value: string): Promise<void> {
      await page.getByTestId(`chip-${key}-${value}`).click();
      await settle(page);
    },
    async clearAll(): Promise<void> {
      await page.getByTestId("clear-filters").click();
      await settle(page);
    },
    /** The button offered by the "nothing matches" message. */
    async clearFromEmptyMessage(): Promise<void> {
      await page.getByTestId("filter-empty-clear").click();
      await settle(page);
    },
    async dismissNotices(): Promise<void> {
      await page.getByTestId("url-notices").getByRole("button").click();
    },

    // ── Address and history ──────────────────────────────────────────────────────────────────────────
    /** The browser's Back button; waits until the address has changed and the page has followed. */
    async goBack(): Promise<void> {
      const before = page.url();
      await page.evaluate(() => window.history.back());
      await page.waitForFunction((url) => window.location.href !== url, before);
      await settle(page);
    },
    async goForward(): Promise<void> {
      const before = page.url();
      await page.evaluate(() => window.history.forward());
      await page.waitForFunction((url) => window.location.href !== url, before);
      await settle(page);
    },
    /** Pans and zooms the map as a reader's drag and wheel would end up, then waits for it to settle. */
    async moveMap(zoom: number, lat: number, lon: number): Promise<void> {
      await page.evaluate(
        ({ center, zoom }) => (window as unknown as WithMap).__atlasMap?.jumpTo({ center, zoom }),
        { center: [lon, lat] as [number, number], zoom },
      );
      await settle(page);
    },
    async retry(): Promise<void> {
      await page.getByTestId("data-retry").click();
    },
    dataComesBack(): void {
      state.failing = false;
    },
  };
  return w;
}

function createGet(page: Page) {
  const fullPanel = () => page.getByTestId("incident-panel");
  return {
    /** The map's attribution line as the reader sees it. */
    async attribution(): Promise<string> {
      return ((await page.locator(".maplibregl-ctrl-attrib-inner").textContent()) ?? "").trim();
    },
    /** The count the list header states (from its data attribute, independent of the locale's digits). */
    async listedCount(): Promise<number> {
      const value = await page.getByTestId("incident-count").getAttribute("data-count");
      return Number(value);
    },
    async countText(): Promise<string> {
      return (await page.getByTestId("incident-count").textContent()) ?? "";
    },
    /** Rows currently in the DOM (the list is virtualised). */
    async renderedRowCount(): Promise<number> {
      return page.locator(".list-rows > li").count();
    },
    async rowIds(): Promise<string[]> {
      return page.locator(".list-rows [data-incident-id]").evaluateAll((buttons) =>
        buttons
          .map((b) => ({
            id: b.getAttribute("data-incident-id") ?? "",
            row: Number(b.getAttribute("data-row")),
          }))
          .sort((a, b) => a.row - b.row)
          .map((b) => b.id),
      );
    },
    async rowTexts(): Promise<string[]> {
      return page.locator(".list-rows .row-button").allTextContents();
    },
    async currentRowId(): Promise<string | null> {
      const current = page.locator('.list-rows [aria-current="true"]');
      return (await current.count()) === 0 ? null : current.getAttribute("data-incident-id");
    },
    async focusedRowId(): Promise<string | null> {
      return page.evaluate(() => document.activeElement?.getAttribute("data-incident-id") ?? null);
    },
    /** Position (0-based) in the list of the row holding keyboard focus, or -1. */
    async focusedRow(): Promise<number> {
      return page.evaluate(() => Number(document.activeElement?.getAttribute("data-row") ?? -1));
    },
    async focusedText(): Promise<string> {
      return page.evaluate(() => document.activeElement?.textContent ?? "");
    },
    /** The test id of the focused element; "body" when focus fell to the page, "" for an element without one. */
    async focusedTestId(): Promise<string> {
      return page.evaluate(() =>
        document.activeElement === document.body
          ? "body"
          : (document.activeElement?.getAttribute("data-testid") ?? ""),
      );
    },
    async panelIsOpen(): Promise<boolean> {
      return (await page.getByTestId("incident-panel").count()) > 0;
    },
    async panelTitle(): Promise<string> {
      return (await page.locator("#incident-title").textContent()) ?? "";
    },
    // The panel's claims and sources come with the full incidents, a moment after its title (see
    // load-digest.test.ts): these wait for the complete panel.
    async panelText(): Promise<string> {
      return (await fullPanel().textContent()) ?? "";
    },
    async claimTexts(): Promise<string[]> {
      await fullPanel().waitFor();
      return page.getByTestId("claim").allTextContents();
    },
    async sourceLinks(): Promise<{ text: string; href: string }[]> {
      await fullPanel().waitFor();
      return page
        .locator(".incident-panel .citation a")
        .evaluateAll((links) =>
          links.map((a) => ({ text: a.textContent ?? "", href: (a as HTMLAnchorElement).href })),
        );
    },
    async htmlDirAndLang(): Promise<{ dir: string; lang: string }> {
      return page.evaluate(() => ({
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
      }));
    },
    async box(selector: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
      return page.locator(selector).first().boundingBox();
    },
    /** What the map has drawn: incident symbols by id, plus the incidents counted inside aggregates. */
    async renderedIncidents(): Promise<RenderedIncidents> {
      await waitForMapIdle(page);
      return page.evaluate(async (layers) => {
        const map = (window as unknown as WithMap).__atlasMap;
        if (!map) return { ids: [], clustered: 0 };
        const ids = (await (await fetch("data/table/ids.json")).json()) as string[];
        const singles = new Set<string>();
        const aggregates = new Map<string, number>();
        for (const f of map.queryRenderedFeatures({ layers: [layers.points, layers.clusters] })) {
          const p = f.properties;
          // A feature split over two tiles is returned twice: its extent and count identify it.
          if (p.kind === "aggregate")
            aggregates.set(`${p.west} ${p.south} ${p.east} ${p.north}`, Number(p.count));
          else singles.add(ids[Number(p.position)] ?? `?${p.position}`);
        }
        return { ids: [...singles], clustered: [...aggregates.values()].reduce((a, b) => a + b, 0) };
      }, LAYERS);
    },
    /**
     * The aggregates the map draws and the count labels it draws on them, each as "extent:count", sorted, once
     * the map is idle: every drawn aggregate should have its label.
     */
    async clusterLabels(): Promise<{ clusters: string[]; labels: string[] }> {
      await waitForMapIdle(page);
      return page.evaluate((layers) => {
        const map = (window as unknown as WithMap).__atlasMap;
        const keys = (layer: string) =>
          [
            ...new Set(
              (map?.queryRenderedFeatures({ layers: [layer] }) ?? []).map(
                (f) =>
                  `${f.properties.west},${f.properties.south},${f.properties.east},${f.properties.north}:${f.properties.count}`,
              ),
            ),
          ].sort();
        return { clusters: keys(layers.clusters), labels: keys(layers.clusterCount) };
      }, LAYERS);
    },
    /** Ids drawn with the selection highlight. */
    async highlightedOnMap(): Promise<string[]> {
      return page.evaluate((layer) => {
        const map = (window as unknown as WithMap).__atlasMap;
        return (map?.queryRenderedFeatures({ layers: [layer] }) ?? []).map((f) => String(f.properties.id));
      }, LAYERS.selected);
    },
    async mapShows(coordinates: [number, number]): Promise<boolean> {
      return page.evaluate(
        (lngLat) => (window as unknown as WithMap).__atlasMap?.getBounds().contains(lngLat) ?? false,
        coordinates,
      );
    },
    async mapZoom(): Promise<number> {
      return page.evaluate(() => (window as unknown as WithMap).__atlasMap?.getZoom() ?? Number.NaN);
    },
    async hoverLabel(): Promise<string> {
      const popup = page.locator(".incident-hover");
      await popup.waitFor();
      return (await popup.textContent()) ?? "";
    },
    /** Runs axe-core in the page; returns the serious and critical violations. */
    // ── Filters ──────────────────────────────────────────────────────────────────────────────────────
    /** Every incident id the (virtualised) list holds, in list order: scrolls it through, then back to the top. */
    async listedIds(): Promise<string[]> {
      const viewport = page.locator(".list-viewport");
      const count = Number(await page.getByTestId("incident-count").getAttribute("data-count"));
      const seen = new Map<number, string>();
      for (let top = 0, guard = 0; seen.size < count && guard < 1000; guard++) {
        await viewport.evaluate((el, y) => {
          el.scrollTop = y;
        }, top);
        await nextFrames(page);
        const rows = await page
          .locator(".list-rows [data-incident-id]")
          .evaluateAll((buttons) =>
            buttons.map((b) => [
              Number(b.getAttribute("data-row")),
              b.getAttribute("data-incident-id") ?? "",
            ]),
          );
        for (const [row, id] of rows) seen.set(row as number, id as string);
        const { scrollTop, clientHeight, scrollHeight } = await viewport.evaluate((el) => ({
          scrollTop: el.scrollTop,
          clientHeight: el.clientHeight,
          scrollHeight: el.scrollHeight,
        }));
        if (scrollTop + clientHeight >= scrollHeight) {
          if (seen.size < count) await nextFrames(page); // rows of the last scroll may still be rendering
          if (guard > 3 && seen.size < count) break;
        }
        top = Math.min(scrollTop + Math.max(1, clientHeight - 72), scrollHeight);
      }
      await viewport.evaluate((el) => {
        el.scrollTop = 0;
      });
      return [...seen.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
    },
    /**
     * Ids of every incident the map draws, sorted: symbols drawn on their own plus the members of every
     * cluster drawn (asked of the clustered source). The map takes filter changes at its own pace (one data
     * push in flight, later changes folded into the next), so this reads until two reads a moment apart,
     * each after the map went idle, agree.
     */
    async drawnIds(): Promise<string[]> {
      let previous: string[] | null = null;
      for (let attempt = 0; attempt < 20; attempt++) {
        await waitForMapIdle(page);
        // A cluster id read just before new data arrives may be gone when its members are asked for.
        const ids = await readDrawnIds(page).catch(() => null);
        if (ids !== null && previous !== null && previous.join() === ids.join()) return ids;
        previous = ids;
        await page.waitForTimeout(100);
      }
      throw new Error("the incidents drawn by the map kept changing");
    },
    /** The numbers behind the count (a count of one or two is a word in Arabic: "حادثتان"). */
    async filterCount(): Promise<{ shown: number; total: number }> {
      const count = page.getByTestId("filter-count");
      const [shown, total] = [await count.getAttribute("data-shown"), await count.getAttribute("data-total")];
      if (shown === null || total === null) throw new Error(`the count reads "${await count.textContent()}"`);
      return { shown: Number(shown), total: Number(total) };
    },
    async filterCountText(): Promise<string> {
      return (await page.getByTestId("filter-count").textContent()) ?? "";
    },
    /** What the reader sees of the filtered set: the list (in order), the count over the chips, the map (sorted). */
    async shown(): Promise<{ listed: string[]; counted: number; drawn: string[] }> {
      const listed = await this.listedIds();
      const { shown } = await this.filterCount();
      return { listed, counted: shown, drawn: await this.drawnIds() };
    },
    async chips(): Promise<Chip[]> {
      return page.locator('[data-testid="filter-chips"] [data-testid^="chip-"]').evaluateAll((chips) =>
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
    async hasClearAll(): Promise<boolean> {
      return (await page.getByTestId("clear-filters").count()) > 0;
    },
    /** The "no incident matches" message, or null when there is none. */
    async emptyMessage(): Promise<string | null> {
      const message = page.getByTestId("filter-empty");
      return (await message.count()) === 0 ? null : ((await message.textContent()) ?? "");
    },
    async dateInputs(): Promise<{ from: string; to: string }> {
      return {
        from: asciiDigits(await page.getByTestId("filter-from").inputValue()),
        to: asciiDigits(await page.getByTestId("filter-to").inputValue()),
      };
    },
    async role(): Promise<string> {
      return page.getByTestId("filter-role").inputValue();
    },
    async searchText(): Promise<string> {
      return page.getByTestId("filter-q").inputValue();
    },
    /** Ids ticked in a multi-select (opens and closes it). */
    async picked(kind: MultiSelectKind): Promise<string[]> {
      const testId = MULTI_SELECTS[kind];
      await page.getByTestId(testId).click();
      const ids = await page
        .locator(`[data-testid="${testId}-options"] input[type="checkbox"]:checked`)
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
      await page.getByTestId(testId).click();
      return ids;
    },
    /** The text of a part of the page, by test id ("filter-bar", "timeline"…), white space collapsed. */
    async textOf(testId: string): Promise<string> {
      return ((await page.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ").trim();
    },
    /** The writing direction the browser applies to the first element matching `selector`. */
    async direction(selector: string): Promise<string> {
      return page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).direction);
    },
    /** The timeline: number of bars, their step, the brush handles' spoken dates, whether it plays. */
    async timeline(): Promise<{ bars: number; step: string; start: string; end: string; playing: boolean }> {
      const timeline = page.getByTestId("timeline");
      return {
        bars: await timeline.locator(".timeline-bin").count(),
        step: (await timeline.getAttribute("data-step")) ?? "",
        start: (await page.getByTestId("timeline-handle-start").getAttribute("aria-valuetext")) ?? "",
        end: (await page.getByTestId("timeline-handle-end").getAttribute("aria-valuetext")) ?? "",
        playing: (await page.getByTestId("timeline-play").getAttribute("data-playing")) === "true",
      };
    },
    /** Notices about parts of the address that were left out; [] when none is shown. */
    async notices(): Promise<string[]> {
      const box = page.getByTestId("url-notices");
      if ((await box.count()) === 0) return [];
      return box.locator("li").allTextContents();
    },
    /**
     * Whether text from the address ran as code or became markup: `marker` is what the injected snippets would
     * set (`window[marker]`) or name (an element with id or class `marker`).
     */
    async injected(marker: string): Promise<{ ran: boolean; elements: number }> {
      return page.evaluate(
        (name) => ({
          ran: (window as unknown as Record<string, unknown>)[name] !== undefined,
          elements: document.querySelectorAll(`#${name}, .${name}`).length,
        }),
        marker,
      );
    },
    url(): PageUrl {
      const url = new URL(page.url());
      return { query: Object.fromEntries(url.searchParams), hash: url.hash };
    },
    async historyLength(): Promise<number> {
      return page.evaluate(() => window.history.length);
    },
    /**
     * Text of the rendered list rows that its box cuts (clipped, or ended with an ellipsis), as "id .part",
     * once the page has drawn its latest styles.
     */
    async clippedRowText(): Promise<string[]> {
      await nextFrames(page);
      return page.evaluate(() => {
        const cut: string[] = [];
        for (const button of document.querySelectorAll<HTMLElement>(
          ".list-rows .row-button[data-incident-id]",
        )) {
          const id = button.dataset.incidentId ?? "";
          const row = button.closest("li")?.getBoundingClientRect();
          if (button.scrollHeight > button.clientHeight + 1) cut.push(`${id} row`);
          for (const part of [".row-date", ".row-type", ".row-place", ".row-meta", ".row-title"]) {
            const el = button.querySelector<HTMLElement>(part);
            if (!el) continue;
            const box = el.getBoundingClientRect();
            if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
              cut.push(`${id} ${part}`);
            else if (row && (box.bottom > row.bottom + 1 || box.top < row.top - 1))
              cut.push(`${id} ${part} outside its row`);
          }
        }
        return cut;
      });
    },
    /** The icon each incident drawn one by one is drawn with: its type code, the image's name, and whether the map has it. */
    async markerIcons(): Promise<{ type: number; image: string; available: boolean }[]> {
      return page.evaluate((layer) => {
        const map = (window as unknown as WithMap).__atlasMap;
        if (!map) throw new Error("no map");
        return map.queryRenderedFeatures({ layers: [layer] }).map((f) => {
          const layout = (f.layer as { layout?: Record<string, unknown> }).layout ?? {};
          const icon = layout["icon-image"] as string | { name?: string } | undefined;
          const image = typeof icon === "string" ? icon : (icon?.name ?? "");
          return { type: Number(f.properties.t), image, available: image !== "" && map.hasImage(image) };
        });
      }, LAYERS.shapes);
    },
    /**
     * For each selector (a trailing `::before` reads that pseudo-element), the weakest contrast among the drawn
     * marks it matches: the stronger of its fill and its outline against the background behind it (the nearest
     * ancestor's opaque background). Selectors that match no drawn mark are left out.
     */
    async markContrasts(
      selectors: string[],
    ): Promise<{ selector: string; contrast: number; color: string; background: string }[]> {
      return page.evaluate((selectors) => {
        const rgba = (text: string): number[] => {
          const m = text.match(/rgba?\(([^)]+)\)/);
          if (!m?.[1]) return [0, 0, 0, 0];
          const parts = m[1]
            .split(/[ ,/]+/)
            .filter(Boolean)
            .map(Number);
          return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
        };
        const luminance = (c: number[]): number => {
          const [r, g, b] = c.slice(0, 3).map((v) => {
            const x = v / 255;
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          }) as [number, number, number];
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const over = (top: number[], under: number[]): number[] => {
          const a = top[3] ?? 1;
          return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (under[i] ?? 0) * (1 - a));
        };
        const contrast = (a: number[], b: number[]): number => {
          const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
          return (hi + 0.05) / (lo + 0.05);
        };
        const results: { selector: string; contrast: number; color: string; background: string }[] = [];
        for (const selector of selectors) {
          const pseudo = selector.endsWith("::before") ? "::before" : null;
          const host = pseudo ? selector.slice(0, -pseudo.length) : selector;
          let weakest: { contrast: number; color: string; background: string } | null = null;
          for (const el of document.querySelectorAll<HTMLElement>(host)) {
            const box = el.getBoundingClientRect();
            if (box.width < 1 || box.height < 1) continue;
            const style = getComputedStyle(el, pseudo);
            let behind = [255, 255, 255, 1];
            for (let a: Element | null = el.parentElement; a; a = a.parentElement) {
              const c = rgba(getComputedStyle(a).backgroundColor);
              if ((c[3] ?? 0) > 0.99) {
                behind = c;
                break;
              }
            }
            const fill = rgba(style.backgroundColor);
            const hasOutline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
            // A mark drawn in SVG shows its shape's fill and stroke.
            const shape = pseudo ? null : el.querySelector("polygon, circle, rect, path");
            const shapeStyle = shape ? getComputedStyle(shape) : null;
            const drawn =
              shapeStyle && Number.parseFloat(shapeStyle.strokeWidth) > 0
                ? [rgba(shapeStyle.fill), rgba(shapeStyle.stroke)]
                : shapeStyle
                  ? [rgba(shapeStyle.fill)]
                  : [];
            const candidates = [fill, ...(hasOutline ? [rgba(style.outlineColor)] : []), ...drawn];
            const best = Math.max(...candidates.map((c) => contrast(over(c, behind), behind)));
            if (!weakest || best < weakest.contrast)
              weakest = {
                contrast: best,
                color: `${style.backgroundColor} / ${hasOutline ? style.outlineColor : "no outline"}`,
                background: `rgb(${behind.slice(0, 3).join(",")})`,
              };
          }
          if (weakest) results.push({ selector, ...weakest });
        }
        return results;
      }, selectors);
    },
    /**
     * axe's violations: serious and critical ones by default; `everyImpact` keeps them all, `tags` limits the
     * rules to those standards. Frames are left out (an embed is audited as its own page).
     */
    async axeViolations(
      options: { everyImpact?: boolean; tags?: string[] } = {},
    ): Promise<{ id: string; impact: string; nodes: string[] }[]> {
      // Evaluated through the DevTools protocol, not added as a <script>: the built page's Content Security Policy
      // (rightly) refuses inline scripts, and the audit must see the page as it ships.
      if (!(await page.evaluate(() => "axe" in window)))
        await page.evaluate(readFileSync("node_modules/axe-core/axe.min.js", "utf8"));
      return page.evaluate(async ({ everyImpact, tags }) => {
        const axe = (
          window as unknown as {
            axe: {
              run(
                context: Document,
                options: object,
              ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(document, {
          resultTypes: ["violations"],
          iframes: false,
          ...(tags ? { runOnly: { type: "tag", values: tags } } : {}),
        });
        return result.violations
          .filter((v) => everyImpact || v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
      }, options);
    },
    /**
     * Elements whose box reaches outside the viewport, or whose text is cut by its own box. Elements inside a
     * scrolling container (`scrolled`) are only checked sideways: rows below the fold are meant to be there.
     */
    async layoutProblems(selectors: string[], scrolled: string[] = []): Promise<string[]> {
      return page.evaluate(
        ({ selectors, scrolled }) => {
          const problems: string[] = [];
          const width = document.documentElement.clientWidth;
          const height = document.documentElement.clientHeight;
          if (document.documentElement.scrollWidth > width)
            problems.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
          for (const selector of selectors) {
            for (const el of document.querySelectorAll<HTMLElement>(selector)) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) continue;
              if (r.left < -0.5 || r.right > width + 0.5)
                problems.push(`${selector} outside the viewport horizontally`);
              const vertical = !scrolled.includes(selector);
              if (vertical && (r.top < -0.5 || r.bottom > height + 0.5)) {
                problems.push(`${selector} outside the viewport vertically`);
              }
              const clips = getComputedStyle(el).overflowX !== "visible";
              if (!clips && el.scrollWidth > el.clientWidth + 1) problems.push(`${selector} text is cut off`);
            }
          }
          return problems;
        },
        { selectors, scrolled },
      );
    },
    /** Pairs of the given elements whose boxes overlap. */
    async overlaps(selectors: string[]): Promise<string[]> {
      return page.evaluate((selectors) => {
        const boxes = selectors
          .map((s) => ({ s, el: document.querySelector(s) }))
          .filter((b): b is { s: string; el: Element } => b.el !== null)
          .map((b) => ({ s: b.s, r: b.el.getBoundingClientRect() }))
          .filter((b) => b.r.width > 0 && b.r.height > 0);
        const found: string[] = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]?.r;
            const b = boxes[j]?.r;
            if (!a || !b) continue;
            const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (x > 1 && y > 1) found.push(`${boxes[i]?.s} overlaps ${boxes[j]?.s}`);
          }
        }
        return found;
      }, selectors);
    },
  };
}

/** Where each request went: the app must never leave the origin that serves it. */
export function foreignRequests(requests: string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return requests.filter(
    (url) => !url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin,
  );
}

/** Launches Debian's chromium with a throw-away profile. */
async function launch(options: AppOptions): Promise<{ context: BrowserContext; dispose(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), "atlas-e2e-"));
  const args =
    options.webgl === false ? [...CHROMIUM_FLAGS, "--disable-webgl", "--disable-3d-apis"] : CHROMIUM_FLAGS;
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  return {
    context,
    async dispose() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens `url` in `page` (data routes, error and dialog recording) and waits for the incident list. */
async function openApp(
  page: Page,
  url: string,
  options: AppOptions,
  close: () => Promise<void>,
  requestsOf: Page | BrowserContext = page,
): Promise<AppDriver> {
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  requestsOf.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  // An alert, confirm or prompt would mean text from a link ran as code: record it, never leave it open.
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  if (options.viewport) await page.setViewportSize(options.viewport);

  const state = { failing: options.failData === true };
  if (options.failData || options.data) {
    // The table folder from this collection, made the way data:build makes it, served in place of the built one.
    const files = options.data ? createTableFiles(options.data) : null;
    await page.route("**/data/table/*", async (route: Route) => {
      const name = new URL(route.request().url()).pathname.split("/").pop() ?? "";
      if (state.failing && name === TABLE_FILES.header)
        return route.fulfill({ status: 503, body: "unavailable" });
      if (files) {
        const body = files.get(name);
        if (!body) return route.fulfill({ status: 404, body: "not found" });
        return route.fulfill({ status: 200, body: Buffer.from(body) });
      }
      return route.continue();
    });
  }
  await options.prepare?.(page);
  await page.goto(url);
  if (!options.failData && options.waitForList !== false) {
    await page.getByTestId("incident-count").waitFor();
    // A search in the link waits for the full incidents' text (a moment after the first render).
    await page.waitForFunction(() => !document.querySelector('.list-empty[role="status"]'));
  }

  return {
    page,
    requests,
    errors,
    dialogs,
    when: createWhen(page, state),
    get: createGet(page),
    close,
  };
}

/** One browser for a whole spec file; each `open` is a new tab, closed by the driver's `close()`. */
export interface SharedBrowser {
  /** Opens the app at `url` (the base URL, with any query and hash) in a new tab. */
  open(
    url: string,
    options?: Pick<AppOptions, "viewport" | "data" | "failData" | "prepare" | "waitForList">,
  ): Promise<AppDriver>;
  close(): Promise<void>;
}

export const given = {
  /** Opens the built app in a fresh browser profile and waits for the incident list. */
  async app(baseUrl: string, options: AppOptions = {}): Promise<AppDriver> {
    const browser = await launch(options);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // The whole profile is this app's: its requests include workers' and any other tab's.
    const { viewport: _launched, ...rest } = options;
    return openApp(page, baseUrl, rest, () => browser.dispose(), browser.context);
  },

  /**
   * A browser to share between the tests of one file (launching one per test costs seconds). Launch options
   * (webgl, timezoneId, viewport) are the browser's; a tab may ask for its own viewport and data.
   */
  async browser(options: Pick<AppOptions, "webgl" | "timezoneId" | "viewport"> = {}): Promise<SharedBrowser> {
    const browser = await launch(options);
    return {
      async open(url, tabOptions = {}) {
        const page = await browser.context.newPage();
        return openApp(page, url, tabOptions, () => page.close());
      },
      close: () => browser.dispose(),
    };
  },
};

/** The collection the built app serves, read the way the browser reads it. */
export async function servedData(baseUrl: string): Promise<IncidentCollection> {
  const response = await fetch(new URL("data/incidents.geojson", baseUrl));
  return (await response.json()) as IncidentCollection;
}

/**
 * The oracle: ids of the incidents `filters` keep, in the list's order (the served GeoJSON's, which is the
 * table's), computed in Node by the rules written as `features.filter` (test/bench/naive-filter.ts) over the
 * served data. Specs compare what the page shows with this.
 */
export function idsMatching(data: IncidentCollection, filters: Partial<Filters>): string[] {
  const all: Filters = { ...NO_FILTERS, ...filters };
  return naiveFilter(data.features, all, data.meta).map((i) => data.features[i]?.properties.id ?? "");
}

/**
 * One browser for a whole test file, a fresh tab per test (closed after it). Registers the file's hooks and
 * returns `openApp(query)`, which opens the app at `query` ("?type=raid", "#9/34.5/40.9") and waits for the map.
 * @example
 * const openApp = useSharedBrowser(baseUrl);
 * it("…", async () => { const app = await openApp("?lang=ar"); … });
 */
export function useSharedBrowser(baseUrl: string): (query?: string) => Promise<AppDriver> {
  let browser: SharedBrowser | undefined;
  let app: AppDriver | undefined;
  beforeAll(async () => {
    browser = await given.browser();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return async (query = "") => {
    if (!browser)
      throw new Error("useSharedBrowser: the browser is not started (call it at the top of a test file)");
    app = await browser.open(`${baseUrl}${query}`);
    await app.when.waitForMap();
    return app;
  };
}
