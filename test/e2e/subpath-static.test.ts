import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { IncidentCollection } from "../../src/core/incident.ts";
import {
  type AppDriver,
  given,
  type LocalServer,
  parseSnippet,
  requestsOutside,
  servedData,
  serveStatic,
} from "./driver/index.ts";

/**
 * docs/deploy.md: the built dist/ copied into any folder of any static host works. Here: a plain node:http
 * file server (no rewrites, no SPA fallback) serving the build at /maps/syria/.
 */
const baseUrl = inject("baseUrl");
const SUB_PATH = "maps/syria/";

let site: string;
let server: LocalServer;
let app: AppDriver;
let data: IncidentCollection;
let mapUrl: string;

beforeAll(async () => {
  data = await servedData(baseUrl);
  site = mkdtempSync(join(tmpdir(), "atlas-subpath-"));
  mkdirSync(join(site, SUB_PATH), { recursive: true });
  cpSync("dist", join(site, SUB_PATH), { recursive: true });
  server = await serveStatic(site);
  mapUrl = new URL(SUB_PATH, server.url).href;
  app = await given.app(mapUrl);
  await app.when.waitForMap();
});

afterAll(async () => {
  await app?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

describe("the build served from a sub-path (/maps/syria/)", () => {
  it("lists every incident and draws them on the map", async () => {
    expect(await app.get.listedCount()).toBe(data.features.length);
    const drawn = await app.get.renderedIncidents();
    expect(drawn.ids.length + drawn.clustered).toBe(data.features.length);
  });

  it("loads the scripts, styles, data, basemap and fonts from the sub-path, with nothing missing", () => {
    const served = server.log.filter((entry) => entry.status === 200).map((entry) => entry.path);
    expect(server.log.filter((entry) => entry.status !== 200)).toEqual([]);
    expect(served.every((path) => path.startsWith(`/${SUB_PATH}`))).toBe(true);
    expect(served).toContain(`/${SUB_PATH}data/table/table.json`);
    expect(served.some((path) => path.endsWith("incidents.geojson"))).toBe(false);
    expect(served.some((path) => /\/assets\/.+\.js$/.test(path))).toBe(true);
    expect(served.some((path) => /\/assets\/.+\.css$/.test(path))).toBe(true);
    expect(served.some((path) => /\/basemap\/.+\.geojson$/.test(path))).toBe(true);
    expect(served.some((path) => /\/basemap\/fonts\/.+\.woff2$/.test(path))).toBe(true);
    expect(requestsOutside(app.requests, mapUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it("shares links and embeds that point into the sub-path", async () => {
    await app.when.openShareDialog();
    const link = new URL(await app.get.shareLink());
    const embed = new URL(parseSnippet(await app.when.chooseEmbedOptions({})).src);
    await app.when.closeShareDialog();
    expect(link.origin + link.pathname).toBe(mapUrl);
    expect(embed.origin + embed.pathname).toBe(mapUrl);
    expect(embed.searchParams.get("embed")).toBe("1");
    expect(server.log.filter((entry) => entry.status !== 200)).toEqual([]);
  });
});
