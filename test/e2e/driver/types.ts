/** The driver's shapes: how an app is opened, what a driver holds, what some questions answer. */

import type { Page } from "playwright-core";
import type { IncidentCollection } from "../../../src/core/incident.ts";
import type { createGet } from "./get.ts";
import type { createWhen } from "./when.ts";

export interface AppOptions {
  viewport?: { width: number; height: number };
  /** false: launch without WebGL, as an old or locked-down browser would be. */
  webgl?: boolean;
  /** Make the data request fail (until `when.dataComesBack()`). */
  failData?: boolean;
  /** Serve this collection instead of the built data (for example a large generated one). */
  data?: IncidentCollection;
  timezoneId?: string;
  /** false: do not wait for the incident list (the data is broken on purpose and an error screen is expected). */
  waitForList?: boolean;
  /** Runs on the new tab before the app is opened (routes of its own: a held or missing file). */
  prepare?: (page: Page) => Promise<void>;
}

export interface RenderedIncidents {
  /** Ids of incidents drawn as their own symbol. */
  ids: string[];
  /** Incidents drawn inside clusters (sum of cluster counts). */
  clustered: number;
}

export interface AppDriver {
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Alerts, confirms and prompts the page opened (each dismissed at once). */
  dialogs: string[];
  when: ReturnType<typeof createWhen>;
  get: ReturnType<typeof createGet>;
  close(): Promise<void>;
}

export const MULTI_SELECTS = {
  actor: "filter-actor",
  source: "filter-source",
  type: "filter-type",
  gov: "filter-gov",
} as const;
export type MultiSelectKind = keyof typeof MULTI_SELECTS;

/** What a chip stands for (its test id is `chip-<key>-<value>`). */
export interface Chip {
  key: string;
  value: string;
  text: string;
}

/** The page's address, split as the app writes it. */
export interface PageUrl {
  /** Query keys and their decoded values. */
  query: Record<string, string>;
  /** "#zoom/lat/lon", or "". */
  hash: string;
}

/** One browser for a whole spec file; each `open` is a new tab, closed by the driver's `close()`. */
export interface SharedBrowser {
  /** Opens the app at `url` (the base URL, with any query and hash) in a new tab. */
  open(
    url: string,
    options?: Pick<AppOptions, "viewport" | "data" | "failData" | "prepare" | "waitForList">,
  ): Promise<AppDriver>;
  close(): Promise<void>;
}
