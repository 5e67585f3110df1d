import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSP_META, cspHeader } from "../../src/core/content-security-policy.ts";
import {
  type AppDriver,
  given,
  type LocalServer,
  serveArticle,
  serveStatic,
  watchCspViolations,
} from "./driver/index.ts";

/**
 * The built app served the way docs/deploy.md says, with the Content Security Policy as a header (the strictest
 * form: it adds frame-ancestors to the page's own <meta>). A reader and a journalist go through the main views;
 * any `securitypolicyviolation` in the page, its frames or a worker fails the test.
 */
const DIST = join(import.meta.dirname, "../../dist");

let site: LocalServer;
let app: AppDriver;
let violations: () => Promise<string[]>;
const policyErrors = () => app.errors.filter((e) => /Content Security Policy/i.test(e));

beforeAll(async () => {
  site = await serveStatic(DIST, { "content-security-policy": cspHeader() });
  app = await given.app(site.url, {
    prepare: async (page) => {
      violations = await watchCspViolations(page);
    },
  });
  await app.when.waitForMap();
});

afterAll(async () => {
  await app?.close();
  await site?.close();
});

describe("the built app under its Content Security Policy", () => {
  it("carries the policy in the page, and the host sends the header form with frame-ancestors", async () => {
    expect(await app.get.metaPolicy()).toBe(CSP_META);
    const response = await fetch(site.url);
    expect(response.headers.get("content-security-policy")).toBe(`${CSP_META}; frame-ancestors *`);
  });

  it("draws the incidents on the map and lists them, with no violation", async () => {
    const drawn = await app.get.renderedIncidents();
    expect(drawn.ids.length + drawn.clustered).toBeGreaterThan(0);
    expect(await app.get.listedCount()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    expect(policyErrors()).toEqual([]);
  });

  it("loads the bundled Latin and Arabic fonts from its own stylesheet", async () => {
    expect(await app.get.fontsLoaded()).toEqual({ latin: true, arabic: true });
  });

  it("opens an incident, switches to Arabic and exports a PNG and the sheets, with no violation", async () => {
    const [first] = await app.get.rowIds();
    if (!first) throw new Error("the list is empty");
    await app.when.clickListItem(first);
    await app.when.waitForShown("incident-panel");
    await app.when.switchLanguage();
    await app.when.waitForMap();
    await app.when.openShareDialog();
    const [png] = await app.when.download("export-png");
    expect(png?.name).toMatch(/\.png$/);
    const sheets = await app.when.download("export-csv", 5);
    expect(sheets).toHaveLength(5);
    expect(await violations()).toEqual([]);
    expect(policyErrors()).toEqual([]);
  });

  it("runs as an embed in an article on another origin, with no violation", async () => {
    const article = await serveArticle(
      `<iframe src="${site.url}?embed=1&amp;lang=ar" width="480" height="360" title="Map"></iframe>`,
    );
    const { tab, violations: embedViolations } = await app.when.openTabWatchingPolicy(article.url);
    try {
      const embed = await tab.embedFrom(site.url);
      expect(await embed.get.metaPolicy()).toBe(CSP_META);
      expect(await embedViolations()).toEqual([]);
    } finally {
      await tab.close();
      await article.close();
    }
  });

  it("checks a sheet and previews its map on the Check a sheet page, with no violation", async () => {
    const { tab, violations: checkViolations } = await app.when.openTabWatchingPolicy(
      `${site.url}check.html`,
    );
    try {
      await tab.when.waitForShown("check-drop");
      expect(await tab.get.metaPolicy()).toBe(CSP_META);
      await tab.when.openSheetFiles(join(import.meta.dirname, "../../data"));
      await tab.when.waitForShown("check-preview");
      await tab.when.waitForCount(19);
      expect(await tab.get.fontsLoaded()).toEqual({ latin: true, arabic: true });
      expect(await checkViolations()).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
