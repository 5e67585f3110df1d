/**
 * Interactions and fixtures for the share, embed and sub-path browser tests, on top of driver.ts (which alone
 * imports playwright-core: its types are reached here through `AppDriver["page"]`).
 *
 * Everything takes a Frame, so the same steps work on a page (`page.mainFrame()`) and inside an embed's iframe.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import type { AppDriver } from "./driver.ts";

export type Page = AppDriver["page"];
export type Frame = ReturnType<Page["mainFrame"]>;

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
    const deadline = Date.now() + 30_000;
    while (saved.length < count && Date.now() < deadline) await page.waitForTimeout(50);
    if (saved.length < count) throw new Error(`${testId}: ${saved.length} of ${count} downloads arrived`);
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

/** Requests that left both allowed origins; the `host` origin may only be asked for `hostUrls`. */
export function requestsOutside(
  requests: readonly string[],
  servingUrl: string,
  host?: { url: string; allowed: readonly string[] },
): string[] {
  const serving = new URL(servingUrl).origin;
  return requests.filter((url) => {
    if (url.startsWith("data:") || url.startsWith("blob:")) return false;
    const origin = new URL(url).origin;
    if (origin === serving) return false;
    if (host && origin === new URL(host.url).origin && host.allowed.includes(url)) return false;
    return true;
  });
}

// ── Images ─────────────────────────────────────────────────────────────────────────────────────────────────

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG's pixel size from its IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.subarray(12, 16).toString("latin1") !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export interface ImageFacts {
  /** Rows of the image's first column drawn in the map's frame rule (#d0d0d0), first and count. */
  ruleTop: number;
  ruleRows: number;
  /** Distinct colours inside the map's frame, and the share of the most common one. */
  mapColours: number;
  mapTopShare: number;
  /** Dark (text) pixels above the map and below it. */
  darkAbove: number;
  darkBelow: number;
}

/** Decodes the PNG in the browser (no request: an in-memory bitmap) and measures what it shows. */
export async function imageFacts(frame: Frame, png: Buffer): Promise<ImageFacts> {
  return frame.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const at = (x: number, y: number) => (y * width + x) * 4;
    // The frame rule is drawn over the map's left edge: it spans exactly the map's rows.
    let ruleTop = -1;
    let ruleRows = 0;
    for (let y = 0; y < height; y++) {
      const i = at(0, y);
      const grey =
        Math.abs((data[i] ?? 0) - 208) <= 8 &&
        Math.abs((data[i + 1] ?? 0) - 208) <= 8 &&
        Math.abs((data[i + 2] ?? 0) - 208) <= 8;
      if (grey) {
        if (ruleTop < 0) ruleTop = y;
        ruleRows++;
      }
    }
    const counts = new Map<number, number>();
    let mapPixels = 0;
    let darkAbove = 0;
    let darkBelow = 0;
    for (let y = 0; y < height; y++) {
      const inMap = y >= ruleTop && y < ruleTop + ruleRows;
      for (let x = 0; x < width; x++) {
        const i = at(x, y);
        const r = data[i] ?? 0;
        const g = data[i + 1] ?? 0;
        const b = data[i + 2] ?? 0;
        if (inMap && x > 4 && x < width - 4) {
          const key = (r << 16) | (g << 8) | b;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          mapPixels++;
        } else if (!inMap && r + g + b < 3 * 90) {
          if (y < ruleTop) darkAbove++;
          else darkBelow++;
        }
      }
    }
    const top = Math.max(0, ...counts.values());
    return {
      ruleTop,
      ruleRows,
      mapColours: counts.size,
      mapTopShare: mapPixels === 0 ? 1 : top / mapPixels,
      darkAbove,
      darkBelow,
    };
  }, png.toString("base64"));
}

// ── Servers ────────────────────────────────────────────────────────────────────────────────────────────────

export interface LocalServer {
  /** Base URL, ending in "/". */
  url: string;
  /** Every request: path and the status it got. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/**
 * An article on another origin (another port of 127.0.0.1): serves `html` at "/" and nothing else.
 * The page declares an inline icon, so the browser does not ask this host for /favicon.ico either.
 */
export async function serveArticle(body: string): Promise<LocalServer> {
  const log: LocalServer["log"] = [];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>An article</title></head><body style="margin:0;font:16px sans-serif">${body}</body></html>`;
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    const status = path === "/" ? 200 : 404;
    log.push({ path, status });
    response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    response.end(status === 200 ? html : "not found");
  });
  const url = await listen(server);
  return { url, log, close: closer(server) };
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * A plain static file server for `root`, as a basic host would be: folders answer with their index.html. `headers`
 * go with every answer (a Content-Security-Policy, say).
 */
export async function serveStatic(root: string, headers: Record<string, string> = {}): Promise<LocalServer> {
  const log: LocalServer["log"] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) file = "";
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file || !existsSync(file)) {
      log.push({ path, status: 404 });
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
      return;
    }
    log.push({ path, status: 200 });
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      ...headers,
    });
    createReadStream(file).pipe(response);
  });
  const url = await listen(server);
  return { url, log, close: closer(server) };
}

// ── Expectations from the served data ──────────────────────────────────────────────────────────────────────

/** The event type most incidents have (the first by id on a tie), for a filter that keeps several. */
export function commonestType(data: IncidentCollection): string {
  const counts = new Map<string, number>();
  for (const f of data.features)
    counts.set(f.properties.event_type, (counts.get(f.properties.event_type) ?? 0) + 1);
  const [best] = [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  if (!best) throw new Error("no incidents");
  return best[0];
}

/** Incidents of `type` whose days overlap [from, to], as docs/embedding.md defines the date filter. */
export function incidentsOf(
  data: IncidentCollection,
  type: string,
  from: string,
  to: string,
): IncidentFeature[] {
  return data.features.filter(
    (f) => f.properties.event_type === type && f.properties.date_start <= to && f.properties.date_end >= from,
  );
}

/**
 * A type filter and a date range that together keep some of that type's incidents but not all, when the
 * data allows: from the second-earliest incident's start to the latest start.
 */
export function chooseView(data: IncidentCollection): { type: string; from: string; to: string } {
  const type = commonestType(data);
  const ofType = data.features
    .filter((f) => f.properties.event_type === type)
    .sort((a, b) => (a.properties.date_start < b.properties.date_start ? -1 : 1));
  const first = ofType[Math.min(1, ofType.length - 1)] as IncidentFeature;
  const last = ofType[ofType.length - 1] as IncidentFeature;
  return { type, from: first.properties.date_start, to: last.properties.date_start };
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
  await frame.waitForFunction(() =>
    Boolean((window as unknown as MapHook).__atlasMap?.getSource("incidents")),
  );
  for (let attempt = 0; attempt < 40; attempt++) {
    await frame.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as MapHook).__atlasMap;
          if (!map) return resolve();
          map.once("idle", () => resolve());
          map.triggerRepaint();
        }),
    );
    if (!(await frame.evaluate(() => (window as unknown as MapHook).__atlasMap?.isMoving() ?? false))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function mapZoomIn(frame: Frame): Promise<number> {
  return frame.evaluate(() => (window as unknown as MapHook).__atlasMap?.getZoom() ?? Number.NaN);
}

// ── Content Security Policy ─────────────────────────────────────────────────────────────────────────────────

/**
 * Records every Content Security Policy violation the page and its frames report (`securitypolicyviolation`
 * events) and every console message of a worker that names the policy. Call before the page loads; the returned
 * function lists what was found so far (frames that are gone take theirs with them: ask before closing one).
 */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromWorkers: string[] = [];
  page.on("worker", (worker) => {
    worker.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) fromWorkers.push(`worker: ${message.text()}`);
    });
  });
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = found;
    document.addEventListener("securitypolicyviolation", (e) => {
      found.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return async () => {
    const found = [...fromWorkers];
    for (const frame of page.frames()) {
      const own = await frame
        .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
        .catch(() => []);
      found.push(...own.map((v) => `${frame.url()}: ${v}`));
    }
    return found;
  };
}

/** The policy of the page's <meta http-equiv="Content-Security-Policy">, or null. */
export async function metaPolicy(frame: Frame): Promise<string | null> {
  return frame.evaluate(
    () =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? null,
  );
}

/** Whether the page's "Atlas Sans" faces for Latin and for Arabic have loaded (the bundled fonts.css). */
export async function atlasFontsLoaded(frame: Frame): Promise<{ latin: boolean; arabic: boolean }> {
  return frame.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([
      document.fonts.load('16px "Atlas Sans"', "Map"),
      document.fonts.load('16px "Atlas Sans"', "خريطة"),
    ]);
    const loaded = [...document.fonts].filter(
      (f) => f.family.replace(/"/g, "") === "Atlas Sans" && f.status === "loaded",
    );
    return {
      latin: loaded.some((f) => f.unicodeRange.includes("U+0-24F")),
      arabic: loaded.some((f) => f.unicodeRange.includes("U+600-6FF")),
    };
  });
}
