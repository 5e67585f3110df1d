/**
 * The browser driver: the one entry specs import, and (with the files beside it) the only code that imports
 * playwright-core. Specs read as user stories through it:
 * `const app = await given.app(baseUrl); await app.when.clickListItem(id); expect(await app.get.panelTitle())…`
 *
 * One job per file: open-app (launching chromium, opening the app), when (what a user does), get-* (what a user
 * sees, by part of the page), page-map (the map test hook and "the page has settled"), frame (steps that work in
 * an embed's iframe too), embed, keyboard, focus-ring, reflow, label, map, check (one page or concern each),
 * servers, images, csp, oracle and pick-incident (what the page should show, from the served data).
 */

export * from "./check.ts";
export * from "./csp.ts";
export * from "./embed.ts";
export * from "./focus-ring.ts";
export * from "./frame.ts";
export * from "./images.ts";
export * from "./keyboard.ts";
export * from "./label.ts";
export * from "./map.ts";
export * from "./network.ts";
export * from "./open-app.ts";
export * from "./oracle.ts";
export * from "./pick-incident.ts";
export * from "./reflow.ts";
export * from "./servers.ts";
export type { Surface, Tab } from "./tabs.ts";
export type {
  AppDriver,
  AppOptions,
  Chip,
  MultiSelectKind,
  PageUrl,
  RenderedIncidents,
  SharedBrowser,
} from "./types.ts";
