/**
 * `npm run screenshots`: serves the built dist/ on loopback and writes PNGs of the main views to
 * docs/screenshots/ (desktop EN/AR, panel open, phone EN/AR, no WebGL, Arabic map labels). Look at them after a UI change.
 */
import { mkdirSync } from "node:fs";
import { preview } from "vite";
import type { IncidentFeature } from "../../src/core/incident.ts";
import { type AppDriver, type AppOptions, given, servedData } from "./driver.ts";

const OUT = process.env.SCREENSHOT_DIR ?? "docs/screenshots";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 640 };

/** The incident the panel shots show: a contested one with claims from several claimants, if there is one. */
function showcase(features: IncidentFeature[]): IncidentFeature {
  const score = (f: IncidentFeature) =>
    (f.properties.contested ? 10 : 0) + new Set(f.properties.claims.map((c) => c.claimant.id)).size;
  const best = [...features].sort((a, b) => score(b) - score(a))[0];
  if (!best) throw new Error("the data has no incidents");
  return best;
}

async function shoot(
  baseUrl: string,
  name: string,
  options: AppOptions,
  act: (app: AppDriver) => Promise<void> = async () => {},
): Promise<void> {
  const app = await given.app(baseUrl, options);
  try {
    if (options.webgl !== false) await app.when.waitForMap();
    await act(app);
    if (options.webgl !== false) await app.when.waitForMap();
    await app.page.screenshot({ path: `${OUT}/${name}.png` });
    console.log(`${OUT}/${name}.png`);
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await preview({
    preview: { host: "127.0.0.1", port: 4191, strictPort: false },
    logLevel: "warn",
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error("vite preview did not report a URL");
  try {
    const data = await servedData(baseUrl);
    const chosen = showcase(data.features);
    const openChosen = async (app: AppDriver) => {
      await app.when.clickListItem(chosen.properties.id);
    };
    const arabic = async (app: AppDriver) => app.when.switchLanguage();

    await shoot(baseUrl, "desktop-en", { viewport: DESKTOP });
    await shoot(baseUrl, "desktop-ar", { viewport: DESKTOP }, arabic);
    await shoot(baseUrl, "panel-en", { viewport: DESKTOP }, openChosen);
    await shoot(baseUrl, "panel-ar", { viewport: DESKTOP }, async (app) => {
      await arabic(app);
      await openChosen(app);
    });
    await shoot(baseUrl, "phone-en", { viewport: PHONE });
    await shoot(baseUrl, "phone-ar", { viewport: PHONE }, arabic);
    await shoot(baseUrl, "phone-panel-en", { viewport: PHONE }, openChosen);
    await shoot(baseUrl, "phone-panel-ar", { viewport: PHONE }, async (app) => {
      await arabic(app);
      await openChosen(app);
    });
    await shoot(baseUrl, "no-webgl", { viewport: DESKTOP, webgl: false }, openChosen);
    // Arabic labels with parentheses (Tabqa, Kobani, Palmyra): drawn the right way round, not ")Tadmur(".
    await shoot(`${baseUrl}?lang=ar#7/35.7/38.6`, "map-labels-ar", {
      viewport: { width: 1440, height: 900 },
    });
  } finally {
    await server.close();
  }
}

await main();
