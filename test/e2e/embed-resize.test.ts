import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { wantedEmbedHeight } from "../../src/core/embed-resize.ts";
import {
  type AppDriver,
  given,
  type LocalServer,
  type SharedBrowser,
  type Surface,
  serveArticle,
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
let embed: Surface;

async function frameHeight(): Promise<number> {
  return (await reader.get.embedFrameBox()).height;
}

async function frameWidth(): Promise<number> {
  return (await reader.get.embedFrameBox()).width;
}

beforeAll(async () => {
  browser = await given.browser();
  const app = await browser.open(baseUrl);
  await app.when.openShareDialog();
  await app.when.chooseEmbedOptions({ width: 640, height: CHOSEN_HEIGHT, lang: "ar" });
  code = await app.get.value("embed-resizing-code");
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
  embed = await reader.when.embedFrom(new URL(baseUrl).origin);
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
    await reader.when.waitForEmbedHeight(wantedEmbedHeight(width));
    expect(await frameHeight()).toBe(wantedEmbedHeight(360));
    expect(wantedEmbedHeight(360)).not.toBe(CHOSEN_HEIGHT);
  });

  it("ignores a height the article page posts to itself", async () => {
    await reader.when.postHeightToItself(700);
    expect(await frameHeight()).toBe(wantedEmbedHeight(360));
  });

  it("follows the column when it gets wider", async () => {
    await reader.when.setColumnWidth(900);
    await reader.when.waitForEmbedHeight(wantedEmbedHeight(640));
    // The frame keeps the chosen width as its largest.
    expect(await frameWidth()).toBe(640);
  });

  it("draws the map over the whole frame at its new height, with no error in the article or the embed", async () => {
    await embed.when.waitForMap();
    const canvas = await embed.get.box(".maplibregl-canvas");
    const map = await embed.get.box('[data-testid="map"]');
    expect(canvas && map).toBeTruthy();
    if (!canvas || !map) return;
    expect(Math.abs(canvas.height - map.height)).toBeLessThanOrEqual(1);
    expect(reader.errors).toEqual([]);
  });
});
