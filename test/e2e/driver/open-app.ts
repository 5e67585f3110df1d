/** Launching Debian's chromium and opening the built app in it; the given/useSharedBrowser entry points. */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page, type Route } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { TABLE_FILES } from "../../../src/core/incident-table.ts";
import { createTableFiles } from "../../../src/core/table-writer.ts";
import { CHROMIUM_PATH } from "../global-setup.ts";
import { createGet } from "./get.ts";
import type { AppDriver, AppOptions, SharedBrowser } from "./types.ts";
import { createWhen } from "./when.ts";

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
    when: createWhen(page.mainFrame(), page, state),
    get: createGet(page.mainFrame()),
    close,
  };
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
