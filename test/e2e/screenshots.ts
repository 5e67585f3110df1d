/**
 * `npm run screenshots`: serves the built dist/ on loopback and writes PNGs of the main views to
 * docs/screenshots/ (desktop EN/AR, panel open, phone EN/AR, no WebGL, Arabic map labels; the Check a sheet
 * page with the ten-mistakes sheet in EN/AR and with the curated sheet; embeds with an incident open at newsroom
 * iframe sizes, in an article on another origin, in embeds/). Look at them after a UI change.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { preview } from "vite";
import type { IncidentFeature } from "../../src/core/incident.ts";
import {
  type AppDriver,
  type AppOptions,
  given,
  openCheckPage,
  openEmbedded,
  openSheetFiles,
  servedData,
  showRowOf,
  waitForCount,
  waitForMapIn,
} from "./driver/index.ts";

const OUT = process.env.SCREENSHOT_DIR ?? "docs/screenshots";
/** Only the shots whose name starts with this (e.g. SCREENSHOT_ONLY=check), to redo one page's shots. */
const ONLY = process.env.SCREENSHOT_ONLY ?? "";
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
  fullPage = false,
): Promise<void> {
  if (!name.startsWith(ONLY)) return;
  const app = await given.app(baseUrl, options);
  try {
    if (options.webgl !== false) await app.when.waitForMap();
    await act(app);
    if (options.webgl !== false) await app.when.waitForMap();
    await app.page.screenshot({ path: `${OUT}/${name}.png`, fullPage });
    console.log(`${OUT}/${name}.png`);
  } finally {
    await app.close();
  }
}

/** The Check a sheet page after opening the sheets in `dir`; `act` runs before the shot. */
async function shootCheck(
  baseUrl: string,
  name: string,
  dir: string,
  query: string,
  act: (app: AppDriver) => Promise<void>,
): Promise<void> {
  if (!name.startsWith(ONLY)) return;
  const browser = await given.browser({ viewport: DESKTOP });
  try {
    const app = await openCheckPage(browser, baseUrl, query);
    await openSheetFiles(app, dir);
    await act(app);
    await app.page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
    console.log(`${OUT}/${name}.png`);
  } finally {
    await browser.close();
  }
}

/** Iframe sizes newsrooms use: phone column, short strip, article width, wide. */
const EMBED_SIZES = [
  { width: 320, height: 480 },
  { width: 480, height: 320 },
  { width: 640, height: 480 },
  { width: 700, height: 500 },
  { width: 1200, height: 600 },
];

/** The embed with `id` open, in an article on another origin, at each size and in both languages. */
async function shootEmbeds(baseUrl: string, id: string): Promise<void> {
  if (!"embeds".startsWith(ONLY) && !ONLY.startsWith("embeds")) return;
  mkdirSync(`${OUT}/embeds`, { recursive: true });
  const browser = await given.browser();
  try {
    for (const size of EMBED_SIZES) {
      for (const lang of ["en", "ar"]) {
        const name = `embeds/${size.width}x${size.height}-${lang}`;
        const embed = await openEmbedded(
          browser,
          `${baseUrl}?embed=1&id=${encodeURIComponent(id)}&lang=${lang}`,
          size,
        );
        try {
          // The selected incident is eased out from under the panel once it has opened.
          await embed.article.page.waitForTimeout(800);
          await waitForMapIn(embed.frame);
          await embed.article.page.screenshot({ path: `${OUT}/${name}.png` });
          console.log(`${OUT}/${name}.png`);
        } finally {
          await embed.close();
        }
      }
    }
  } finally {
    await browser.close();
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
    await shootEmbeds(baseUrl, chosen.properties.id);
    // Reflow (WCAG 1.4.10): a 1366×768 screen at 200% zoom, and a phone held sideways with an incident open.
    // The whole page, as it scrolls: header and filters, then the map and the list with a screen each.
    const ZOOM_200 = { width: 683, height: 384 };
    const LANDSCAPE_PHONE = { width: 844, height: 390 };
    await shoot(baseUrl, "reflow-zoom200-en", { viewport: ZOOM_200 }, async () => {}, true);
    await shoot(baseUrl, "reflow-zoom200-ar", { viewport: ZOOM_200 }, arabic, true);
    await shoot(baseUrl, "reflow-landscape-en", { viewport: LANDSCAPE_PHONE }, openChosen, true);
    await shoot(
      baseUrl,
      "reflow-landscape-ar",
      { viewport: LANDSCAPE_PHONE },
      async (app) => {
        await arabic(app);
        await openChosen(app);
      },
      true,
    );
    const tenMistakes = join(import.meta.dirname, "../fixtures/sheets/ten-mistakes");
    const showThirdRow = async (app: AppDriver) => void (await showRowOf(app, 2));
    await shootCheck(baseUrl, "check-errors-en", tenMistakes, "", showThirdRow);
    await shootCheck(baseUrl, "check-errors-ar", tenMistakes, "?lang=ar", showThirdRow);
    await shootCheck(baseUrl, "check-preview-en", "data", "", async (app) => {
      await waitForCount(app.page.mainFrame(), 19);
      await app.when.waitForMap();
    });
  } finally {
    await server.close();
  }
}

await main();
