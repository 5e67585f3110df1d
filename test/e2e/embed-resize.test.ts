import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { wantedEmbedHeight } from "../../src/core/embed-resize.ts";
import {
  type AppDriver,
  embedCodeFor,
  type Frame,
  given,
  type LocalServer,
  openShareDialog,
  type SharedBrowser,
  serveArticle,
  waitForMapIn,
} from "./driver/index.ts";

/**
 * A journalist copies the responsive code from the share dialog and pastes it into an article on another origin:
 * the script from the map's server sets the frame to the height the map asks for, and follows the column's width.
 * A height posted by anyone else (the article itself, another site's frame) changes nothing.
 */
const baseUrl = inject("baseUrl");
/** The height chosen in the dialog: the frame's height until the script has run, and where it never does. */
const CHOSEN_HEIGHT = 320;

let browser: SharedBrowser;
let article: LocalServer;
let stranger: LocalServer;
let reader: AppDriver;
let code: string;
let embed: Frame;

async function frameHeight(): Promise<number> {
  return reader.page.locator("iframe[data-incident-atlas]").evaluate((f) => f.getBoundingClientRect().height);
}

async function frameWidth(): Promise<number> {
  return reader.page.locator("iframe[data-incident-atlas]").evaluate((f) => f.getBoundingClientRect().width);
}

beforeAll(async () => {
  browser = await given.browser();
  const app = await browser.open(baseUrl);
  await openShareDialog(app.page.mainFrame());
  await embedCodeFor(app.page.mainFrame(), { width: 640, height: CHOSEN_HEIGHT, lang: "ar" });
  code = await app.page.getByTestId("embed-resizing-code").inputValue();
  await app.close();

  // A page of a third origin, framed by the article too: it tries to resize the map's frame.
  stranger = await serveArticle(
    `<p>Another site.</p><script>parent.postMessage({ type: "incident-atlas:height", height: 700 }, "*")</script>`,
  );
  article = await serveArticle(
    `<main id="column" style="width:360px;margin:0 auto"><h1>A story</h1>${code}` +
      `<iframe src="${stranger.url}" title="Another embed" width="300" height="100"></iframe></main>`,
  );
  reader = await browser.open(article.url, { viewport: { width: 1000, height: 900 }, waitForList: false });
  const origin = new URL(baseUrl).origin;
  const deadline = Date.now() + 60_000;
  let found = reader.page.frames().find((f) => f.url().startsWith(origin));
  while (!found && Date.now() < deadline) {
    await reader.page.waitForTimeout(50);
    found = reader.page.frames().find((f) => f.url().startsWith(origin));
  }
  if (!found) throw new Error("the embed's frame never loaded");
  embed = found;
  await embed.getByTestId("incident-count").waitFor({ state: "attached" });
  await waitForMapIn(embed);
});

afterAll(async () => {
  await browser?.close();
  await article?.close();
  await stranger?.close();
});

describe("the responsive embed code in an article on another origin", () => {
  it("is the sandboxed frame and a script from the map's own server", () => {
    const script = /<script src="([^"]+)" defer><\/script>$/.exec(code)?.[1] ?? "";
    expect(new URL(script).origin).toBe(new URL(baseUrl).origin);
    expect(new URL(script).pathname).toBe(`${new URL(baseUrl).pathname}embed.js`);
    expect(code).toContain(`height="${CHOSEN_HEIGHT}"`);
    expect(code).toContain(
      'sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"',
    );
  });

  it("takes the height the map asks for at the column's width, not the one a stranger posts", async () => {
    const width = await frameWidth();
    expect(width).toBe(360);
    await reader.page.waitForFunction((h) => {
      const frame = document.querySelector("iframe[data-incident-atlas]");
      return frame !== null && Math.round(frame.getBoundingClientRect().height) === h;
    }, wantedEmbedHeight(width));
    expect(await frameHeight()).toBe(wantedEmbedHeight(360));
    expect(wantedEmbedHeight(360)).not.toBe(CHOSEN_HEIGHT);
  });

  it("ignores a height the article page posts to itself", async () => {
    await reader.page.evaluate(() => window.postMessage({ type: "incident-atlas:height", height: 700 }, "*"));
    await reader.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await frameHeight()).toBe(wantedEmbedHeight(360));
  });

  it("follows the column when it gets wider", async () => {
    await reader.page.evaluate(() => {
      const column = document.getElementById("column");
      if (column) column.style.width = "900px";
    });
    await reader.page.waitForFunction((h) => {
      const frame = document.querySelector("iframe[data-incident-atlas]");
      return frame !== null && Math.round(frame.getBoundingClientRect().height) === h;
    }, wantedEmbedHeight(640));
    // The frame keeps the chosen width as its largest.
    expect(await frameWidth()).toBe(640);
  });

  it("draws the map over the whole frame at its new height, with no error in the article or the embed", async () => {
    await waitForMapIn(embed);
    const canvas = await embed.locator(".maplibregl-canvas").boundingBox();
    const map = await embed.getByTestId("map").boundingBox();
    expect(canvas && map).toBeTruthy();
    if (!canvas || !map) return;
    expect(Math.abs(canvas.height - map.height)).toBeLessThanOrEqual(1);
    expect(reader.errors).toEqual([]);
  });
});
