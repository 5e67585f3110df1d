/**
 * The browser driver: the ONLY file that imports playwright-core. Specs read as user stories through it:
 * `const app = await given.app(baseUrl); await app.when.clickListItem(id); expect(await app.get.panelTitle())…`
 *
 * Test hook used here: the built app sets `window.__atlasMap` to its MapLibre map (src/map/create-map.ts),
 * only so these tests can ask what the map has actually rendered (queryRenderedFeatures) and where an
 * incident sits on screen. Nothing else in the page uses it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page, type Route } from "playwright-core";
import type { IncidentCollection } from "../../src/core/incident";
import { CHROMIUM_PATH } from "./global-setup";

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
  selected: "incident-selected-point",
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
};
type WithMap = { __atlasMap?: MapHandle };

export interface AppDriver {
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
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
    async clickFirstCluster(): Promise<number> {
      const hit = await page.evaluate((layer) => {
        const map = (window as unknown as WithMap).__atlasMap;
        const cluster = map?.queryRenderedFeatures({ layers: [layer] })[0] as
          | { geometry?: { coordinates: [number, number] } }
          | undefined;
        if (!map || !cluster?.geometry) return null;
        const p = map.project(cluster.geometry.coordinates);
        const rect = map.getCanvas().getBoundingClientRect();
        return { x: rect.left + p.x, y: rect.top + p.y, zoom: map.getZoom() };
      }, LAYERS.clusters);
      if (!hit) throw new Error("no cluster is drawn");
      await page.mouse.click(hit.x, hit.y);
      await waitForMapIdle(page);
      return hit.zoom;
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
  return {
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
    async panelIsOpen(): Promise<boolean> {
      return (await page.getByTestId("incident-panel").count()) > 0;
    },
    async panelTitle(): Promise<string> {
      return (await page.locator("#incident-title").textContent()) ?? "";
    },
    async panelText(): Promise<string> {
      return (await page.getByTestId("incident-panel").textContent()) ?? "";
    },
    async claimTexts(): Promise<string[]> {
      return page.getByTestId("claim").allTextContents();
    },
    async sourceLinks(): Promise<{ text: string; href: string }[]> {
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
    /** What the map has drawn: incident symbols by id, plus the incidents counted inside clusters. */
    async renderedIncidents(): Promise<RenderedIncidents> {
      return page.evaluate((layers) => {
        const map = (window as unknown as WithMap).__atlasMap;
        if (!map) return { ids: [], clustered: 0 };
        const ids = new Set<string>();
        const clusters = new Map<number, number>();
        for (const f of map.queryRenderedFeatures({ layers: [layers.points, layers.clusters] })) {
          if (f.properties.cluster)
            clusters.set(Number(f.properties.cluster_id), Number(f.properties.point_count));
          else ids.add(String(f.properties.id));
        }
        return { ids: [...ids], clustered: [...clusters.values()].reduce((a, b) => a + b, 0) };
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
    async axeViolations(): Promise<{ id: string; impact: string; nodes: string[] }[]> {
      await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
      return page.evaluate(async () => {
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
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
      });
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

export const given = {
  /** Opens the built app in a fresh browser profile and waits for the incident list. */
  async app(baseUrl: string, options: AppOptions = {}): Promise<AppDriver> {
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
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    const errors: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));

    const state = { failing: options.failData === true };
    if (options.failData || options.data) {
      await page.route("**/data/incidents.geojson", async (route: Route) => {
        if (state.failing) return route.fulfill({ status: 503, body: "unavailable" });
        if (options.data) {
          return route.fulfill({
            status: 200,
            contentType: "application/geo+json",
            body: JSON.stringify(options.data),
          });
        }
        return route.continue();
      });
    }
    await page.goto(baseUrl);
    if (!options.failData) await page.getByTestId("incident-count").waitFor();

    return {
      page,
      requests,
      errors,
      when: createWhen(page, state),
      get: createGet(page),
      async close() {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  },
};

/** The collection the built app serves, read the way the browser reads it. */
export async function servedData(baseUrl: string): Promise<IncidentCollection> {
  const response = await fetch(new URL("data/incidents.geojson", baseUrl));
  return (await response.json()) as IncidentCollection;
}
