/**
 * What the server answers, changed for one tab: a file missing, served as the wrong type, held back, or altered.
 * Each returns the `prepare` step of `given.app` / `browser.open` (it runs on the new tab before the app opens).
 */

import type { Page } from "playwright-core";

type Prepare = (page: Page) => Promise<void>;

/** The deployment lost the files whose URL matches `glob`: the server answers 404. */
export function missingFiles(glob: string): Prepare {
  return async (page) => {
    await page.route(glob, (route) => route.fulfill({ status: 404, body: "not found" }));
  };
}

/** The server answers `glob` with an HTML page, as a host that rewrites unknown paths to index.html does. */
export function servedAsHtml(glob: string): Prepare {
  return async (page) => {
    await page.route(glob, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Home</title>" }),
    );
  };
}

/** Holds every request matching `glob` until `release()`: a slow connection, under the test's control. */
export function heldRequests(glob: string): { prepare: Prepare; release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    async prepare(page) {
      await page.route(glob, async (route) => {
        await gate;
        await route.continue();
      });
    },
    release: () => release(),
  };
}

/** The real answer for `glob`, its body changed by `alter` (a table of another version, one cut short). */
export function alteredFiles(glob: string, alter: (body: Buffer) => Buffer | string): Prepare {
  return async (page) => {
    await page.route(glob, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: alter(await response.body()) });
    });
  };
}
